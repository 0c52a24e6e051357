/**
 * many-first's ESLint plugin: `import manyFirst from 'many-first/eslint-plugin'` and spread
 * `manyFirst.configsFor(import.meta.dirname).recommended` (the project's layout, found from its code and
 * many-first.config.json) or `manyFirst.configs.recommended` (any layout, no project read) into
 * `eslint.config.js`. The CLI and the MCP server build the same configs with `createConfigs(conventions)`.
 */
import type { Rule } from 'eslint';
import { DEFAULT_CONVENTIONS, type Conventions } from '../conventions/index.js';
import { discoverLayout } from '../conventions/layout.js';
import { ownPackage } from '../conventions/own-package.js';
import { buildConfigs, PLUGIN_PREFIX, type ManyFirstConfigs } from './configs.js';
import { rules, type RuleName } from './rules/index.js';

/**
 * The plugin in ESLint's own types, so it fits `plugins: { 'many-first': plugin }` in a typed config.
 * The rules are typescript-eslint rule modules; import `rules` for their precise types.
 */
export interface ManyFirstPlugin {
  meta: { name: string; version: string };
  rules: Record<RuleName, Rule.RuleModule>;
  configs: ManyFirstConfigs;
  /** The configs fitted to the project at `root` (see `loadConfigs`). */
  configsFor(root: string): ManyFirstConfigs;
}

const plugin: ManyFirstPlugin = {
  meta: { name: PLUGIN_PREFIX, version: ownPackage().version },
  // typescript-eslint's RuleContext and ESLint's describe the same object in two type systems.
  rules: rules as unknown as ManyFirstPlugin['rules'],
  configs: {} as ManyFirstConfigs,
  configsFor: (root) => loadConfigs(root),
};

/**
 * The `recommended`, `strict` and `all` configs for a project's conventions, e.g. those
 * `loadConventions(root)` read from `many-first.config.json`. `plugin.configs` is this for the defaults.
 */
export function createConfigs(conventions: Conventions = DEFAULT_CONVENTIONS): ManyFirstConfigs {
  return buildConfigs(plugin, rules, conventions);
}

plugin.configs = createConfigs(DEFAULT_CONVENTIONS);

/**
 * The configs for the project at `root`: its layout found from its code (the database client, data-access
 * modules and actions folders the rules' options need), overridden by its `many-first.config.json` or
 * package.json `manyFirst` key. Throws ConventionsError, naming the file, when those overrides are malformed.
 */
export function loadConfigs(root: string): ManyFirstConfigs {
  return createConfigs(discoverLayout(root).conventions);
}

export { rules };
export type { FlatConfig, ManyFirstConfigs } from './configs.js';
export type { RuleName } from './rules/index.js';
export default plugin;
