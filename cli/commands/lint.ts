import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ESLint as ESLintClass, Linter } from 'eslint';
import { ConventionsError, loadConventions } from '../../conventions/index.js';
import { CliError, type Command } from '../io.js';
import { directoryArgument, projectDirectory } from '../project-directory.js';
import { ESLINT_CONFIG_FILES } from '../init/eslint-config.js';

const usage = `Usage: many-first lint [dir] [--format NAME]

Runs ESLint on the project in dir (default: the current directory) with many-first's recommended rules,
on the paths the project's conventions name (many-first.config.json or package.json#manyFirst). The
project's own eslint.config.* in dir applies too; many-first's rules are added after it. Without one, only
many-first's rules run.

Options:
  --format NAME  an ESLint formatter (default: stylish)

Exit codes: 0 no errors (warnings allowed), 1 lint errors, 2 the directory, configuration or ESLint could
not be used.`;

/** Build output and caches a Next.js project never wants linted, used when it has no config of its own. */
const DEFAULT_IGNORES = ['.next/', 'out/', 'build/', 'dist/', 'coverage/', 'next-env.d.ts'];

type ESLintModule = { ESLint: typeof ESLintClass };

/**
 * Loads ESLint, an optional peer dependency: the project's own copy first (its config's plugins were
 * installed against it), else the one beside many-first. Loaded on use, so the rest of the CLI works
 * without it.
 */
export async function loadEslint(searchFrom: string[]): Promise<ESLintModule> {
  for (const directory of searchFrom) {
    let entry: string;
    try {
      entry = createRequire(join(directory, 'package.json')).resolve('eslint');
    } catch {
      continue;
    }
    const eslint = (await import(pathToFileURL(entry).href)) as ESLintModule;
    const major = Number(eslint.ESLint.version.split('.')[0]);
    if (major < 9) {
      throw new CliError(`needs ESLint 9 or 10 (flat config); found ${eslint.ESLint.version} at ${entry}`, 2);
    }
    return eslint;
  }
  throw new CliError('cannot load ESLint; install it in the project: npm install --save-dev eslint', 2);
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

function isPluginRedefinition(error: unknown): boolean {
  return error instanceof Error && /Cannot redefine plugin "many-first"/.test(error.message);
}

export const lintCommand: Command = {
  name: 'lint',
  summary: "run the plugin's recommended rules on a project with ESLint",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'stylish' } },
    });
    const root = projectDirectory(directoryArgument(positionals) ?? '.', io);

    let conventions;
    try {
      conventions = loadConventions(root).conventions;
    } catch (error) {
      if (error instanceof ConventionsError) throw new CliError(error.message, 2);
      throw error;
    }

    const { ESLint } = await loadEslint([root, import.meta.dirname]);
    // The plugin loads eslint's own modules through @typescript-eslint/utils, so it comes after ESLint.
    const { createConfigs } = await import('../../eslint-plugin/index.js');
    const recommended = createConfigs(conventions).recommended as Linter.Config[];
    const ownConfig = ESLINT_CONFIG_FILES.find((name) => existsSync(join(root, name)));

    const lint = async (extra: Linter.Config[]) => {
      const eslint = new ESLint({
        cwd: root,
        errorOnUnmatchedPattern: false,
        ...(ownConfig === undefined
          ? { overrideConfigFile: true, overrideConfig: [{ ignores: DEFAULT_IGNORES }, ...extra] }
          : { overrideConfigFile: join(root, ownConfig), overrideConfig: extra }),
      });
      return { eslint, results: await eslint.lintFiles(['.']) };
    };

    let run;
    try {
      try {
        run = await lint(recommended);
      } catch (error) {
        // The project's config already registers the plugin (from dist/, or another copy): keep its
        // registration and add only our rule settings.
        if (!isPluginRedefinition(error)) throw error;
        run = await lint(recommended.filter((config) => config.plugins === undefined));
      }
    } catch (error) {
      const where = ownConfig === undefined ? '' : ` (config: ${ownConfig})`;
      throw new CliError(`ESLint failed${where}: ${oneLine(error)}`, 2);
    }
    const { eslint, results } = run;

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

    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
    if (values.format === 'stylish' && errors + warnings === 0) {
      io.stdout.write(`many-first lint: no problems in ${results.length} files\n`);
    }
    return errors > 0 ? 1 : 0;
  },
};
