/**
 * `npm run mutation -- [--force] [source files]`: StrykerJS on each source file with its own tests only
 * (issue 16), in incremental mode, one file at a time. Prints the score table and refreshes the "now" columns
 * of the table in tests/README.md. Without files: every rule in eslint-plugin/rules/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stryker } from '@stryker-mutator/core';
import * as prettier from 'prettier';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = join(root, 'tests/README.md');
const rulesFolder = 'eslint-plugin/rules';

type MutantResult = Awaited<ReturnType<Stryker['runMutationTest']>>[number];

interface Score {
  file: string;
  score: number;
  killed: number;
  survived: number;
  noCoverage: number;
  equivalent: number;
}

/**
 * The model-factory modules measured by their own suites: every mutant re-runs the tests that reach it, and
 * the suites that write tens of thousands of rows make one mutant take minutes on a busy machine.
 */
const MODEL_FACTORY_SUITES: Record<string, string[]> = {
  'model-factory/chunking.ts': ['pinned-chunking.test.ts'],
  'model-factory/arguments.ts': ['guards.test.ts', 'pinned-arguments.test.ts'],
  'model-factory/errors.ts': ['errors.test.ts', 'pinned-errors.test.ts'],
  'model-factory/drivers.ts': ['no-transactions.test.ts', 'pinned-drivers.test.ts'],
};

/**
 * The tests that measure a source file: a rule's own suite plus plugin.test.ts, which states every rule's
 * metadata (docs URL, schema, options, configs); or the model factory's suites.
 */
function testsFor(file: string): string[] {
  const rule = new RegExp(`^${rulesFolder}/([a-z-]+)\\.ts$`).exec(file);
  if (rule) return [`tests/eslint-plugin/rules/${rule[1]}.test.ts`, 'tests/eslint-plugin/plugin.test.ts'];
  const own = MODEL_FACTORY_SUITES[file];
  if (own) return own.map((name) => `tests/model-factory/${name}`);
  if (file.startsWith('model-factory/')) {
    // The dialect modules by every suite but errors.test.ts, on the in-process databases
    // (vitest.mutation.config.ts).
    return readdirSync(join(root, 'tests/model-factory'))
      .filter((name) => name.endsWith('.test.ts') && name !== 'errors.test.ts')
      .map((name) => `tests/model-factory/${name}`);
  }
  throw new Error(
    `${file}: no suite is mapped to it; mutation testing measures ${rulesFolder}/<rule>.ts and model-factory/*.ts`,
  );
}

/** Project-relative, `/`-separated; refuses what lies outside the project or does not exist. */
function projectPath(argument: string): string {
  const path = relative(root, resolve(argument)).split(sep).join('/');
  if (path.startsWith('../') || path === '..' || !path.endsWith('.ts')) {
    throw new Error(`${argument}: not a TypeScript source file inside the project`);
  }
  if (!existsSync(join(root, path))) throw new Error(`${argument}: no such file`);
  return path;
}

function everyRule(): string[] {
  return readdirSync(join(root, rulesFolder))
    .filter(
      (name) =>
        name.endsWith('.ts') &&
        existsSync(join(root, `tests/eslint-plugin/rules/${name.replace(/\.ts$/, '.test.ts')}`)),
    )
    .map((name) => `${rulesFolder}/${name}`);
}

/** Stryker's mutation score: detected over detected plus undetected; compile errors and ignored mutants left out. */
function scoreOf(file: string, results: MutantResult[]): Score {
  const count = (...statuses: MutantResult['status'][]) =>
    results.filter((result) => statuses.includes(result.status)).length;
  const killed = count('Killed', 'Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const valid = killed + survived + noCoverage;
  return {
    file,
    score: valid === 0 ? 100 : (100 * killed) / valid,
    killed,
    survived,
    noCoverage,
    equivalent: count('Ignored'),
  };
}

async function measure(file: string, force: boolean): Promise<Score> {
  const incrementalFile = `.stryker/incremental/${file.replaceAll('/', '__')}.json`;
  mkdirSync(join(root, '.stryker/incremental'), { recursive: true });
  process.env.MANY_FIRST_MUTATION_SUITES = testsFor(file).join(',');
  const stryker = new Stryker({
    configFile: join(root, 'stryker.config.mjs'),
    mutate: [file],
    force,
    incrementalFile,
    // The model-factory suites write tens of thousands of rows: their first run outlasts the default 5 minutes.
    ...(file.startsWith('model-factory/') ? { dryRunTimeoutMinutes: 20 } : {}),
    jsonReporter: { fileName: `.stryker/reports/${file.replaceAll('/', '__')}.json` },
  });
  return scoreOf(file, await stryker.runMutationTest());
}

function row(score: Score): string {
  return `| \`${score.file}\` | ${score.score.toFixed(1)}% | ${score.killed} | ${score.survived} | ${score.noCoverage} | ${score.equivalent} |`;
}

/** Rewrites the "now" columns of the rows in tests/README.md for the files just measured. */
async function refreshReadme(scores: Score[]): Promise<void> {
  let text = readFileSync(readme, 'utf8');
  for (const score of scores) {
    const cells = `| ${score.score.toFixed(1)}% | ${score.killed} | ${score.survived} | ${score.noCoverage} | ${score.equivalent} |`;
    const line = new RegExp(`^(\\| \`${score.file.replaceAll('.', '\\.')}\` +\\| [^|]+)\\|.*$`, 'm');
    if (line.test(text)) text = text.replace(line, `$1${cells}`);
    else console.warn(`tests/README.md has no row for ${score.file}; add one to keep its score`);
  }
  const options = await prettier.resolveConfig(readme);
  writeFileSync(readme, await prettier.format(text, { ...options, filepath: readme }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // Incremental runs reuse a static mutant's survival (module-level code, such as a rule's meta) even after
  // the tests changed: --force re-tests every mutant.
  const force = args.includes('--force');
  const paths = args.filter((arg) => arg !== '--force');
  const files = paths.length > 0 ? paths.map(projectPath) : everyRule();
  files.forEach(testsFor);
  process.chdir(root);
  const scores: Score[] = [];
  for (const file of files) {
    // One file's failure (a failing suite, a type error) is reported and the others are still measured.
    try {
      scores.push(await measure(file, force));
    } catch (error) {
      console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
  console.log('\n| file | score | killed | survived | not covered | equivalent (ignored) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const score of scores) console.log(row(score));
  await refreshReadme(scores);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
