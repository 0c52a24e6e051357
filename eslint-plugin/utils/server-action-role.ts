/**
 * How Next.js runs a function: as a server-action endpoint the browser can call, as code inside such an
 * action, or as an ordinary function.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { functionHasDirective, hasDirective, isFunctionNode, type FunctionNode } from './directives.js';

export type ServerActionRole = 'endpoint' | 'action code' | 'function';

/**
 * How Next.js runs a function: an endpoint (an exported function of a `'use server'` module, or one
 * whose body starts with `'use server'`), code inside such an action, or an ordinary function.
 */
export function serverActionRole(
  program: TSESTree.Program,
  ancestors: readonly TSESTree.Node[],
  fn: FunctionNode,
): ServerActionRole {
  if (functionHasDirective(fn, 'use server')) return 'endpoint';
  const enclosing = ancestors.filter(isFunctionNode);
  if (enclosing.some((outer) => functionHasDirective(outer, 'use server'))) return 'action code';
  if (!hasDirective(program.body, 'use server')) return 'function';
  if (enclosing.length > 0) return 'action code';
  const statement = ancestors[1] ?? fn;
  return isExported(program, statement) ? 'endpoint' : 'function';
}

/** Whether a top-level statement is exported: `export …`, or its binding named in `export { … }`. */
function isExported(program: TSESTree.Program, statement: TSESTree.Node): boolean {
  if (
    statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
  )
    return true;
  const names = new Set<string>();
  if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id !== null)
    names.add(statement.id.name);
  if (statement.type === AST_NODE_TYPES.VariableDeclaration)
    for (const declarator of statement.declarations)
      if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
  return program.body.some((other) => {
    if (other.type === AST_NODE_TYPES.ExportDefaultDeclaration)
      return other.declaration.type === AST_NODE_TYPES.Identifier && names.has(other.declaration.name);
    return (
      other.type === AST_NODE_TYPES.ExportNamedDeclaration &&
      other.source === null &&
      other.specifiers.some(
        (specifier) => specifier.local.type === AST_NODE_TYPES.Identifier && names.has(specifier.local.name),
      )
    );
  });
}
