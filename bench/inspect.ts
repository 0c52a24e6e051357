/**
 * Benchmark of the static inspection (mcp-server/project) on generated projects. Every figure is taken in
 * a fresh child process, whole-process wall time and peak RSS, so runtimes that load TypeScript or tsx pay
 * for it alike. Compared, per size:
 *
 * - floor: list the project's source files, read each, `ts.createSourceFile` and walk every node;
 * - index: `openProject` and the whole inspection (tables, models, actions, usages' facts, structure checks);
 * - findings: what `many-first inspect --json` does — the index with the convention rules run on each file
 *   from the tree the analysis parsed (`findings: true`), then the whole inspection;
 * - findings, re-parsed: the same with the rules run afterwards by `checkConventions`, which reads and
 *   parses every application file again (the flow before issue 10, kept for comparison);
 * - schema floor / schema only: the schema files alone, parsed, vs `readSchema` (schema plus its imports);
 * - tsx + getTableConfig: importing the schema modules at run time, the fastest runtime route;
 * - drizzle-kit export: drizzle's own CLI loading the schema;
 * - warm describe_table: refresh-per-call plus a table lookup with its keys and model, p50 / p95;
 * - refresh after editing one model file and one schema file.
 *
 * Besides wall time, each child reports CPU time (user + system, whole process and in-process work): on a
 * shared machine CPU time moves less with the load than wall time does. `--schema-only` runs just the
 * schema comparison (schema floor, `readSchema`, tsx + getTableConfig).
 *
 *   npm run bench:inspect -- [--sizes 100,1000,5000] [--runs 3] [--calls 200] [--no-kit] [--schema-only] [--warm-only]
 *
 * `--warm-only` measures the warm calls and the refresh after edits alone, skipping the cold runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import type { ts as TypeScript } from 'ts-morph';
import { discoverSourceFiles } from '../conventions/project-files.js';
import { generateProject, MARKER_FILE } from './generate.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..');
const outDir = join(here, '.out');

interface ChildResult {
  /** Wall time of the whole child process, ms. */
  wallMs: number;
  /** CPU time (user + system) of the whole child process, ms; NaN without /usr/bin/time. */
  cpuMs: number;
  /** Peak resident set size, MB. */
  peakMb: number;
  /** Whatever the child printed as its JSON report (warm figures). */
  report?: Record<string, number | string | string[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Child side: one measurement per process.

/** The files the generated drizzle.config.ts names (`./src/lib/db/schema.*.ts`). */
function schemaFilesOf(dir: string): string[] {
  const config = readFileSync(join(dir, 'drizzle.config.ts'), 'utf8');
  const glob = /schema:\s*'\.\/([^']+)'/.exec(config)?.[1] ?? 'src/lib/db/schema*.ts';
  const isSchema = picomatch(glob);
  return discoverSourceFiles(dir).files.filter((file) => isSchema(file));
}

// Each child imports only what its mode measures (the floor must not pay for the index's modules).
async function floor(dir: string, files: () => string[]): Promise<number> {
  const { ts } = await import('ts-morph');
  startWork();
  let nodes = 0;
  const visit = (node: TypeScript.Node): void => {
    nodes++;
    ts.forEachChild(node, visit);
  };
  for (const file of files()) {
    const text = readFileSync(join(dir, file), 'utf8');
    visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false));
  }
  return nodes;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/** Warm calls the way the server makes them: refresh, then look a table up with its keys and model. */
async function warm(dir: string, calls: number): Promise<Record<string, number | string | string[]>> {
  const { closeAllProjects, openProject } = await import('../mcp-server/project/project-index.js');
  let index = await openProject(dir);
  const names = index.inspection.tables.map((table) => table.name);
  const times: number[] = [];
  for (let call = 0; call < calls; call++) {
    const name = names[(call * 7919) % names.length]!;
    const started = performance.now();
    index = await openProject(dir);
    const found = index.findTable(name);
    if (found.table === undefined) throw new Error(`table ${name} not found`);
    index.foreignKeysOf(found.table);
    index.findModel(found.table.name);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);

  const edit = async (file: string) => {
    const path = join(dir, file);
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, `${original}\n// touched by bench/inspect\n`);
      const started = performance.now();
      const stats = await index.refresh();
      void index.inspection; // the next answer includes the re-derived tables, models and actions
      return { ms: performance.now() - started, parsed: stats.parsed };
    } finally {
      writeFileSync(path, original);
      await index.refresh();
      void index.inspection;
    }
  };
  // Several different files of each kind, spread over the project: p50 of the edits.
  const spread = (list: string[]) =>
    Array.from({ length: EDITS }, (_, step) => list[Math.floor((step * list.length) / EDITS)]!);
  const editAll = async (files: string[]) => {
    const results = [];
    for (const file of files) results.push(await edit(file));
    const sorted = results.map((result) => result.ms).sort((a, b) => a - b);
    return { ms: percentile(sorted, 50), parsed: results[0]!.parsed };
  };
  const modelEdit = await editAll(spread(index.inspection.models.map((model) => model.file)));
  const schemaEdit = await editAll(spread([...new Set(index.inspection.tables.map((table) => table.file))]));
  closeAllProjects();
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    modelEditMs: modelEdit.ms,
    modelEditParsed: modelEdit.parsed,
    schemaEditMs: schemaEdit.ms,
    schemaEditParsed: schemaEdit.parsed,
  };
}

/** How many files of each kind the warm run edits (p50 reported). */
const EDITS = 5;

/** When the measured work began: after the mode's modules (TypeScript, the index) were loaded. */
let workStarted: number | undefined;
/** The process's CPU time when the work began. */
let workCpuStarted: NodeJS.CpuUsage | undefined;

function startWork(): void {
  workStarted = performance.now();
  workCpuStarted = process.cpuUsage();
}

async function child(mode: string, dir: string, calls: number): Promise<void> {
  let report: Record<string, number | string | string[]> = {};
  switch (mode) {
    case 'floor':
      report.nodes = await floor(dir, () => discoverSourceFiles(dir).files);
      break;
    case 'floor-schema':
      report.nodes = await floor(dir, () => schemaFilesOf(dir));
      break;
    case 'index': {
      const { openProject } = await import('../mcp-server/project/project-index.js');
      startWork();
      const index = await openProject(dir, { watch: false });
      const inspection = index.inspection;
      report = {
        tables: inspection.tables.length,
        models: inspection.models.length,
        actions: inspection.actions.length,
      };
      break;
    }
    case 'findings':
    case 'findings-reparse': {
      const { openProject } = await import('../mcp-server/project/project-index.js');
      startWork();
      const index = await openProject(dir, { watch: false, findings: mode === 'findings' });
      const findings = await index.checkConventions();
      report = { findings: findings.length, bytes: JSON.stringify(index.inspection).length };
      break;
    }
    case 'schema': {
      const { readSchema } = await import('../mcp-server/project/project-index.js');
      startWork();
      report.tables = readSchema(dir).tables.length;
      break;
    }
    case 'warm':
      report = await warm(dir, calls);
      break;
    default:
      throw new Error(`unknown mode ${mode}`);
  }
  if (workStarted !== undefined) report.workMs = performance.now() - workStarted;
  if (workCpuStarted !== undefined) {
    const cpu = process.cpuUsage(workCpuStarted);
    report.workCpuMs = (cpu.user + cpu.system) / 1000;
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Parent side.

const hasTime = existsSync('/usr/bin/time');

function measure(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): ChildResult {
  const timed = hasTime
    ? ['/usr/bin/time', ['-f', 'MAXRSS %M CPU %U %S', command, ...args]]
    : [command, args];
  const started = performance.now();
  const result = spawnSync(timed[0] as string, timed[1] as string[], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  }
  const rss = /MAXRSS (\d+)/.exec(result.stderr);
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(result.stderr);
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  let report: ChildResult['report'];
  try {
    report = lastLine.startsWith('{') ? (JSON.parse(lastLine) as ChildResult['report']) : undefined;
  } catch {
    report = undefined;
  }
  const measured: ChildResult = {
    wallMs,
    cpuMs: cpu === null ? Number.NaN : (Number(cpu[1]) + Number(cpu[2])) * 1000,
    peakMb: rss === null ? Number.NaN : Number(rss[1]) / 1024,
  };
  if (report !== undefined) measured.report = report;
  return measured;
}

function runChild(mode: string, dir: string, calls: number): ChildResult {
  if (mode === 'runtime') {
    // tsx resolves the project's `@/` imports through its tsconfig.
    return measure(
      process.execPath,
      ['--import', 'tsx', join(here, 'inspect-runtime.ts'), dir, ...schemaFilesOf(dir)],
      repoRoot,
      {
        TSX_TSCONFIG_PATH: join(dir, 'tsconfig.json'),
      },
    );
  }
  return measure(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--child',
      mode,
      '--dir',
      dir,
      '--calls',
      String(calls),
    ],
    repoRoot,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function ensureProject(tables: number): Promise<string> {
  const dir = join(outDir, `inspect-${tables}`);
  if (!existsSync(join(dir, MARKER_FILE))) await generateProject(dir, { tables });
  return dir;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}x`;

async function parent(
  sizes: number[],
  runs: number,
  calls: number,
  kit: boolean,
  schemaOnly: boolean,
  warmOnly: boolean,
): Promise<void> {
  const rows: string[] = [];
  const schemaRows: string[] = [];
  const workRows: string[] = [];
  const findingsRows: string[] = [];
  const warmRows: string[] = [];
  for (const tables of sizes) {
    const dir = await ensureProject(tables);
    const files = discoverSourceFiles(dir).files.length;
    const samples: Record<string, ChildResult[]> = {};
    if (!schemaOnly) {
      const warmRun = runChild('warm', dir, calls).report!;
      const parsedAlone = (value: unknown) =>
        Array.isArray(value) ? `${value.length} file(s) re-parsed` : '?';
      warmRows.push(
        `| ${tables} | ${Number(warmRun.p50).toFixed(2)} ms | ${Number(warmRun.p95).toFixed(2)} ms | ` +
          `${Number(warmRun.modelEditMs).toFixed(1)} ms (${parsedAlone(warmRun.modelEditParsed)}) | ` +
          `${Number(warmRun.schemaEditMs).toFixed(1)} ms (${parsedAlone(warmRun.schemaEditParsed)}) |`,
      );
      if (warmOnly) continue;
    }
    const modes = schemaOnly
      ? ['floor-schema', 'schema', 'runtime']
      : ['floor', 'index', 'findings', 'findings-reparse', 'floor-schema', 'schema', 'runtime'];
    // Interleaved, so a burst of load on the machine hits every mode alike.
    for (let run = 0; run < runs; run++) {
      for (const mode of modes) (samples[mode] ??= []).push(runChild(mode, dir, calls));
      if (kit && !schemaOnly) {
        (samples.kit ??= []).push(
          measure(
            process.execPath,
            [join(repoRoot, 'node_modules/drizzle-kit/bin.cjs'), 'export', '--config', 'drizzle.config.ts'],
            dir,
          ),
        );
      }
      process.stderr.write(`  ${tables} tables: run ${run + 1}/${runs} done\n`);
    }
    const wall = (mode: string) => median(samples[mode]!.map((sample) => sample.wallMs));
    const work = (mode: string) =>
      median(samples[mode]!.map((sample) => Number(sample.report?.workMs ?? Number.NaN)));
    const mb = (mode: string) => median(samples[mode]!.map((sample) => sample.peakMb));
    const cpu = (mode: string) => median(samples[mode]!.map((sample) => sample.cpuMs));
    const workCpu = (mode: string) =>
      median(samples[mode]!.map((sample) => Number(sample.report?.workCpuMs ?? Number.NaN)));
    schemaRows.push(
      `| ${tables} | ${seconds(cpu('floor-schema'))} | ${seconds(cpu('schema'))} | ${seconds(cpu('runtime'))} | ` +
        `${ratio(cpu('schema'), cpu('runtime'))} | ${seconds(workCpu('floor-schema'))} | ${seconds(workCpu('schema'))} | ` +
        `${seconds(workCpu('runtime'))} | ${ratio(workCpu('schema'), workCpu('runtime'))} | ` +
        `${ratio(workCpu('schema'), workCpu('floor-schema'))} | ${ratio(wall('schema'), wall('runtime'))} |`,
    );
    if (schemaOnly) continue;
    rows.push(
      `| ${tables} | ${files} | ${seconds(wall('floor'))} | ${seconds(wall('index'))} | ${ratio(wall('index'), wall('floor'))} | ` +
        `${seconds(wall('floor-schema'))} | ${seconds(wall('schema'))} | ${seconds(wall('runtime'))} | ` +
        `${kit ? seconds(wall('kit')) : '–'} | ${mb('floor').toFixed(0)} MB | ${mb('index').toFixed(0)} MB | ${ratio(mb('index'), mb('floor'))} |`,
    );
    findingsRows.push(
      `| ${tables} | ${seconds(wall('floor'))} | ${seconds(wall('findings'))} | ${ratio(wall('findings'), wall('floor'))} | ` +
        `${seconds(wall('findings-reparse'))} | ${ratio(wall('findings-reparse'), wall('floor'))} | ` +
        `${ratio(work('findings'), work('floor'))} | ${ratio(work('findings-reparse'), work('floor'))} | ` +
        `${mb('findings').toFixed(0)} MB | ${ratio(mb('findings'), mb('floor'))} | ${String(samples.findings![0]!.report?.findings)} |`,
    );
    workRows.push(
      `| ${tables} | ${seconds(work('floor'))} | ${seconds(work('index'))} | ${ratio(work('index'), work('floor'))} | ` +
        `${seconds(work('floor-schema'))} | ${seconds(work('schema'))} | ${seconds(work('runtime'))} | ${ratio(work('schema'), work('runtime'))} |`,
    );
  }
  const warmTable = [
    `Warm (${calls} calls, each refreshing the index first, as the server does; edits: p50 of ${EDITS} files):`,
    '',
    '| tables | describe_table p50 | p95 | refresh after editing a model file | after editing a schema file |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...warmRows,
  ];
  if (warmOnly) {
    process.stdout.write(`${warmTable.join('\n')}\n`);
    return;
  }
  const schemaLines = [
    `Schema only, CPU time (user + system; median of ${runs}): the whole process, and the work after its modules were loaded:`,
    '',
    '| tables | schema floor | readSchema | tsx + getTableConfig | readSchema/tsx | work: schema floor | readSchema | tsx + getTableConfig | readSchema/tsx | readSchema/floor | wall readSchema/tsx |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...schemaRows,
  ];
  if (schemaOnly) {
    process.stdout.write(`${schemaLines.join('\n')}\n`);
    return;
  }
  const lines = [
    `Cold, whole process (median of ${runs}; ratios against the floor of the same files):`,
    '',
    '| tables | files | floor | index | index/floor | schema floor | schema only | tsx + getTableConfig | drizzle-kit export | floor RSS | index RSS | RSS ratio |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'Findings included, as `many-first inspect --json` answers (the same runs; work = in-process only):',
    '',
    '| tables | floor | findings, one parse | /floor | findings, re-parsed | /floor | work /floor, one parse | work /floor, re-parsed | RSS | RSS /floor | findings |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...findingsRows,
    '',
    'The same runs, in-process work only (after TypeScript, the index or tsx and drizzle were loaded):',
    '',
    '| tables | floor | index | index/floor | schema floor | schema only | tsx + getTableConfig | schema only/runtime |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...workRows,
    '',
    ...warmTable,
    '',
    ...schemaLines,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,5000' },
    runs: { type: 'string', default: '3' },
    calls: { type: 'string', default: '200' },
    'no-kit': { type: 'boolean', default: false },
    'schema-only': { type: 'boolean', default: false },
    'warm-only': { type: 'boolean', default: false },
    child: { type: 'string' },
    dir: { type: 'string' },
  },
});

try {
  if (values.child !== undefined) {
    await child(values.child, resolve(values.dir!), Number(values.calls));
  } else {
    const sizes = values.sizes.split(',').map((size) => Number(size.trim()));
    if (sizes.some((size) => !Number.isInteger(size) || size < 1))
      throw new Error(`--sizes wants whole numbers, got '${values.sizes}'`);
    await parent(
      sizes,
      Math.max(1, Number(values.runs)),
      Math.max(1, Number(values.calls)),
      !values['no-kit'],
      values['schema-only'],
      values['warm-only'],
    );
  }
} catch (error) {
  process.stderr.write(`bench/inspect: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
