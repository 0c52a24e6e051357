// The subpath, not the package root: the root also loads ts-eslint, which requires `eslint`, and the plugin
// must load where only oxlint is installed.
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type { Conventions } from '../../conventions/index.js';

/**
 * Where the shipped configs turn a rule on:
 * - `source`: every application source file, in any folder (tests, build output and tool config excluded);
 *   rules about server actions decide by the `'use server'` directive themselves;
 * - `actions`: the project's actions folders (configured or found) at the rule's options, and the rest of
 *   the source at `restOfSourceOptions` when the rule has them.
 */
export type RuleScope = 'source' | 'actions';

/** The plugin's own `meta.docs` fields; the configs in `../configs.ts` are built from them. */
export interface ManyFirstRuleDocs {
  description: string;
  /** Whether `recommended` turns the rule on. `strict` and `all` turn every rule on. */
  recommended: boolean;
  /** Where the shipped configs turn the rule on. */
  scope: RuleScope;
  /** Options `strict` uses instead of the defaults, when a stricter setting exists. */
  strictOptions?: readonly unknown[];
  /** For `scope: 'actions'`: the options the rule runs with on the rest of the source (absent: off there). */
  restOfSourceOptions?: readonly unknown[];
  /**
   * Options whose value comes from the project's conventions (`many-first.config.json`): option name →
   * conventions key. `createConfigs(conventions)` fills them in; the defaults mirror DEFAULT_CONVENTIONS.
   */
  conventionOptions?: Readonly<Record<string, keyof Conventions>>;
}

/** Where each rule's page lives; `meta.docs.url` of every rule is built by this function. */
export function ruleDocsUrl(name: string): string {
  return `https://github.com/many-first/many-first/blob/main/docs/rules/${name}.md`;
}

export const createRule = ESLintUtils.RuleCreator<ManyFirstRuleDocs>(ruleDocsUrl);

/**
 * A rule's settings as `create` receives them. Users may leave any key out (`Partial<Settings>`), but
 * RuleCreator merges `meta.defaultOptions`, which names every key, before `create` runs.
 */
export function completeSettings<Settings extends object>(options: Partial<Settings>): Settings {
  return options as Settings;
}
