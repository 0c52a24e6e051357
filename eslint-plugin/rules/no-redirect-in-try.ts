import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { completeSettings, createRule } from '../utils/create-rule.js';
import { isFunctionNode } from '../utils/directives.js';
import { catchRethrowsNavigation, navigationCallee, THROWING_NAVIGATION } from '../utils/next-navigation.js';

interface Settings {
  functions: string[];
}
export type Options = [Partial<Settings>];
export type MessageIds = 'swallowed';

/**
 * The innermost `try` whose `catch` would swallow an error thrown at `node`: walking out to the enclosing
 * function, each `try` whose block holds the node catches it; one that rethrows Next.js's errors passes
 * them on to the next. A call in a `catch` or `finally` is outside its own `try`.
 */
function swallowingTry(
  ancestors: readonly TSESTree.Node[],
  node: TSESTree.Node,
  rethrows: (handler: TSESTree.CatchClause) => boolean,
): TSESTree.TryStatement | undefined {
  let child: TSESTree.Node = node;
  // Stryker disable next-line EqualityOperator: ancestors[0] is the Program, neither a function nor a try
  for (let index = ancestors.length - 1; index >= 0; index -= 1) {
    const ancestor = ancestors[index]!;
    if (isFunctionNode(ancestor)) return undefined;
    if (
      ancestor.type === AST_NODE_TYPES.TryStatement &&
      ancestor.block === child &&
      ancestor.handler !== null &&
      !rethrows(ancestor.handler)
    ) {
      return ancestor;
    }
    child = ancestor;
  }
  return undefined;
}

export default createRule<Options, MessageIds>({
  name: 'no-redirect-in-try',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow `redirect()`, `notFound()` and the other throwing navigations inside a `try` whose `catch` swallows them',
      recommended: true,
      scope: 'source',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          functions: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Exports of `next/navigation` that navigate by throwing and so must not be caught: by default all five (`redirect`, `permanentRedirect`, `notFound`, `forbidden`, `unauthorized`).',
          },
        },
      },
    ],
    defaultOptions: [{ functions: [...THROWING_NAVIGATION] }],
    messages: {
      swallowed:
        "{{name}}() navigates by throwing, and the catch of this try swallows that error, so the navigation never happens. Call {{name}}() after the try/catch, or let Next.js's errors through first in the catch: unstable_rethrow(error) from next/navigation.",
    },
  },
  create(context, [options]) {
    const { functions } = completeSettings<Settings>(options);
    const sourceCode = context.sourceCode;
    const throwing = new Set(functions);
    // Most files have no try or do not navigate; skipping them keeps the rule free on the bulk of a project.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a pre-check that only saves work: without it the same files get no report
    if (!sourceCode.text.includes('next/navigation') || !sourceCode.text.includes('try')) return {};
    const verdicts = new Map<TSESTree.CatchClause, boolean>();
    const rethrows = (handler: TSESTree.CatchClause): boolean => {
      let verdict = verdicts.get(handler);
      // Stryker disable next-line ConditionalExpression: a cache; deciding again every time gives the same verdict
      if (verdict === undefined) {
        verdict = catchRethrowsNavigation(sourceCode, handler);
        verdicts.set(handler, verdict);
      }
      return verdict;
    };

    return {
      'TryStatement CallExpression'(node: TSESTree.CallExpression) {
        const name = navigationCallee(sourceCode, node);
        if (name === undefined || !throwing.has(name)) return;
        if (swallowingTry(sourceCode.getAncestors(node), node, rethrows) === undefined) return;
        context.report({ node, messageId: 'swallowed', data: { name } });
      },
    };
  },
});
