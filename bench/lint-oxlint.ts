/**
 * ESLint with our rules against oxlint with our rules (the same plugin as a JS plugin), whole runs of each
 * binary over a generated many-first project (bench/generate.ts), interleaved run by run. ESLint runs the
 * recommended config fitted to the project (`configsFor`, typescript-eslint's parser); oxlint runs the
 * `.oxlintrc.json` `many-first init` writes (its own parser, `-A all` so only our rules report). Both load
 * the built plugin from dist/ (`npm run build` first). The project lives in the system's temp folder, not
 * bench/.out: oxlint skips every file under a hidden folder.
 *
 *   npm run bench:lint-oxlint [-- --tables 1000 --runs 3]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { oxlintConfigFor } from '../cli/init/oxlint-config.js';
import plugin from '../eslint-plugin/index.js';
import { generateProject } from './generate.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const eslintBin = join(dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
const oxlintBin = join(repoRoot, 'node_modules/.bin/oxlint');
const builtPlugin = join(repoRoot, 'dist/eslint-plugin/index.js');

const { values } = parseArgs({
  options: { tables: { type: 'string', default: '1000' }, runs: { type: 'string', default: '3' } },
});
const tables = Number(values.tables);
const runs = Number(values.runs);
if (!Number.isInteger(tables) || tables < 1) throw new Error('--tables must be a positive integer');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
if (!existsSync(builtPlugin)) {
  process.stderr.write(`no build at ${builtPlugin}: run \`npm run build\` first\n`);
  process.exit(2);
}

const work = join(tmpdir(), 'many-first-bench-lint-oxlint');
const project = join(work, `p${tables}`);
mkdirSync(work, { recursive: true });
const { files } = await generateProject(project, { tables, seed: 1 });

const eslintConfig = join(work, 'eslint.config.mjs');
writeFileSync(
  eslintConfig,
  `import plugin from ${JSON.stringify(pathToFileURL(builtPlugin).href)};\n` +
    `export default plugin.configsFor(${JSON.stringify(project)}).recommended;\n`,
);
const oxlintConfig = join(project, '.oxlintrc.json');
writeFileSync(
  oxlintConfig,
  JSON.stringify(oxlintConfigFor(plugin.configsFor(project).recommended, builtPlugin)),
);

interface Run {
  ms: number;
  findings: number;
}

function timed(command: string, args: string[], count: (stdout: string) => number): Run {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: project, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${command} exited ${result.status}: ${result.stderr}`);
  return { ms, findings: count(result.stdout) };
}

const eslintRun = () =>
  timed(
    process.execPath,
    [eslintBin, '--config', eslintConfig, '--format', 'json', '.'],
    (stdout) =>
      (JSON.parse(stdout) as { messages: { ruleId: string | null }[] }[])
        .flatMap((result) => result.messages)
        .filter((message) => message.ruleId?.startsWith('many-first/') === true).length,
  );
const oxlintRun = () =>
  timed(
    oxlintBin,
    ['-A', 'all', '--format', 'json', '.'],
    (stdout) =>
      (JSON.parse(stdout) as { diagnostics: { code?: string }[] }).diagnostics.filter(
        (diagnostic) => diagnostic.code?.startsWith('many-first(') === true,
      ).length,
  );

const measured = { eslint: [] as Run[], oxlint: [] as Run[] };
for (let run = 0; run < runs; run++) {
  // Alternate which goes first, so a warm cache favours neither.
  if (run % 2 === 0) {
    measured.eslint.push(eslintRun());
    measured.oxlint.push(oxlintRun());
  } else {
    measured.oxlint.push(oxlintRun());
    measured.eslint.push(eslintRun());
  }
}

const median = (list: number[]) => list.toSorted((a, b) => a - b)[Math.floor(list.length / 2)]!;
const eslintMs = median(measured.eslint.map((run) => run.ms));
const oxlintMs = median(measured.oxlint.map((run) => run.ms));
process.stdout.write(
  [
    `Lint with many-first's recommended rules, ${tables} tables (${files} files), ${runs} runs, medians`,
    '',
    '| linter | median s | many-first findings | vs ESLint |',
    '|---|---:|---:|---:|',
    `| ESLint ${require('eslint/package.json').version} (typescript-eslint parser) | ${(eslintMs / 1000).toFixed(2)} | ${measured.eslint[0]!.findings} | 1.00x |`,
    `| oxlint (jsPlugins) | ${(oxlintMs / 1000).toFixed(2)} | ${measured.oxlint[0]!.findings} | ${(eslintMs / oxlintMs).toFixed(2)}x faster |`,
    '',
  ].join('\n'),
);
