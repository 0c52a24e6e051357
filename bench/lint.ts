/**
 * What the plugin costs a lint run, measured A/B on whole runs of ESLint's own CLI over a generated
 * many-first project (bench/generate.ts): each variant is a child process with its own flat config, so
 * runs are independent; variants are interleaved run by run so load on the machine hits them alike.
 *
 * - baseline: core `no-restricted-syntax` with one `ImportExpression` selector (any rule turns on traversal)
 * - baseline + every rule (`recommended`, plus require-action-auth at `strict`'s options), baseline + the
 *   first five rules (the plugin before the server-action rules), and baseline + each rule alone
 * - baseline + every rule with `--concurrency=2` against `--concurrency=off`
 *
 * Every variant parses the same files with the same parser (typescript-eslint for TypeScript). The plugin
 * is compiled once with tsc into bench/.out, as users run it. ESLint's TIMING is printed beside the A/B
 * figures only: it charges a selector that several rules share to whichever runs first.
 *
 *   npm run bench:lint [-- --tables 1000 --runs 5 --no-timing --totals-only]
 *
 * `--totals-only` measures the baseline, the first five rules and every rule, without the per-rule and
 * concurrency variants (a quicker answer on a busy machine).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateProject } from './generate.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const eslintBin = join(dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');

/** The plugin's first five rules, so the cost of the later ones shows against them. */
const FIRST_FIVE = [
  'no-db-in-server-actions',
  'no-dynamic-imports',
  'no-redirect-in-server-actions',
  'no-single-record-wrappers',
  'require-use-server',
] as const;
/** The server-action rules of issue 12; require-action-auth is not in `recommended`, so it runs at `strict`'s options. */
const SERVER_ACTION_RULES = ['no-redirect-in-try', 'require-action-auth', 'server-action-exports'] as const;
const RULES = [...FIRST_FIVE, ...SERVER_ACTION_RULES] as const;

interface Variant {
  name: string;
  /** Plugin rules kept from `recommended` (ids without the prefix). */
  rules: readonly string[];
  concurrency: 'off' | number;
}

interface Run {
  seconds: number;
  files: number;
  errors: number;
}

/** Compiles the plugin (and the conventions it imports) to JavaScript, so ESLint loads it like users do. */
function buildPlugin(outDir: string): string {
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(
    process.execPath,
    [
      tsc,
      '--outDir',
      outDir,
      '--rootDir',
      repoRoot,
      '--module',
      'NodeNext',
      '--moduleResolution',
      'NodeNext',
      '--target',
      'ES2023',
      '--types',
      'node',
      '--skipLibCheck',
      '--noCheck',
      '--ignoreConfig',
      join(repoRoot, 'eslint-plugin/index.ts'),
    ],
    { encoding: 'utf8' },
  );
  const entry = join(outDir, 'eslint-plugin', 'index.js');
  if (!existsSync(entry)) throw new Error(`compiling the plugin failed:\n${result.stdout}${result.stderr}`);
  return entry;
}

/**
 * A flat config: the plugin's `recommended` with only the variant's rules, a rule `recommended` leaves off
 * turned on at `strict`'s options on the same files, plus the baseline rule.
 */
function writeConfig(dir: string, variant: Variant, pluginEntry: string): string {
  const file = join(dir, `${variant.name.replace(/[^a-z0-9]+/gi, '-')}.config.mjs`);
  const keep = variant.rules.map((rule) => `many-first/${rule}`);
  writeFileSync(
    file,
    `// bench/lint.ts variant: ${variant.name}
import plugin from ${JSON.stringify(pathToFileURL(pluginEntry).href)};

const keep = new Set(${JSON.stringify(keep)});
const inRecommended = (id) => plugin.configs.recommended.some((config) => config.rules !== undefined && id in config.rules);
const strictSource = plugin.configs.strict.find((config) => config.name?.endsWith('/source'));

export default [
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  // Rule-less objects stay, so every variant lints the same files with the same parser.
  ...plugin.configs.recommended.map((config) =>
    config.rules === undefined
      ? config
      : { ...config, rules: Object.fromEntries(Object.entries(config.rules).filter(([id]) => keep.has(id))) },
  ),
  ...[...keep]
    .filter((id) => !inRecommended(id))
    .map((id) => ({ ...strictSource, name: 'bench/opt-in', rules: { [id]: strictSource.rules[id] } })),
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'Use a static import.' }],
    },
  },
];
`,
  );
  return file;
}

function runEslint(
  project: string,
  config: string,
  concurrency: Variant['concurrency'],
  env: NodeJS.ProcessEnv = {},
  format = 'json',
): Promise<{ seconds: number; stdout: string }> {
  const args = [eslintBin, '--config', config, '--format', format, `--concurrency=${concurrency}`, '.'];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: project, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      // 0: clean, 1: lint errors (reported below); anything else is a crash or a bad config.
      if (code !== 0 && code !== 1) reject(new Error(`eslint exited ${code} for ${config}:\n${stderr}`));
      else resolvePromise({ seconds, stdout });
    });
  });
}

async function measure(project: string, config: string, variant: Variant): Promise<Run> {
  const { seconds, stdout } = await runEslint(project, config, variant.concurrency);
  const results = JSON.parse(stdout) as { errorCount: number }[];
  return {
    seconds,
    files: results.length,
    errors: results.reduce((sum, result) => sum + result.errorCount, 0),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const percent = (value: number, base: number) => {
  const change = ((value - base) / base) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
};

/** ESLint's TIMING table (rule | time ms | relative), as rule → ms. */
function parseTiming(stdout: string): Map<string, number> {
  const timing = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const match = /^(\S+)\s*\|\s*([\d.]+)\s*\|\s*[\d.]+%/.exec(line.trim());
    if (match !== null && match[1] !== 'Rule') timing.set(match[1]!, Number(match[2]));
  }
  return timing;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tables: { type: 'string', default: '1000' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      'no-timing': { type: 'boolean', default: false },
      'totals-only': { type: 'boolean', default: false },
    },
  });
  const tables = Number(values.tables);
  const runs = Number(values.runs);
  if (!Number.isInteger(tables) || tables < 1) throw new Error('--tables must be a positive integer');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

  const work = resolve(repoRoot, 'bench/.out/lint');
  const project = join(work, `p${tables}`);
  const configs = join(work, 'configs');
  mkdirSync(configs, { recursive: true });
  const { files } = await generateProject(project, { tables, seed: Number(values.seed) });
  const pluginEntry = buildPlugin(join(work, 'plugin'));

  const baseline: Variant = { name: 'baseline', rules: [], concurrency: 'off' };
  const allRules: Variant = {
    name: `baseline + all ${RULES.length} rules`,
    rules: RULES,
    concurrency: 'off',
  };
  const firstFive: Variant = {
    name: 'baseline + the first five rules',
    rules: FIRST_FIVE,
    concurrency: 'off',
  };
  const variants: Variant[] = [baseline, allRules, firstFive];
  if (!values['totals-only']) {
    variants.push(
      ...RULES.map((rule): Variant => ({ name: `baseline + ${rule}`, rules: [rule], concurrency: 'off' })),
      { name: `baseline + all ${RULES.length} rules, --concurrency=2`, rules: RULES, concurrency: 2 },
    );
  }
  const configFor = new Map(variants.map((variant) => [variant, writeConfig(configs, variant, pluginEntry)]));
  process.stderr.write(
    `bench:lint: ${tables} tables (${files} files), ${variants.length} variants × ${runs} runs, eslint ${eslintBin}\n`,
  );

  // One discarded run warms the file cache and the compile cache.
  await measure(project, configFor.get(allRules)!, allRules);
  const measured = new Map<Variant, Run[]>(variants.map((variant) => [variant, []]));
  for (let run = 0; run < runs; run++) {
    // Rotate the order each round so no variant always runs right after the same neighbour.
    const order = variants.map((_, index) => variants[(index + run) % variants.length]!);
    for (const variant of order) {
      const result = await measure(project, configFor.get(variant)!, variant);
      measured.get(variant)!.push(result);
      process.stderr.write(`  run ${run + 1}/${runs} ${variant.name}: ${result.seconds.toFixed(2)} s\n`);
    }
  }

  const stats = (variant: Variant) => {
    const results = measured.get(variant)!;
    const seconds = results.map((result) => result.seconds);
    return {
      median: median(seconds),
      min: Math.min(...seconds),
      max: Math.max(...seconds),
      files: results[0]!.files,
      errors: results[0]!.errors,
    };
  };
  const base = stats(baseline);
  const row = (variant: Variant) => {
    const s = stats(variant);
    return `| ${variant.name} | ${s.files} | ${s.median.toFixed(2)} s | ${s.min.toFixed(2)}–${s.max.toFixed(2)} s | ${variant === baseline ? '—' : percent(s.median, base.median)} | ${s.errors} |`;
  };
  const header = [
    '| variant | files | median | range | vs baseline | errors reported |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const lines = [
    `## Lint: ${tables} tables, ${files} files, median of ${runs} runs (wall time of a whole ESLint CLI run)`,
    '',
    ...header,
    row(baseline),
    row(firstFive),
    row(allRules),
  ];
  if (!values['totals-only']) {
    lines.push(
      '',
      '### Each rule alone (with the baseline rule)',
      '',
      ...header,
      row(baseline),
      ...variants.filter((variant) => variant.rules.length === 1).map(row),
      '',
      `### Concurrency (baseline + all ${RULES.length} rules)`,
      '',
      '| --concurrency | median | range | vs off |',
      '| --- | ---: | ---: | ---: |',
    );
    for (const variant of variants.filter((candidate) => candidate.rules.length === RULES.length)) {
      const s = stats(variant);
      const off = stats(allRules);
      lines.push(
        `| ${variant.concurrency} | ${s.median.toFixed(2)} s | ${s.min.toFixed(2)}–${s.max.toFixed(2)} s | ${variant === allRules ? '—' : percent(s.median, off.median)} |`,
      );
    }
  }
  const overhead = ((stats(allRules).median - base.median) / base.median) * 100;
  const added = stats(allRules).median / stats(firstFive).median;
  lines.push(
    '',
    `Target (DESIGN.md): all rules together add at most 5% to the baseline run: ${overhead.toFixed(1)}% measured, ${overhead <= 5 ? 'met' : 'NOT met'}.`,
    `All ${RULES.length} rules against the first five: ${added.toFixed(3)}x the wall time.`,
  );

  if (!values['no-timing']) {
    const { stdout } = await runEslint(
      project,
      configFor.get(allRules)!,
      'off',
      { TIMING: 'all' },
      'stylish',
    );
    const timing = [...parseTiming(stdout)].sort(([, a], [, b]) => b - a);
    lines.push(
      '',
      `### ESLint TIMING, one run of baseline + all ${RULES.length} rules (for reference only)`,
      '',
      "ESLint's per-rule TIMING charges a node-type visit shared by several rules to whichever rule's listener",
      'runs first; compare whole runs above, not these.',
      '',
      '| rule | TIMING ms |',
      '| --- | ---: |',
      ...timing.map(([rule, ms]) => `| ${rule} | ${ms.toFixed(1)} |`),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`bench/lint: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
