/**
 * Start-up of the built CLI: wall time of `many-first --version` and `--help` (each a fresh process) against
 * bare `node -e 0`, the floor any Node CLI pays. Target (DESIGN.md): within 3x of the floor. Runs the
 * build in dist/ (`npm run build` first), alternating the three commands so machine load hits them alike.
 *
 *   npm run bench:cli-start -- [--runs 15]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const TARGET_RATIO = 3;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive whole number, not '${values.runs}'`);
if (!existsSync(bin)) {
  process.stderr.write(`no build at ${bin}: run \`npm run build\` first\n`);
  process.exit(2);
}

const commands: { label: string; args: string[] }[] = [
  { label: '`node -e 0`', args: ['-e', '0'] },
  { label: '`many-first --version`', args: [bin, '--version'] },
  { label: '`many-first --help`', args: [bin, '--help'] },
];

function wallMs(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// One warm-up round fills the file cache, so the first measured command is not the only cold one.
for (const command of commands) wallMs(command.args);
const times = commands.map(() => [] as number[]);
for (let run = 0; run < runs; run++) {
  commands.forEach((command, index) => times[index]!.push(wallMs(command.args)));
}

const floor = median(times[0]!);
const lines = [
  `CLI start-up, ${runs} runs each, medians (Node ${process.version}); target: within ${TARGET_RATIO}x of \`node -e 0\``,
  '',
  '| command | median ms | min ms | vs `node -e 0` | within target |',
  '|---|---:|---:|---:|---|',
  ...commands.map((command, index) => {
    const ratio = median(times[index]!) / floor;
    return `| ${command.label} | ${median(times[index]!).toFixed(0)} | ${Math.min(...times[index]!).toFixed(0)} | ${ratio.toFixed(2)}x | ${index === 0 ? '' : ratio <= TARGET_RATIO ? 'yes' : 'no'} |`;
  }),
];
process.stdout.write(`${lines.join('\n')}\n`);
