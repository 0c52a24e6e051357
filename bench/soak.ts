/**
 * The reliability soak: every rule of the plugin, at its strictest options, on other people's code — each
 * .ts/.tsx/.mts/.cts/.js/.mjs/.cjs file under 1 MB in node_modules (declaration files included). A rule
 * must never throw on parsable input: any exception fails the run with the file and the stack. Files the
 * parser rejects are counted, not failures.
 *
 * Each file is linted twice so that every rule's code paths run on it: as it is, under a models path
 * (the wrapper rule's side), and with `'use server'` prepended, under an actions path (the server-action
 * rules' side). Module patterns match every import, so every call counts as a model op or a db call.
 * The config names the extensions, not `**\/*`: ESLint matches no file by a universal pattern alone, and
 * says so only in a warning. Every pass checks ESLint's per-rule stats, so a file the rules did not all
 * run on fails the soak instead of counting as clean.
 *
 *   npm run soak [-- --workers 2 --sample N --root node_modules]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import * as typescriptParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../eslint-plugin/index.js';

const EXTENSIONS = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
/** The same extensions as a config glob; a specific pattern, which `**\/*` is not. */
const FILES = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];
const MAX_BYTES = 1024 * 1024;
/** A worker that has not finished a file for this long is stuck in a rule: fail the run. */
const STALL_MS = 120_000;
const BATCH = 64;

/** Matches every import specifier, bare or relative, so every callee is a model op or a db client. */
const EVERY_MODULE = ['*', '*/*', '*/*/*', '@*/*', '@*/*/*', '**'];

type Pass = 'models' | 'actions';

export interface RuleException {
  pass: Pass;
  /** The rule that threw, as ESLint attributes it; undefined if ESLint could not say. */
  rule: string | undefined;
  message: string;
  stack: string;
}

export interface FileReport {
  file: string;
  parseFailed: boolean;
  findings: Record<string, number>;
  /** Milliseconds each rule took on the file (create and listeners, both passes), from ESLint's stats. */
  ruleTimes: Record<string, number>;
  /** Rules that did not run on a pass that parsed: the config did not reach the file. */
  notRun: { pass: Pass; rules: string[] }[];
  exceptions: RuleException[];
}

type FromWorker =
  { type: 'ready' } | { type: 'started'; file: string } | { type: 'done'; report: FileReport };
type ToWorker = { type: 'files'; files: string[] } | { type: 'stop' };

// ---------------------------------------------------------------------------------------------------------
// Worker: lints the files the main thread hands it, one report per file (createFileLinter, runWorker).

/** Every rule on, at the options `strict` uses, widened so each rule sees as much code as it can. */
function strictestRules(): Linter.RulesRecord {
  const rules: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const meta = rule.meta as { defaultOptions?: unknown[]; docs?: { strictOptions?: unknown[] } };
    const base = (meta.docs?.strictOptions ?? meta.defaultOptions ?? [{}])[0] as Record<string, unknown>;
    const options: Record<string, unknown> = { ...base };
    if ('models' in options) options.models = EVERY_MODULE;
    if ('dbModules' in options) options.dbModules = EVERY_MODULE;
    if ('allow' in options) options.allow = [];
    if ('allowLazyComponents' in options) options.allowLazyComponents = false;
    if ('requireModuleDirective' in options) options.requireModuleDirective = true;
    rules[`many-first/${name}`] = ['error', options];
  }
  return rules;
}

type Plugin = NonNullable<Linter.Config['plugins']>[string];

function lintConfig(
  sourceType: 'module' | 'commonjs' | 'script',
  rulesUnderTest: Linter.RulesRecord,
  pluginUnderTest: Plugin,
): Linter.Config[] {
  return [
    {
      files: FILES,
      plugins: { 'many-first': pluginUnderTest },
      languageOptions: {
        parser: typescriptParser,
        sourceType,
        ecmaVersion: 'latest',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
      rules: rulesUnderTest,
    },
  ];
}

/** `'use server'` at the top, after a `#!` line; the line count changes, nothing else. */
function asServerAction(text: string): string {
  if (!text.startsWith('#!')) return `'use server';\n${text}`;
  const newline = text.indexOf('\n');
  return newline === -1
    ? `${text}\n'use server';\n`
    : `${text.slice(0, newline + 1)}'use server';\n${text.slice(newline + 1)}`;
}

/** The rule an exception came from: ESLint tags listener errors with `ruleId`, and names it for create(). */
function ruleOfException(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'ruleId' in error && typeof error.ruleId === 'string')
    return error.ruleId;
  const message = error instanceof Error ? error.message : String(error);
  return /^Error while loading rule '([^']+)'/.exec(message)?.[1];
}

/** `node_modules` in a virtual path would fall under ESLint's default ignores; nested packages have it. */
function virtualPath(pass: Pass, file: string): string {
  const segments = file.split(/[\\/]/).map((segment) => (segment === 'node_modules' ? 'nm' : segment));
  return `/soak/src/${pass}/${segments.join('/')}`;
}

/**
 * Lints one file below `root` in both passes with every rule at its strictest. `pluginUnderTest` and
 * `rulesUnderTest` default to many-first's; tests pass others to prove a crash is caught.
 */
export function createFileLinter(
  pluginUnderTest: Plugin = plugin as unknown as Plugin,
  rulesUnderTest: Linter.RulesRecord = strictestRules(),
): (root: string, file: string) => FileReport {
  const linter = new Linter({ cwd: '/soak' });
  const configs = {
    module: lintConfig('module', rulesUnderTest, pluginUnderTest),
    commonjs: lintConfig('commonjs', rulesUnderTest, pluginUnderTest),
    script: lintConfig('script', rulesUnderTest, pluginUnderTest),
  };
  const expected = Object.keys(rulesUnderTest);

  return (root, file) => {
    const report: FileReport = {
      file,
      parseFailed: false,
      findings: {},
      ruleTimes: {},
      notRun: [],
      exceptions: [],
    };
    const text = readFileSync(join(root, file), 'utf8');
    const commonjs = /\.c[jt]s$/.test(file);
    for (const pass of ['models', 'actions'] as const) {
      // Virtual paths outside node_modules, so no default ignore applies and the rules see app paths.
      const filename = virtualPath(pass, file);
      const source = pass === 'actions' ? asServerAction(text) : text;
      const attempts: (keyof typeof configs)[] = commonjs ? ['commonjs'] : ['module', 'script'];
      for (const [index, sourceType] of attempts.entries()) {
        let messages: Linter.LintMessage[];
        try {
          // verifyAndFix without fixing is one verify whose stats start afresh: each rule's time, or none.
          // `stats` is the option ESLint's own class passes (`--stats`); Linter's types leave it out.
          const options: Linter.FixOptions & { stats: boolean } = { filename, fix: false, stats: true };
          messages = linter.verifyAndFix(source, configs[sourceType], options).messages;
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          report.exceptions.push({
            pass,
            rule: ruleOfException(error),
            message: failure.message,
            stack: failure.stack ?? failure.message,
          });
          break;
        }
        // A parse error comes back as a fatal message; only a rule (or ESLint running one) throws.
        const fatal = messages.some((message) => message.fatal === true);
        // Old packages ship sloppy-mode scripts (`with`, octal escapes): retry those as scripts.
        if (fatal && index < attempts.length - 1) continue;
        if (fatal) {
          report.parseFailed = true;
          break;
        }
        const times = linter.getTimes().passes[0]?.rules ?? {};
        const notRun = expected.filter((rule) => times[rule] === undefined);
        if (notRun.length > 0) report.notRun.push({ pass, rules: notRun });
        for (const [rule, { total }] of Object.entries(times))
          report.ruleTimes[rule] = (report.ruleTimes[rule] ?? 0) + total;
        // Messages without a rule only say that inline `eslint-disable` comments are ignored here.
        for (const { ruleId: rule } of messages) {
          if (rule !== null) report.findings[rule] = (report.findings[rule] ?? 0) + 1;
        }
        break;
      }
      if (report.parseFailed) break;
    }
    return report;
  };
}

/** The worker's entry: lints the files the main thread hands it, one report per file. */
export function runWorker(): void {
  const { root } = workerData as { root: string };
  const lintFile = createFileLinter();
  const port = parentPort!;

  port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') {
      port.close();
      return;
    }
    for (const file of message.files) {
      port.postMessage({ type: 'started', file } satisfies FromWorker);
      port.postMessage({ type: 'done', report: lintFile(root, file) } satisfies FromWorker);
    }
    port.postMessage({ type: 'ready' } satisfies FromWorker);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

// ---------------------------------------------------------------------------------------------------------
// Main thread: list the files, share them out, add up the reports.

/** Script files under 1 MB below root, sorted, skipping symlinks and dot folders (.bin, caches). */
export function listFiles(root: string): { files: string[]; tooLarge: number } {
  const files: string[] = [];
  let tooLarge = 0;
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && EXTENSIONS.test(entry.name)) {
        if (statSync(path).size < MAX_BYTES) files.push(relative(root, path));
        else tooLarge += 1;
      }
    }
  };
  walk(root);
  files.sort();
  return { files, tooLarge };
}

/** Every k-th file, so a sample is the same on every machine with the same node_modules. */
function sample(files: string[], size: number): string[] {
  if (size >= files.length) return files;
  const step = files.length / size;
  return Array.from({ length: size }, (_, index) => files[Math.floor(index * step)]!);
}

interface Totals {
  files: number;
  parseFailures: string[];
  findings: Map<string, number>;
  filesWithFindings: Map<string, number>;
  ruleTimes: Map<string, number>;
  notRun: (FileReport['notRun'][number] & { file: string })[];
  exceptions: (RuleException & { file: string })[];
}

/**
 * The rules are TypeScript sources. Node 20 does not apply tsx's loader to a worker's entry file, so the
 * worker registers tsx itself, then imports this module and starts the worker loop.
 */
function tsxWorkerEntry(): string {
  return `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })
  .then((soak) => soak.runWorker());`;
}

async function lintAll(root: string, files: string[], workers: number, onProgress: (done: number) => void) {
  const totals: Totals = {
    files: 0,
    parseFailures: [],
    findings: new Map(),
    filesWithFindings: new Map(),
    ruleTimes: new Map(),
    notRun: [],
    exceptions: [],
  };
  let next = 0;
  const stalled: string[] = [];

  await Promise.all(
    Array.from({ length: workers }, () => {
      const worker = new Worker(tsxWorkerEntry(), { eval: true, workerData: { root } });
      let current: { file: string; since: number } | undefined;
      const watchdog = setInterval(() => {
        if (current !== undefined && Date.now() - current.since > STALL_MS) {
          stalled.push(current.file);
          void worker.terminate();
        }
      }, 5_000);
      return new Promise<void>((resolvePromise, reject) => {
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'started') {
            current = { file: message.file, since: Date.now() };
          } else if (message.type === 'done') {
            current = undefined;
            const { report } = message;
            totals.files += 1;
            if (report.parseFailed) totals.parseFailures.push(report.file);
            for (const [rule, count] of Object.entries(report.findings)) {
              totals.findings.set(rule, (totals.findings.get(rule) ?? 0) + count);
              totals.filesWithFindings.set(rule, (totals.filesWithFindings.get(rule) ?? 0) + 1);
            }
            for (const [rule, time] of Object.entries(report.ruleTimes))
              totals.ruleTimes.set(rule, (totals.ruleTimes.get(rule) ?? 0) + time);
            for (const notRun of report.notRun) totals.notRun.push({ ...notRun, file: report.file });
            for (const exception of report.exceptions)
              totals.exceptions.push({ ...exception, file: report.file });
            onProgress(totals.files);
          } else if (next < files.length) {
            worker.postMessage({ type: 'files', files: files.slice(next, next + BATCH) } satisfies ToWorker);
            next += BATCH;
          } else {
            worker.postMessage({ type: 'stop' } satisfies ToWorker);
          }
        });
        worker.on('error', reject);
        worker.on('exit', () => {
          clearInterval(watchdog);
          resolvePromise();
        });
      });
    }),
  );
  return { totals, stalled };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      root: { type: 'string', default: 'node_modules' },
      workers: { type: 'string', default: '2' },
      sample: { type: 'string' },
    },
  });
  const root = resolve(values.root);
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a positive integer`);

  const started = performance.now();
  const listed = listFiles(root);
  const size = values.sample === undefined ? listed.files.length : Number(values.sample);
  if (!Number.isInteger(size) || size < 1) throw new Error(`--sample must be a positive integer`);
  const files = sample(listed.files, size);
  const scope =
    files.length === listed.files.length
      ? `all ${files.length} files`
      : `a deterministic sample of ${files.length} of ${listed.files.length} files`;
  process.stderr.write(`soak: ${scope} under ${relative(process.cwd(), root) || root}, ${workers} workers\n`);

  let reported = 0;
  const { totals, stalled } = await lintAll(root, files, workers, (done) => {
    if (done - reported >= 2_000 || done === files.length) {
      reported = done;
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      process.stderr.write(`soak: ${done}/${files.length} files, ${seconds} s\n`);
    }
  });
  const seconds = (performance.now() - started) / 1000;

  const ruleNames = Object.keys(plugin.rules).map((name) => `many-first/${name}`);
  const notRunFiles = new Set(totals.notRun.map((entry) => entry.file)).size;
  const lines = [
    '## Soak: the rules on node_modules',
    '',
    '| files linted | passes per file | skipped (≥ 1 MB) | parse failures (skipped) | rule exceptions | files the rules missed | stalled | time | files/s |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${totals.files} | 2 | ${listed.tooLarge} | ${totals.parseFailures.length} | ${totals.exceptions.length} | ${notRunFiles} | ${stalled.length} | ${seconds.toFixed(1)} s | ${(totals.files / seconds).toFixed(0)} |`,
    '',
    '| rule | findings | files with findings | rule time (both passes, all workers) |',
    '| --- | ---: | ---: | ---: |',
    ...ruleNames.map(
      (rule) =>
        `| ${rule} | ${totals.findings.get(rule) ?? 0} | ${totals.filesWithFindings.get(rule) ?? 0} | ${((totals.ruleTimes.get(rule) ?? 0) / 1000).toFixed(2)} s |`,
    ),
  ];
  const other = [...totals.findings.keys()].filter((rule) => !ruleNames.includes(rule));
  for (const rule of other)
    lines.push(`| ${rule} | ${totals.findings.get(rule)} | ${totals.filesWithFindings.get(rule)} | |`);
  if (files.length < listed.files.length) lines.push('', `Sampled: ${scope}.`);
  process.stdout.write(`${lines.join('\n')}\n`);

  // Third-party files the parser rejects are skipped, not failures; name them so a reader can judge.
  for (const file of totals.parseFailures.slice(0, 20))
    process.stderr.write(`parse failure (skipped): ${file}\n`);
  if (totals.parseFailures.length > 20)
    process.stderr.write(`… and ${totals.parseFailures.length - 20} more parse failures\n`);
  for (const exception of totals.exceptions) {
    process.stderr.write(
      `\nrule exception (${exception.rule ?? 'rule unknown'}) in ${exception.file} (${exception.pass} pass):\n${exception.stack}\n`,
    );
  }
  for (const { file, pass, rules } of totals.notRun.slice(0, 20))
    process.stderr.write(`\nnot linted by ${rules.join(', ')} (${pass} pass): ${file}\n`);
  if (totals.notRun.length > 20) process.stderr.write(`… and ${totals.notRun.length - 20} more passes\n`);
  for (const file of stalled) process.stderr.write(`\nstalled for over ${STALL_MS / 1000} s on ${file}\n`);
  const failed =
    totals.exceptions.length > 0 ||
    totals.notRun.length > 0 ||
    stalled.length > 0 ||
    totals.files < files.length;
  if (failed) process.stderr.write('\nsoak: FAILED\n');
  return failed ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`bench/soak: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
