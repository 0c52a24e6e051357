/**
 * What hostile code costs: each case of the hostile corpus (tests/mcp-server/project/hostile-corpus.ts), and
 * the whole corpus, inspected the way `many-first inspect` does (openProject, then the conventions check
 * with lint), each in a fresh child process (whole-process wall time and peak RSS), against a normal
 * project of similar size: the same project with the hostile file replaced by an ordinary schema file of
 * about as many bytes. Cases and baselines alternate run by run so load on the machine hits them alike.
 *
 *   npm run bench:hostile                 # every case, 3 runs
 *   npm run bench:hostile -- --runs 1     # a quick check
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  generatedHostileFiles,
  HOSTILE_FILES,
  HOSTILE_FIXTURE,
} from '../tests/mcp-server/project/hostile-corpus.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');

// ---------------------------------------------------------------------------------------------------------
// Child side: one inspection per process.

async function child(dir: string): Promise<void> {
  const { openProject } = await import('../mcp-server/project/project-index.js');
  const started = performance.now();
  const index = await openProject(dir, { watch: false });
  await index.checkConventions();
  const { tables, diagnostics } = index.inspection;
  const workMs = performance.now() - started;
  const cuts = diagnostics.filter((entry) => entry.budget).length;
  process.stdout.write(`${JSON.stringify({ tables: tables.length, cuts, workMs })}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Parent side.

interface Measured {
  wallMs: number;
  /** Inside the child, from opening the project to the findings: without Node's and the modules' start. */
  workMs: number;
  peakMb: number;
  tables: number;
  cuts: number;
}

const hasTime = existsSync('/usr/bin/time');

function measure(dir: string): Measured {
  const args = [
    '--max-old-space-size=1024',
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--child',
    dir,
  ];
  const [command, commandArgs] = hasTime
    ? ['/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  const result = spawnSync(command, commandArgs, {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`inspection of ${dir} failed: ${result.stderr.slice(-2000)}`);
  const rss = /MAXRSS (\d+)/.exec(result.stderr);
  const report = JSON.parse(result.stdout.trim().split('\n').pop()!) as Omit<Measured, 'wallMs' | 'peakMb'>;
  return { wallMs, peakMb: rss === null ? Number.NaN : Number(rss[1]) / 1024, ...report };
}

/**
 * Ordinary schema modules of `bytes` bytes together, each at most 512 KB (as a normal project splits its
 * schema, and under the lint budget): tables of five columns.
 */
function ordinarySchemas(bytes: number, slug: string): Record<string, string> {
  const files: Record<string, string> = {};
  const prefix = `normal${slug.replace(/-/g, '')}`;
  const count = Math.max(1, Math.ceil(bytes / (512 * 1024)));
  for (let part = 0; part < count; part++)
    files[`db/normal-${slug}-${part}.ts`] = ordinarySchema(bytes / count, `${prefix}${part}t`);
  return files;
}

/** An ordinary schema module of at least `bytes` bytes: tables of five columns, one after another. */
function ordinarySchema(bytes: number, prefix: string): string {
  const lines = ["import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';", ''];
  let size = lines.join('\n').length;
  for (let n = 0; size < bytes || n === 0; n++) {
    const table = [
      `export const ${prefix}${n} = pgTable('${prefix}_${n}', {`,
      "  id: integer('id').primaryKey(),",
      "  name: text('name').notNull(),",
      "  note: text('note'),",
      "  ownerId: integer('owner_id').notNull(),",
      "  createdAt: timestamp('created_at').defaultNow().notNull(),",
      '});',
      '',
    ].join('\n');
    lines.push(table);
    size += table.length + 1;
  }
  return lines.join('\n');
}

/** Every case's files (root-relative path → text), hostile, from the fixture and the generator. */
function caseFiles(): Map<string, Record<string, string>> {
  const generated = generatedHostileFiles();
  const textOf = (file: string) => generated[file] ?? readFileSync(join(HOSTILE_FIXTURE, file), 'utf8');
  const cases = new Map<string, Record<string, string>>();
  for (const { file } of HOSTILE_FILES) {
    if (file === 'db/cyclic-reexports-partner.ts') continue; // one case with db/cyclic-reexports.ts
    const files: Record<string, string> = { [file]: textOf(file) };
    if (file === 'db/cyclic-reexports.ts')
      files['db/cyclic-reexports-partner.ts'] = textOf('db/cyclic-reexports-partner.ts');
    cases.set(file.replace(/^db\/|\.ts$/g, ''), files);
  }
  const all: Record<string, string> = {};
  for (const files of cases.values()) Object.assign(all, files);
  cases.set('whole corpus', all);
  return cases;
}

/** A project: the fixture's settings and ordinary tables, plus `files`. */
function writeProject(base: string, name: string, files: Record<string, string>): string {
  const root = join(base, name);
  mkdirSync(join(root, 'db'), { recursive: true });
  for (const file of ['package.json', 'many-first.config.json', 'db/ordinary.ts'])
    cpSync(join(HOSTILE_FIXTURE, file), join(root, file));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
  return root;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const format = (value: number, digits = 2) => value.toFixed(digits);

function parent(runs: number, only: string | undefined): void {
  const base = mkdtempSync(join(tmpdir(), 'many-first-bench-hostile-'));
  try {
    const rows: string[] = [];
    for (const [name, files] of caseFiles()) {
      if (only !== undefined && !name.includes(only)) continue;
      const bytes = Object.values(files).reduce((sum, text) => sum + text.length, 0);
      const slug = name.replace(/\W+/g, '-');
      const hostile = writeProject(base, `${slug}-hostile`, files);
      const normal = writeProject(base, `${slug}-normal`, ordinarySchemas(bytes, slug));
      const hostileRuns: Measured[] = [];
      const normalRuns: Measured[] = [];
      for (let run = 0; run < runs; run++) {
        hostileRuns.push(measure(hostile));
        normalRuns.push(measure(normal));
      }
      const wall = median(hostileRuns.map((run) => run.wallMs));
      const normalWall = median(normalRuns.map((run) => run.wallMs));
      const work = median(hostileRuns.map((run) => run.workMs));
      const normalWork = median(normalRuns.map((run) => run.workMs));
      const peak = median(hostileRuns.map((run) => run.peakMb));
      const normalPeak = median(normalRuns.map((run) => run.peakMb));
      rows.push(
        `| ${name} | ${format(bytes / 1024, 0)} | ${format(work / 1000)} | ${format(normalWork / 1000)} | ` +
          `${format(work / normalWork)}x | ${format(wall / normalWall)}x | ` +
          `${format(peak, 0)} | ${format(normalPeak, 0)} | ${format(peak / normalPeak)}x | ` +
          `${hostileRuns[0]!.tables} | ${hostileRuns[0]!.cuts} |`,
      );
      process.stderr.write(`${name} done\n`);
    }
    console.log(
      `Hostile corpus: inspect (index + conventions check) per case against a normal project of the same ` +
        `size, medians of ${runs} run(s); work = inside the process, wall = the whole process`,
    );
    console.log('');
    console.log(
      '| case | KB | work s | normal work s | work ratio | wall ratio | peak MB | normal peak MB | memory ratio | tables | cuts |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of rows) console.log(row);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
if (values.child !== undefined) await child(values.child);
else parent(Number(values.runs), values.only);
