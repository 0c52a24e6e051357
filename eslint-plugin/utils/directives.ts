import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/**
 * The value of a statement that is a plain string expression, `'use server';`. Parenthesised strings and
 * templates never form a directive, wherever they stand, so they have no value here.
 */
export function stringStatementValue(statement: TSESTree.Node): string | undefined {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const { expression } = statement;
  if (expression.type !== AST_NODE_TYPES.Literal || typeof expression.value !== 'string') return undefined;
  // `('use server');` starts at the parenthesis, before the literal.
  if (statement.range[0] !== expression.range[0]) return undefined;
  return expression.value;
}

/**
 * The directive prologue of a module or function body: the leading string-expression statements.
 * An import, a declaration or any other statement ends it, so a `'use server'` after the imports is not
 * part of it (Next.js ignores such a string).
 */
export function directivePrologue(body: readonly TSESTree.Node[]): TSESTree.ExpressionStatement[] {
  const prologue: TSESTree.ExpressionStatement[] = [];
  for (const statement of body) {
    if (stringStatementValue(statement) === undefined) break;
    prologue.push(statement as TSESTree.ExpressionStatement);
  }
  return prologue;
}

export function hasDirective(body: readonly TSESTree.Node[], directive: string): boolean {
  return directivePrologue(body).some((statement) => stringStatementValue(statement) === directive);
}

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The statements of a function's block body; an expression-bodied arrow has none (and no prologue). */
export function functionBodyStatements(node: FunctionNode): TSESTree.Statement[] {
  return node.body?.type === AST_NODE_TYPES.BlockStatement ? node.body.body : [];
}

export function functionHasDirective(node: FunctionNode, directive: string): boolean {
  return hasDirective(functionBodyStatements(node), directive);
}

/**
 * Whether `node` runs as server-action code: its module starts with `'use server'`, or it sits inside a
 * function (at any depth) whose body starts with `'use server'` — an inline action.
 */
export function isInServerAction(
  program: TSESTree.Program,
  ancestors: readonly TSESTree.Node[],
  node?: TSESTree.Node,
): boolean {
  if (hasDirective(program.body, 'use server')) return true;
  if (node !== undefined && isFunctionNode(node) && functionHasDirective(node, 'use server')) return true;
  return ancestors.some(
    (ancestor) => isFunctionNode(ancestor) && functionHasDirective(ancestor, 'use server'),
  );
}
