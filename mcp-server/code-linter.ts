/**
 * Runs the many-first ESLint rules on code that is not on disk yet, under the file name it will have, so an
 * assistant checks a change before writing it. ESLint is an optional peer dependency: it and the plugin are
 * loaded on first use, and a project without ESLint gets a clear error instead of a crash at start-up.
 */
import { join } from 'node:path';
import picomatch from 'picomatch';
import type { Linter } from 'eslint';
import type { Conventions } from '../conventions/index.js';
import { loadEslint } from './eslint-loader.js';

export { EslintMissingError, EslintVersionError } from './eslint-loader.js';

type FlatConfig = Linter.Config;

type PluginModule = typeof import('../eslint-plugin/index.js');

const PLUGIN_PREFIX = 'many-first';

let pluginLoad: Promise<PluginModule> | undefined;

/** Our own plugin; loaded on first use because its rules pull in @typescript-eslint/utils. */
function loadPlugin(): Promise<PluginModule> {
  pluginLoad ??= import('../eslint-plugin/index.js').catch((error: unknown) => {
    pluginLoad = undefined;
    throw error;
  });
  return pluginLoad;
}

/**
 * typescript-eslint's parser, which the configs load on the first parse: loaded here first, so a project on
 * TypeScript 7 gets its TypeScriptApiError as the answer instead of a "Parsing error" message.
 */
async function loadParser(): Promise<void> {
  const { loadTypeScriptParser } = await import('../eslint-plugin/typescript-parser.js');
  loadTypeScriptParser();
}

/** `many-first/<rule>` for every rule the plugin defines; none when the plugin cannot load (no ESLint). */
export async function pluginRuleIds(): Promise<string[]> {
  try {
    const { rules } = await loadPlugin();
    return Object.keys(rules).map((name) => `${PLUGIN_PREFIX}/${name}`);
  } catch {
    return [];
  }
}

/**
 * Whether a flat config object applies to a root-relative file, by its `files` and `ignores`. As in ESLint,
 * a nested array in `files` matches only a file that matches every pattern in it.
 */
function appliesTo(config: FlatConfig, relativeFile: string): boolean {
  const matches = (pattern: string) => picomatch(pattern, { dot: true })(relativeFile);
  const entries = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const fileEntry = (entry: unknown): boolean =>
    typeof entry === 'string'
      ? matches(entry)
      : Array.isArray(entry) && entry.every((part) => typeof part === 'string' && matches(part));
  const files = entries(config.files);
  const ignores = entries(config.ignores).filter((entry): entry is string => typeof entry === 'string');
  if (files.length > 0 && !files.some(fileEntry)) return false;
  if (ignores.some(matches)) return false;
  return true;
}

/** The plugin's rules a config array turns on for a file: what ESLint would run there. */
function enabledRules(configs: readonly FlatConfig[], relativeFile: string): string[] {
  const levels = new Map<string, unknown>();
  for (const config of configs) {
    if (!appliesTo(config, relativeFile)) continue;
    for (const [rule, entry] of Object.entries(config.rules ?? {})) levels.set(rule, entry);
  }
  return [...levels.entries()]
    .filter(([rule, entry]) => {
      if (!rule.startsWith(`${PLUGIN_PREFIX}/`)) return false;
      const level = Array.isArray(entry) ? entry[0] : entry;
      return level !== 'off' && level !== 0;
    })
    .map(([rule]) => rule)
    .sort();
}

export interface LintMessage {
  ruleId?: string;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A parse error: nothing else could be checked. */
  fatal?: boolean;
  /** What each offered suggestion would do. */
  suggestions?: string[];
}

export interface LintOutcome {
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  /** The many-first rules that apply to this file name under the recommended config. */
  rules: string[];
}

/**
 * Lints `code` as if it were the root-relative file `relativeFile` in the project at `root`, with the
 * plugin's recommended config for the project's conventions — its discovered layout, as `many-first lint`
 * uses it (its parser is typescript-eslint's). Nothing is read from or written to disk.
 */
export async function lintCode(
  root: string,
  conventions: Conventions,
  relativeFile: string,
  code: string,
): Promise<LintOutcome> {
  const [{ Linter }, { createConfigs }] = await Promise.all([loadEslint(root), loadPlugin()]);
  await loadParser();
  const configs = createConfigs(conventions).recommended as FlatConfig[];
  const linter = new Linter({ cwd: root });
  const raw = linter.verify(code, configs, { filename: join(root, relativeFile) });
  const messages = raw.map((message): LintMessage => {
    const entry: LintMessage = {
      severity: message.severity === 2 ? 'error' : 'warning',
      message: message.message,
      line: message.line,
      column: message.column,
    };
    if (message.ruleId) entry.ruleId = message.ruleId;
    if (message.endLine !== undefined) entry.endLine = message.endLine;
    if (message.endColumn !== undefined) entry.endColumn = message.endColumn;
    if (message.fatal) entry.fatal = true;
    if (message.suggestions && message.suggestions.length > 0) {
      entry.suggestions = message.suggestions.map((suggestion) => suggestion.desc);
    }
    return entry;
  });
  return {
    messages,
    errorCount: messages.filter((message) => message.severity === 'error').length,
    warningCount: messages.filter((message) => message.severity === 'warning').length,
    rules: enabledRules(configs, relativeFile),
  };
}
