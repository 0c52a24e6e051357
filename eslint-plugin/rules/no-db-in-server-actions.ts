import type { TSESTree } from '@typescript-eslint/utils';
import { DEFAULT_CONVENTIONS } from '../../conventions/index.js';
import { completeSettings, createRule } from '../utils/create-rule.js';
import {
  chainFrom,
  createDatabaseResolver,
  DATABASE_METHODS,
  hasDrizzleShape,
} from '../utils/data-access.js';
import { isInServerAction } from '../utils/directives.js';
import { propertyName } from '../utils/import-bindings.js';
import { createModuleMatcher } from '../utils/module-patterns.js';

interface Settings {
  dbModules: string[];
}
export type Options = [Partial<Settings>];
export type MessageIds = 'noDatabase';

export default createRule<Options, MessageIds>({
  name: 'no-db-in-server-actions',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow database calls in server actions; call the many-first model ops instead',
      recommended: true,
      scope: 'source',
      conventionOptions: { dbModules: 'dbModules' },
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          dbModules: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Modules that export the database client: specifiers (`@/lib/db`, globs allowed) or root-relative file globs (`src/lib/db/index.ts`). Defaults to the conventions’ `dbModules`.',
          },
        },
      },
    ],
    defaultOptions: [{ dbModules: [...DEFAULT_CONVENTIONS.dbModules] }],
    messages: {
      noDatabase:
        "Server actions change data through model ops, not the database client: replace {{call}}(…) with the model's many-first op (insertTags([data]), selectTags([eq(tags.id, id)]), …). Compose several ops in db.transaction when they must commit together.",
    },
  },
  create(context, [options]) {
    const { dbModules } = completeSettings<Settings>(options);
    const sourceCode = context.sourceCode;
    // Only server-action code can break the rule, and it always carries the directive somewhere.
    // Stryker disable next-line ConditionalExpression,StringLiteral: a pre-check that only saves work: without it the same files get no report
    if (!sourceCode.text.includes('use server')) return {};
    const isDatabase = createDatabaseResolver(sourceCode, createModuleMatcher(dbModules, context.filename));

    return {
      MemberExpression(node: TSESTree.MemberExpression) {
        const method = propertyName(node);
        if (method === undefined || !DATABASE_METHODS.has(method)) return;
        if (!isInServerAction(sourceCode.ast, sourceCode.getAncestors(node))) return;
        if (!isDatabase(node.object) && !hasDrizzleShape(chainFrom(node).links)) return;
        context.report({ node, messageId: 'noDatabase', data: { call: sourceCode.getText(node) } });
      },
    };
  },
});
