// eslint-doc-generator loads the plugin from eslint-plugin/ (see eslint-plugin/package.json), so every path
// below is relative to that folder. `npm run docs:generate` rewrites the rule doc headers and rules lists.
import prettier from 'prettier';

/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  // Written as prettier would write it, so `npm run format:check` and `--check` agree on the tables.
  postprocess: async (content, path) =>
    prettier.format(content, { ...(await prettier.resolveConfig(path)), filepath: path }),
  pathRuleDoc: '../docs/rules/{name}.md',
  pathRuleList: ['../README.md', 'README.md'],
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['all'],
  ruleDocSectionInclude: ['Why', 'Wrong', 'Correct', 'When not to use it'],
  ruleListColumns: ['name', 'description', 'configsError', 'hasSuggestions', 'options'],
};
