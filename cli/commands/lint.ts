import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { ESLint as ESLintClass, Linter } from 'eslint';
import { ConventionsError } from '../../conventions/index.js';
import { dataAccessFiles, discoverLayout, type ProjectLayout } from '../../conventions/layout.js';
import {
  EslintMissingError,
  EslintVersionError,
  loadEslintFrom,
  type EslintModule,
} from '../../mcp-server/eslint-loader.js';
import { ANALYSIS_BUDGETS } from '../../mcp-server/project/analysis-budgets.js';
import { parseCommandLine } from '../arguments.js';
import { CliError, type CommandModule } from '../io.js';
import { directoryArgument, projectDirectory } from '../project-directory.js';

const usage = `Usage: many-first lint [dir] [--format NAME]

Runs many-first's recommended rules with ESLint on the application source of the project in dir (default:
the current directory), on any layout: server actions are found by their 'use server' directive, the
database client, data-access modules and actions folders from the code, and many-first.config.json (or
package.json#manyFirst) overrides what was found. Tests, build output (.next/, out/, build/, dist/,
coverage/) and tool config files are not linted. The project's own eslint.config.* is not loaded: its
rules, plugins and their problems never change this report (run \`npx eslint .\` for those). The levels
and options of many-first's own rules come from the "rules" key of many-first.config.json, which the
eslint.config.js that init writes reads too.

Options:
  --format NAME  an ESLint formatter (default: stylish); json prints ESLint's JSON results alone

Exit codes: 0 no errors (warnings allowed), 1 lint errors, 2 the directory, configuration or ESLint could
not be used.`;

/**
 * ESLint through many-first's one loader, searched from each of `searchFrom` in order; its errors (not
 * installed, too old) become the CLI's one-line exit-2 errors.
 */
export async function loadEslint(searchFrom: string[]): Promise<EslintModule> {
  try {
    return await loadEslintFrom(searchFrom);
  } catch (error) {
    if (error instanceof EslintMissingError || error instanceof EslintVersionError)
      throw new CliError(error.message, 2);
    throw error;
  }
}

/** ESLint's messages span lines (the file, the rule); the CLI prints one. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** The plugin's rule-id prefix; not imported from the plugin, which needs ESLint to load. */
const PLUGIN_PREFIX = 'many-first';

/** A message of ours: a many-first rule, or a file that could not be parsed (which hides every finding). */
function isOurs(message: Linter.LintMessage): boolean {
  return message.fatal === true || (message.ruleId ?? '').startsWith(`${PLUGIN_PREFIX}/`);
}

/**
 * Keeps many-first's messages and counts the rest: a disable comment for a rule of a plugin this run
 * does not load (`react-hooks/exhaustive-deps`) is the project's business, never a many-first failure.
 */
export function keepOwnMessages(results: ESLintClass.LintResult[]): {
  results: ESLintClass.LintResult[];
  others: Map<string, number>;
} {
  const others = new Map<string, number>();
  const kept = results.map((result) => {
    const messages = result.messages.filter((message) => {
      if (isOurs(message)) return true;
      const key = message.ruleId ?? message.message;
      others.set(key, (others.get(key) ?? 0) + 1);
      return false;
    });
    const count = (severity: number, fixable?: boolean) =>
      messages.filter(
        (message) => message.severity === severity && (fixable !== true || message.fix !== undefined),
      ).length;
    return {
      ...result,
      messages,
      errorCount: count(2),
      warningCount: count(1),
      fatalErrorCount: messages.filter((message) => message.fatal === true).length,
      fixableErrorCount: count(2, true),
      fixableWarningCount: count(1, true),
    };
  });
  return { results: kept, others };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What the run covered, so a clean report can be trusted: files, actions and data access found. */
export function coverageLine(layout: ProjectLayout, linted: number): string {
  const { found } = layout;
  const inline =
    found.inlineActionFiles.length > 0
      ? ` + ${plural(found.inlineActionFiles.length, 'file')} with inline actions`
      : '';
  const dataAccess = dataAccessFiles(layout).length;
  return (
    `${plural(linted, 'file')} linted; server actions: ${plural(found.actionModules.length, "'use server' module")}${inline}; ` +
    `data access: ${plural(dataAccess, 'module')}; database client: ${found.dbModules.length > 0 ? found.dbModules.join(', ') : 'not found'}`
  );
}

export const lintCommand: CommandModule = {
  usage,
  async run(argv, io) {
    if (argv.includes('--fix')) {
      // Neither our rules' suggestions nor the project's own rules (its config is not loaded) are fixes to apply.
      throw new CliError(
        "--fix is not supported: many-first's rules offer suggestions, not autofixes; run `npx eslint --fix .` with the config `many-first init` writes to apply the project's own fixes",
        2,
      );
    }
    const { values, positionals } = parseCommandLine(argv, {
      format: { type: 'string', default: 'stylish' },
    });
    const root = projectDirectory(directoryArgument(positionals) ?? '.', io);

    let layout: ProjectLayout;
    try {
      layout = discoverLayout(root);
    } catch (error) {
      if (error instanceof ConventionsError) throw new CliError(error.message, 2);
      throw error;
    }

    const { ESLint } = await loadEslint([root, import.meta.dirname]);
    const { createConfigs } = await import('../../eslint-plugin/index.js');
    const { loadTypeScriptParser, TypeScriptApiError } =
      await import('../../eslint-plugin/typescript-parser.js');
    try {
      // Checked once here, so a project on TypeScript 7 reads one line, not a parse error per file.
      loadTypeScriptParser();
    } catch (error) {
      if (error instanceof TypeScriptApiError) throw new CliError(error.message, 2);
      throw error;
    }
    const recommended = createConfigs(layout.conventions).recommended as Linter.Config[];
    const eslint = new ESLint({
      cwd: root,
      errorOnUnmatchedPattern: false,
      overrideConfigFile: true,
      overrideConfig: [
        // The project's own disable comments name its own rules; they are not ours to judge.
        { linterOptions: { reportUnusedDisableDirectives: 'off' } },
        ...recommended,
      ],
    });

    // Past this size ESLint's parser needs gigabytes (a generated literal of a few MB); inspect and
    // check_conventions skip the same files, so the four ways of asking still agree.
    const tooLarge = layout.sourceFiles.filter(
      (file) => statSync(join(root, file)).size > ANALYSIS_BUDGETS.lintFileBytes,
    );
    const linted = layout.sourceFiles.filter((file) => !tooLarge.includes(file));

    let raw: ESLintClass.LintResult[];
    try {
      raw = linted.length === 0 ? [] : await eslint.lintFiles(linted);
    } catch (error) {
      throw new CliError(`ESLint failed: ${oneLine(error)}`, 2);
    }
    const { results, others } = keepOwnMessages(raw);

    let formatter;
    try {
      formatter = await eslint.loadFormatter(values.format);
    } catch (error) {
      throw new CliError(`unknown formatter '${values.format}': ${oneLine(error)}`, 2);
    }
    // Captured or piped output gets no colour codes; a terminal lets the formatter decide (NO_COLOR too).
    const isTerminal = (io.stdout as { isTTY?: boolean }).isTTY === true;
    const report = await formatter.format(results, isTerminal ? {} : { color: false });
    if (report !== '') io.stdout.write(report.endsWith('\n') ? report : `${report}\n`);

    // With a machine-readable format stdout carries the report alone; the summary goes to stderr.
    const notes = values.format === 'stylish' ? io.stdout : io.stderr;
    for (const { key, glob } of layout.unmatched) {
      notes.write(
        `many-first lint: warning: ${layout.configFile ?? 'the config'} '${key}' glob '${glob}' matches no file\n`,
      );
    }
    if (tooLarge.length > 0) {
      notes.write(
        `many-first lint: ${plural(tooLarge.length, 'file')} over ${ANALYSIS_BUDGETS.lintFileBytes / 1024 / 1024} MB not linted (${tooLarge.slice(0, 3).join(', ')}${tooLarge.length > 3 ? ', …' : ''})\n`,
      );
    }
    if (others.size > 0) {
      const total = [...others.values()].reduce((sum, count) => sum + count, 0);
      const names = [...others.keys()].slice(0, 3).join(', ');
      notes.write(
        `many-first lint: ${plural(total, 'message')} about rules this run does not load left out (${names}${others.size > 3 ? ', …' : ''}); \`npx eslint .\` reports them with the project's own config\n`,
      );
    }
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
    const verdict =
      errors + warnings === 0 ? 'no problems' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    notes.write(`many-first lint: ${verdict}; ${coverageLine(layout, results.length)}\n`);
    return errors > 0 ? 1 : 0;
  },
};
