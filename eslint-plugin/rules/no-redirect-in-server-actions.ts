import type { TSESTree } from '@typescript-eslint/utils';
import { completeSettings, createRule } from '../utils/create-rule.js';
import { isInServerAction } from '../utils/directives.js';
import { navigationCallee, THROWING_NAVIGATION } from '../utils/next-navigation.js';

interface Settings {
  functions: string[];
}
export type Options = [Partial<Settings>];
export type MessageIds = 'noRedirect';

export default createRule<Options, MessageIds>({
  name: 'no-redirect-in-server-actions',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow `redirect()` in server actions; return a `{ success, … }` result and navigate in the client',
      recommended: true,
      scope: 'source',
      strictOptions: [{ functions: [...THROWING_NAVIGATION] }],
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
              'Exports of `next/navigation` that may not be called in server actions; add `notFound`, `forbidden` and `unauthorized` to ban every navigation that throws.',
          },
        },
      },
    ],
    defaultOptions: [{ functions: ['redirect', 'permanentRedirect'] }],
    messages: {
      noRedirect:
        "Don't call {{name}}() in a server action: it navigates by throwing, so a surrounding try/catch swallows it and the caller never gets a result. Return { success: false, error } (or { success: true, … }) and navigate in the client.",
    },
  },
  create(context, [options]) {
    const { functions } = completeSettings<Settings>(options);
    const sourceCode = context.sourceCode;
    const banned = new Set(functions);
    // Most files mention neither; skipping them keeps the rule free on the bulk of a project.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a pre-check that only saves work: without it the same files get no report
    if (!sourceCode.text.includes('use server') || !sourceCode.text.includes('next/navigation')) return {};

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const name = navigationCallee(sourceCode, node);
        if (name === undefined || !banned.has(name)) return;
        if (!isInServerAction(sourceCode.ast, sourceCode.getAncestors(node))) return;
        context.report({ node, messageId: 'noRedirect', data: { name } });
      },
    };
  },
});
