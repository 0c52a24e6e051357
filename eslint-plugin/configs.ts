import type { ESLint, Linter } from 'eslint';
import {
  BUILD_OUTPUT_GLOBS,
  notApplicationGlobs,
  SOURCE_GLOBS,
  type Conventions,
} from '../conventions/index.js';
import { typescriptParser } from './typescript-parser.js';
import type { ManyFirstRuleDocs } from './utils/create-rule.js';

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

function docsOf(rule: RuleWithDocs): Partial<ManyFirstRuleDocs> {
  return rule.meta.docs ?? {};
}

type Variant = keyof ManyFirstConfigs;

function asObject(value: unknown): object {
  return typeof value === 'object' && value !== null ? value : {};
}

/**
 * The options a config sets for a rule: the variant's, with the project's convention paths filled in,
 * and the project's own options (many-first.config.json `rules`) over both.
 */
function ruleOptions(
  rule: RuleWithDocs,
  variant: Variant,
  conventions: Conventions,
  base?: readonly unknown[],
  own: readonly unknown[] = [],
) {
  const docs = docsOf(rule);
  const defaults = rule.meta.defaultOptions ?? [];
  const chosen = base ?? (variant === 'strict' ? (docs.strictOptions ?? defaults) : defaults);
  const fromConventions = Object.entries(docs.conventionOptions ?? {}).map(
    ([option, key]) => [option, conventions[key]] as const,
  );
  let options: readonly unknown[] = chosen;
  if (fromConventions.length > 0 || own.length > 0) {
    const merged = { ...asObject(chosen[0]), ...Object.fromEntries(fromConventions), ...asObject(own[0]) };
    options = [merged, ...chosen.slice(1)];
  }
  return JSON.stringify(options) === JSON.stringify(defaults) ? undefined : options;
}

type Level = 'warn' | 'error';

/** The project's entry for a rule in many-first.config.json `rules`: off, or its level and options. */
function ownEntry(
  conventions: Conventions,
  name: string,
): 'off' | { level: Level; options: unknown[] } | undefined {
  const entry = conventions.rules?.[name as keyof NonNullable<Conventions['rules']>];
  if (entry === undefined) return undefined;
  const [severity, ...options] = Array.isArray(entry) ? entry : [entry];
  if (severity === 'off' || severity === 0) return 'off';
  return { level: severity === 'warn' || severity === 1 ? 'warn' : 'error', options };
}

function severity(options: readonly unknown[] | undefined, level: Level = 'error'): Linter.RuleEntry {
  return options === undefined ? level : [level, ...options];
}

/**
 * Builds `recommended`, `strict` and `all` for a project's conventions from the rules' metadata:
 * `docs.recommended`, `docs.scope` (which files), `docs.strictOptions`, `docs.restOfSourceOptions` and
 * `docs.conventionOptions`. Every rule covers all application source, whatever the layout: tests, build
 * output, tool config files, declarations and the conventions' `ignores` are left out, and build output is
 * ignored globally. `actions`-scoped rules add their stricter options on the project's actions folders.
 */
export function buildConfigs(
  plugin: ESLint.Plugin,
  rules: Readonly<Record<string, RuleWithDocs>>,
  conventions: Conventions,
): ManyFirstConfigs {
  const source = { files: [...SOURCE_GLOBS], ignores: notApplicationGlobs(conventions) };
  // A folder glob (`actions/**`) alone would make ESLint lint its README as JavaScript: AND it with scripts.
  const actionFiles = conventions.actions.map((glob) => [glob, ...SOURCE_GLOBS]);

  const build = (variant: Variant): FlatConfig[] => {
    const bySource: Record<string, Linter.RuleEntry> = {};
    const byActions: Record<string, Linter.RuleEntry> = {};
    for (const [name, rule] of Object.entries(rules)) {
      const docs = docsOf(rule);
      // The project's entry turns a rule on or off in every variant; its options go over the variant's.
      const own = ownEntry(conventions, name);
      if (own === 'off') continue;
      if (variant === 'recommended' && docs.recommended !== true && own === undefined) continue;
      const level = own?.level ?? 'error';
      const id = `${PLUGIN_PREFIX}/${name}`;
      if (docs.scope === 'actions') {
        if (docs.restOfSourceOptions !== undefined) {
          bySource[id] = severity(
            ruleOptions(rule, variant, conventions, docs.restOfSourceOptions, own?.options),
            level,
          );
        }
        // A later entry with a bare severity keeps the earlier entry's options, so spell them out.
        const options =
          ruleOptions(rule, variant, conventions, undefined, own?.options) ?? rule.meta.defaultOptions ?? [];
        byActions[id] = [level, ...options];
      } else {
        bySource[id] = severity(ruleOptions(rule, variant, conventions, undefined, own?.options), level);
      }
    }
    const ruleConfigs: FlatConfig[] = [
      { name: `${PLUGIN_PREFIX}/${variant}/source`, ...source, rules: bySource },
    ];
    if (actionFiles.length > 0 && Object.keys(byActions).length > 0) {
      ruleConfigs.push({
        name: `${PLUGIN_PREFIX}/${variant}/actions`,
        files: actionFiles,
        ignores: source.ignores,
        rules: byActions,
      });
    }
    return [
      { name: `${PLUGIN_PREFIX}/ignores`, ignores: [...BUILD_OUTPUT_GLOBS] },
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
