/**
 * The plugin's flat ESLint config as an `.oxlintrc.json`: oxlint loads the same plugin through `jsPlugins`
 * and runs its rules on the same files. Oxlint's config has `overrides` (files → rules) and global
 * `ignorePatterns`, but no per-override ignores, so a config object's `ignores` become a later override
 * that turns its rules off there (later overrides win, as later flat config objects do).
 */
import type { Linter } from 'eslint';

export const OXLINT_CONFIG_FILE = '.oxlintrc.json';

export interface OxlintOverride {
  files: string[];
  rules: Record<string, Linter.RuleEntry>;
}

export interface OxlintConfig {
  $schema?: string;
  jsPlugins: string[];
  ignorePatterns?: string[];
  overrides: OxlintOverride[];
}

/**
 * A flat config's `files` as oxlint globs. A nested array matches a file that matches every pattern in it;
 * the plugin builds those as [folder glob, extension glob], so the first, narrower pattern stands for both.
 */
function globsOf(files: Linter.Config['files']): string[] {
  return (files ?? ['**/*']).map((entry) => (Array.isArray(entry) ? String(entry[0]) : String(entry)));
}

/**
 * `.oxlintrc.json` content for a flat config array (e.g. `configsFor(root).recommended`): `plugin` is the
 * `jsPlugins` specifier (`many-first/eslint-plugin` in a project; a path in tests). Parser settings are
 * left out: oxlint parses TypeScript and JSX itself.
 */
export function oxlintConfigFor(flat: readonly Linter.Config[], plugin: string): OxlintConfig {
  const ignorePatterns: string[] = [];
  const overrides: OxlintOverride[] = [];
  for (const config of flat) {
    const rules = Object.entries(config.rules ?? {}) as [string, Linter.RuleEntry][];
    // An object with nothing but `ignores` ignores files for every rule (ESLint's global ignores).
    if (rules.length === 0) {
      if (config.ignores !== undefined && config.files === undefined && Object.keys(config).length <= 2)
        ignorePatterns.push(...config.ignores);
      continue;
    }
    overrides.push({ files: globsOf(config.files), rules: Object.fromEntries(rules) });
    if (config.ignores !== undefined && config.ignores.length > 0) {
      overrides.push({
        files: [...config.ignores],
        rules: Object.fromEntries(rules.map(([rule]) => [rule, 'off' as const])),
      });
    }
  }
  return {
    $schema: './node_modules/oxlint/configuration_schema.json',
    jsPlugins: [plugin],
    ...(ignorePatterns.length > 0 && { ignorePatterns }),
    overrides,
  };
}
