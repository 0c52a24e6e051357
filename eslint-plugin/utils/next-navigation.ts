/**
 * What `next/navigation` exports that matters to the server-action rules: the functions that navigate by
 * throwing, and the ways a `catch` can let their error through.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { childNodes } from './ast-children.js';
import { NAVIGATION_SPECIFIER } from '../../conventions/vocabulary.js';
import { calleeName, resolveImportedExpression } from './import-bindings.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export { NAVIGATION_SPECIFIER, THROWING_NAVIGATION } from '../../conventions/vocabulary.js';

/**
 * Next.js's own predicates for its navigation errors (`next/dist/client/components/…`): a `catch` that
 * calls one is telling them apart from its own errors. Matched by name, since their module path is internal.
 */
const NAVIGATION_ERROR_CHECKS = new Set([
  'isRedirectError',
  'isNotFoundError',
  'isHTTPAccessFallbackError',
  'isNextRouterError',
]);

/** The `next/navigation` export a call's callee names (`redirect`, `nav.notFound`, an alias), if any. */
export function navigationCallee(sourceCode: SourceCode, call: TSESTree.CallExpression): string | undefined {
  const imported = resolveImportedExpression(sourceCode, call.callee);
  return imported !== undefined && NAVIGATION_SPECIFIER.test(imported.source) ? imported.imported : undefined;
}

/**
 * Whether a `catch` clause lets Next.js's navigation errors through: it calls `unstable_rethrow(…)`, checks
 * the error with `isRedirectError`-style predicates, or throws its own parameter (`throw error`) somewhere.
 * Code in functions declared inside the clause does not run as part of it and does not count.
 */
export function catchRethrowsNavigation(sourceCode: SourceCode, handler: TSESTree.CatchClause): boolean {
  const parameter = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  let rethrows = false;
  const visit = (node: TSESTree.Node): void => {
    if (rethrows) return;
    switch (node.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return;
      case AST_NODE_TYPES.ThrowStatement:
        if (
          parameter !== undefined &&
          node.argument.type === AST_NODE_TYPES.Identifier &&
          node.argument.name === parameter
        ) {
          rethrows = true;
          return;
        }
        break;
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(node.callee);
        if (name !== undefined && NAVIGATION_ERROR_CHECKS.has(name)) {
          rethrows = true;
          return;
        }
        if (navigationCallee(sourceCode, node) === 'unstable_rethrow') {
          rethrows = true;
          return;
        }
        break;
      }
      default:
        break;
    }
    for (const child of childNodes(sourceCode, node)) visit(child);
  };
  visit(handler.body);
  return rethrows;
}
