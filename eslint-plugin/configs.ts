import * as typescriptParser from '@typescript-eslint/parser';
import type { ESLint, Linter } from 'eslint';
import picomatch from 'picomatch';
import { TEST_GLOBS, type Conventions } from '../conventions/index.js';
import type { ManyFirstRuleDocs, RuleScope } from './utils/create-rule.js';

/** ESLint's own config type, so the configs drop into `defineConfig(…)` and `Linter.Config[]` as they are. */
export type FlatConfig = Linter.Config;

/**
 * The shipped flat configs; each is an array to spread into (or export as) an `eslint.config.js`. A type
 * alias, not an interface, so it fits ESLint's `Plugin['configs']` record.
 */
export type ManyFirstConfigs = {
  /** The rules marked recommended, at their default options, each on the files its convention names. */
  recommended: FlatConfig[];
  /** Every rule, at its strictest options. */
  strict: FlatConfig[];
  /** Every rule at its default options. */
  all: FlatConfig[];
};

interface RuleWithDocs {
  meta: { docs?: Partial<ManyFirstRuleDocs>; defaultOptions?: readonly unknown[] };
}

export const PLUGIN_PREFIX = 'many-first';

const SOURCE_EXTENSIONS = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

/**
 * The source files of a project: every script under the top folders its conventions name (`src/` by
 * default). A convention glob without a fixed top folder (`**\/actions/**`) makes the whole tree source.
 */
export function sourceGlobs(conventions: Conventions): string[] {
  const globs = [
    ...conventions.models,
    ...conventions.modelFactory,
    ...conventions.actions,
    ...(conventions.schema ?? []),
  ];
  const tops = new Set<string>();
  for (const glob of globs) {
    const base = picomatch.scan(glob.replace(/^\.\//, '')).base;
    const top = base.split('/')[0] ?? '';
    if (top === '' || top === '.' || top === '..') return [`**/*.${SOURCE_EXTENSIONS}`];
    tops.add(top);
  }
  return [...tops].sort().map((top) => `${top}/**/*.${SOURCE_EXTENSIONS}`);
}

function docsOf(rule: RuleWithDocs): Partial<ManyFirstRuleDocs> {
  return rule.meta.docs ?? {};
}

type Variant = keyof ManyFirstConfigs;

/** The options a config sets for a rule: the variant's, with the project's convention paths filled in. */
function ruleOptions(
  rule: RuleWithDocs,
  variant: Variant,
  conventions: Conventions,
  base?: readonly unknown[],
) {
  const docs = docsOf(rule);
  const defaults = rule.meta.defaultOptions ?? [];
  const chosen = base ?? (variant === 'strict' ? (docs.strictOptions ?? defaults) : defaults);
  const fromConventions = Object.entries(docs.conventionOptions ?? {}).map(
    ([option, key]) => [option, conventions[key]] as const,
  );
  let options: readonly unknown[] = chosen;
  if (fromConventions.length > 0) {
    const first = chosen[0];
    const merged = {
      ...(typeof first === 'object' && first !== null ? first : {}),
      ...Object.fromEntries(fromConventions),
    };
    options = [merged, ...chosen.slice(1)];
  }
  return JSON.stringify(options) === JSON.stringify(defaults) ? undefined : options;
}

function severity(options: readonly unknown[] | undefined): Linter.RuleEntry {
  return options === undefined ? 'error' : ['error', ...options];
}

/**
 * Builds `recommended`, `strict` and `all` for a project's conventions from the rules' metadata:
 * `docs.recommended`, `docs.scope` (which files), `docs.strictOptions`, `docs.restOfSourceOptions` and
 * `docs.conventionOptions`. Tests (TEST_GLOBS and the test factories) are never linted by these configs.
 */
export function buildConfigs(
  plugin: ESLint.Plugin,
  rules: Readonly<Record<string, RuleWithDocs>>,
  conventions: Conventions,
): ManyFirstConfigs {
  const source = sourceGlobs(conventions);
  const tests = [...TEST_GLOBS, ...conventions.testFactories];
  const files: Record<RuleScope, { files: string[]; ignores: string[] }> = {
    source: { files: source, ignores: tests },
    'source-outside-actions': { files: source, ignores: [...tests, ...conventions.actions] },
    actions: { files: [...conventions.actions], ignores: tests },
  };

  const build = (variant: Variant): FlatConfig[] => {
    const byScope: Record<RuleScope, Record<string, Linter.RuleEntry>> = {
      source: {},
      'source-outside-actions': {},
      actions: {},
    };
    for (const [name, rule] of Object.entries(rules)) {
      const docs = docsOf(rule);
      if (variant === 'recommended' && docs.recommended !== true) continue;
      const scope = docs.scope ?? 'source';
      const id = `${PLUGIN_PREFIX}/${name}`;
      if (scope === 'actions' && docs.restOfSourceOptions !== undefined) {
        byScope.source[id] = severity(ruleOptions(rule, variant, conventions, docs.restOfSourceOptions));
        // A later entry with a bare severity keeps the earlier entry's options, so spell them out.
        const options = ruleOptions(rule, variant, conventions) ?? rule.meta.defaultOptions ?? [];
        byScope.actions[id] = ['error', ...options];
      } else {
        byScope[scope][id] = severity(ruleOptions(rule, variant, conventions));
      }
    }
    const ruleConfigs = (['source', 'source-outside-actions', 'actions'] as const)
      .filter((scope) => Object.keys(byScope[scope]).length > 0)
      .map((scope) => ({
        name: `${PLUGIN_PREFIX}/${variant}/${scope}`,
        ...files[scope],
        rules: byScope[scope],
      }));
    return [
      { name: `${PLUGIN_PREFIX}/plugin`, plugins: { [PLUGIN_PREFIX]: plugin } },
      {
        name: `${PLUGIN_PREFIX}/typescript-parser`,
        files: ['**/*.{ts,tsx,mts,cts}'],
        languageOptions: { parser: typescriptParser },
      },
      {
        name: `${PLUGIN_PREFIX}/jsx`,
        files: ['**/*.jsx'],
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      },
      ...ruleConfigs,
    ];
  };

  return { recommended: build('recommended'), strict: build('strict'), all: build('all') };
}
