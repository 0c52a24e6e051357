/**
 * The package as users install it, built from the current sources: `tsc -p tsconfig.build.json` into a
 * folder shaped like the published package (package.json, dist/, skills/, node_modules). Built at most once
 * per test run, whichever test file asks first; the others wait for it. The repository's own dist/ is never
 * touched, so a stale or half-written build cannot leak into a test.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_TIMEOUT_MS = 280_000;

export interface BuiltPackage {
  /** The package folder (what `node_modules/many-first` would be). */
  dir: string;
  /** dist/cli/bin.js inside it. */
  bin: string;
}

function tsc(outDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
        ...['-p', 'tsconfig.build.json', '--outDir', outDir],
        ...['--declaration', 'false', '--declarationMap', 'false', '--sourceMap', 'false'],
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function build(dir: string): Promise<void> {
  mkdirSync(dir);
  copyFileSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'skills'), join(dir, 'skills'), 'dir');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const { code, output } = await tsc(join(dir, 'dist'));
  // Type errors in a part still being written do not stop tsc from emitting; a missing binary does.
  if (!existsSync(join(dir, 'dist/cli/bin.js'))) {
    throw new Error(`the build did not produce dist/cli/bin.js (tsc exit ${code}):\n${output}`);
  }
}

let pending: Promise<BuiltPackage> | undefined;

/** The built package of this run; rejects with tsc's output when the binary was not emitted. */
export function builtPackage(): Promise<BuiltPackage> {
  pending ??= (async () => {
    const scratch = inject('runScratch');
    const dir = join(scratch, 'package');
    const done = join(scratch, 'package.done');
    const failed = join(scratch, 'package.failed');
    const result = { dir, bin: join(dir, 'dist/cli/bin.js') };
    let owner = true;
    try {
      mkdirSync(join(scratch, 'package.lock')); // atomic: exactly one worker builds
    } catch {
      owner = false;
    }
    if (owner) {
      try {
        await build(dir);
        writeFileSync(done, '');
      } catch (error) {
        writeFileSync(failed, (error as Error).message);
        throw error;
      }
      return result;
    }
    const deadline = Date.now() + BUILD_TIMEOUT_MS + 10_000;
    while (!existsSync(done)) {
      if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
      if (Date.now() > deadline) throw new Error('timed out waiting for another worker to build the package');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return result;
  })();
  return pending;
}
