/**
 * Benchmark of the parsers the analysis and the rules could share (issue 10, one parse per file), on the
 * generated projects. Every candidate runs in a fresh child process over the same files — the project's
 * application source, the files both the analysis and `many-first lint` read — and reports the CPU time of
 * its in-process work (after its modules were loaded; CPU, not wall, because the machine is shared) and the
 * whole process's peak RSS:
 *
 * - ts: TypeScript 6's `ts.createSourceFile` (no parent pointers) and a walk of every node — the floor;
 * - ts+parents: the same with parent pointers, which typescript-estree's converter needs;
 * - estree: typescript-estree `parse` with the options ESLint's parser passes (loc, range, tokens, comments);
 * - estree-maps: typescript-estree `parseWithNodeMaps`-style, via `parseAndGenerateServices` with node maps
 *   kept: the ESTree and the TypeScript tree from one parse;
 * - ts→estree: our own TypeScript parse, then typescript-estree converting that tree (no second parse);
 * - ts→estree+scope: the same plus @typescript-eslint/scope-manager `analyze`, what ESLint needs;
 * - oxc / oxc+scope: oxc-parser's ESTree output (native), alone and with the same scope analysis;
 * - eslint today: ESLint's `Linter.verify` per file with the plugin's recommended config (what findings
 *   did before: the config normalized per call, typescript-eslint parsing the text again);
 * - eslint shared: ESLint's `ESLint#lintText` with the config normalized once and a parser that hands over
 *   the tree the analysis parsed (mcp-server/project/shared-parse.ts): rules, scope analysis and traversal
 *   without a second parse.
 *
 * oxc-parser is not a dependency: install it anywhere (`npm i oxc-parser` in a scratch folder) and pass
 * `--oxc DIR` (the folder holding its node_modules), else its rows say it was not measured.
 *
 *   npx tsx bench/parsers.ts [--sizes 1000,5000] [--runs 3] [--oxc DIR]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { applicationFileMatcher } from '../conventions/index.js';
import { discoverLayout } from '../conventions/layout.js';
import { discoverSourceFiles } from '../conventions/project-files.js';
import { generateProject, MARKER_FILE } from './generate.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '..');
const outDir = join(here, '.out');

const MODES = [
  'ts',
  'ts+parents',
  'estree',
  'estree-maps',
  'ts→estree',
  'ts→estree+scope',
  'oxc',
  'oxc+scope',
  'eslint today',
  'eslint shared',
] as const;
type Mode = (typeof MODES)[number];

const DESCRIPTIONS: Record<Mode, string> = {
  ts: 'TypeScript 6 `createSourceFile` + walk (the floor)',
  'ts+parents': 'the same, with parent pointers',
  estree: 'typescript-estree `parse` (ESLint options: loc, range, tokens, comments)',
  'estree-maps': 'typescript-estree with node maps (ESTree + TS tree from one parse)',
  'ts→estree': 'our TS parse (parents set), then typescript-estree converts it',
  'ts→estree+scope': 'the same + scope-manager `analyze`',
  oxc: 'oxc-parser `parseSync` (ESTree, native)',
  'oxc+scope': 'oxc-parser + scope-manager `analyze`',
  'eslint today': '`Linter.verify` per file, text in (findings before)',
  'eslint shared': "`ESLint#lintText` on the analysis's tree (findings now)",
};

// ---------------------------------------------------------------------------------------------------------
// Child side: one candidate per process.

function applicationFiles(dir: string): string[] {
  const isApplication = applicationFileMatcher(discoverLayout(dir).conventions);
  return discoverSourceFiles(dir).files.filter(isApplication);
}

/** Counts ESTree nodes without visitor keys: every object with a string `type`, as a walk would. */
function walkEstree(node: unknown): number {
  let count = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const record = current as Record<string, unknown>;
    if (typeof record.type !== 'string') continue;
    count++;
    for (const key in record) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments')
        continue;
      const value = record[key];
      if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return count;
}

async function child(mode: Mode, dir: string, oxcDir: string | undefined): Promise<Record<string, unknown>> {
  const files = applicationFiles(dir);
  const texts = files.map((file) => [join(dir, file), readFileSync(join(dir, file), 'utf8')] as const);
  const { ts } = await import('ts-morph');
  const tsParse = (path: string, text: string, parents: boolean) =>
    ts.createSourceFile(
      path,
      text,
      ts.ScriptTarget.Latest,
      parents,
      path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
  const tsWalk = (root: import('ts-morph').ts.Node) => {
    let nodes = 0;
    const visit = (node: import('ts-morph').ts.Node): void => {
      nodes++;
      ts.forEachChild(node, visit);
    };
    visit(root);
    return nodes;
  };
  const estreeOptions = (path: string) => ({
    filePath: path,
    loc: true,
    range: true,
    tokens: true,
    comment: true,
    jsx: path.endsWith('x'),
  });
  let nodes = 0;
  let started = 0;
  // CPU time (all threads), not wall time: the machine is shared, and CPU time is what load does not inflate.
  const now = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  switch (mode) {
    case 'ts':
    case 'ts+parents': {
      started = now();
      for (const [path, text] of texts) nodes += tsWalk(tsParse(path, text, mode === 'ts+parents'));
      break;
    }
    case 'estree': {
      const { parse } = await import('@typescript-eslint/typescript-estree');
      started = now();
      for (const [path, text] of texts) nodes += walkEstree(parse(text, estreeOptions(path)));
      break;
    }
    case 'estree-maps': {
      const { parseAndGenerateServices } = await import('@typescript-eslint/typescript-estree');
      started = now();
      for (const [path, text] of texts) {
        const { ast, services } = parseAndGenerateServices(text, {
          ...estreeOptions(path),
          preserveNodeMaps: true,
        });
        nodes += walkEstree(ast) + tsWalk(services.esTreeNodeToTSNodeMap.get(ast as never));
      }
      break;
    }
    case 'ts→estree':
    case 'ts→estree+scope': {
      const { parseAndGenerateServices } = await import('@typescript-eslint/typescript-estree');
      const { analyze } = await import('@typescript-eslint/scope-manager');
      started = now();
      for (const [path, text] of texts) {
        const sourceFile = tsParse(path, text, true);
        nodes += tsWalk(sourceFile);
        const { ast } = parseAndGenerateServices(sourceFile as never, estreeOptions(path));
        nodes += walkEstree(ast);
        if (mode === 'ts→estree+scope') analyze(ast, { sourceType: 'module' });
      }
      break;
    }
    case 'oxc':
    case 'oxc+scope': {
      if (oxcDir === undefined) return { skipped: 'oxc-parser not given (--oxc DIR)' };
      const entry = createRequire(join(oxcDir, 'package.json')).resolve('oxc-parser');
      const { parseSync } = (await import(pathToFileURL(entry).href)) as {
        parseSync: (file: string, text: string, options?: object) => { program: unknown; errors: unknown[] };
      };
      const { analyze } = await import('@typescript-eslint/scope-manager');
      started = now();
      let scopeFailures = 0;
      for (const [path, text] of texts) {
        const { program } = parseSync(path, text, { range: true });
        nodes += walkEstree(program);
        if (mode === 'oxc+scope') {
          try {
            analyze(program as never, { sourceType: 'module' });
          } catch {
            scopeFailures++;
          }
        }
      }
      if (scopeFailures > 0) return { nodes, workMs: now() - started, scopeFailures };
      break;
    }
    case 'eslint today': {
      const { Linter } = await import('eslint');
      const { createConfigs } = await import('../eslint-plugin/index.js');
      const config = createConfigs(discoverLayout(dir).conventions).recommended;
      const linter = new Linter({ cwd: dir });
      started = now();
      for (const [path, text] of texts) nodes += linter.verify(text, config, { filename: path }).length;
      break;
    }
    case 'eslint shared': {
      const { loadConventionLinter } = await import('../mcp-server/project/findings.js');
      const { parseSource } = await import('../mcp-server/project/parse.js');
      const linter = await loadConventionLinter(dir, discoverLayout(dir).conventions);
      if ('unavailable' in linter) throw new Error(linter.unavailable);
      started = now();
      for (const [index, [path, text]] of texts.entries()) {
        const sourceFile = parseSource(files[index]!, text);
        nodes += tsWalk(sourceFile);
        nodes += (await linter.lint(files[index]!, path, text, sourceFile)).length;
      }
      break;
    }
  }
  return { files: files.length, nodes, workMs: now() - started };
}

// ---------------------------------------------------------------------------------------------------------
// Parent side.

function runChild(mode: Mode, dir: string, oxcDir: string | undefined) {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, '--dir', dir];
  if (oxcDir !== undefined) args.push('--oxc', oxcDir);
  const timed = existsSync('/usr/bin/time');
  const result = spawnSync(
    timed ? '/usr/bin/time' : process.execPath,
    timed ? ['-f', 'MAXRSS %M', process.execPath, ...args] : args,
    { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0)
    throw new Error(`${mode} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const rss = /MAXRSS (\d+)/.exec(result.stderr);
  const report = JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  return { ...report, peakMb: rss === null ? Number.NaN : Number(rss[1]) / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function parent(sizes: number[], runs: number, oxcDir: string | undefined) {
  const lines: string[] = [];
  for (const tables of sizes) {
    const dir = join(outDir, `inspect-${tables}`);
    if (!existsSync(join(dir, MARKER_FILE))) await generateProject(dir, { tables });
    const samples = new Map<Mode, Record<string, unknown>[]>();
    // Interleaved run by run, so a burst of load on the machine hits every candidate alike.
    for (let run = 0; run < runs; run++) {
      for (const mode of MODES) {
        const list = samples.get(mode) ?? [];
        list.push(runChild(mode, dir, oxcDir));
        samples.set(mode, list);
      }
      process.stderr.write(`  ${tables} tables: run ${run + 1}/${runs} done\n`);
    }
    const work = (mode: Mode) => median(samples.get(mode)!.map((sample) => Number(sample.workMs)));
    const rss = (mode: Mode) => median(samples.get(mode)!.map((sample) => Number(sample.peakMb)));
    const files = samples.get('ts')![0]!.files;
    lines.push(
      '',
      `${tables} tables, ${String(files)} application files (median of ${runs}; ratios against \`ts\`):`,
      '',
      '| candidate | what | work | × floor | peak RSS | × floor RSS |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
    );
    for (const mode of MODES) {
      const skipped = samples.get(mode)![0]!.skipped;
      if (skipped !== undefined) {
        lines.push(`| ${mode} | ${DESCRIPTIONS[mode]} | – | – | – | ${String(skipped)} |`);
        continue;
      }
      const failures = samples.get(mode)![0]!.scopeFailures;
      const note = failures === undefined ? '' : ` (scope analysis failed on ${String(failures)} files)`;
      lines.push(
        `| ${mode} | ${DESCRIPTIONS[mode]}${note} | ${(work(mode) / 1000).toFixed(2)} s | ${(work(mode) / work('ts')).toFixed(2)}x | ` +
          `${rss(mode).toFixed(0)} MB | ${(rss(mode) / rss('ts')).toFixed(2)}x |`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n').trimStart()}\n`);
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000' },
    runs: { type: 'string', default: '3' },
    oxc: { type: 'string' },
    child: { type: 'string' },
    dir: { type: 'string' },
  },
});

try {
  if (values.child !== undefined) {
    if (!MODES.includes(values.child as Mode)) throw new Error(`unknown candidate ${values.child}`);
    const report = await child(values.child as Mode, resolve(values.dir!), values.oxc);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    const sizes = values.sizes.split(',').map((size) => Number(size.trim()));
    if (sizes.some((size) => !Number.isInteger(size) || size < 1))
      throw new Error(`--sizes wants whole numbers, got '${values.sizes}'`);
    await parent(
      sizes,
      Math.max(1, Number(values.runs)),
      values.oxc === undefined ? undefined : resolve(values.oxc),
    );
  }
} catch (error) {
  process.stderr.write(`bench/parsers: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
