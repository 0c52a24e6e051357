/**
 * The package as users install it, built from the current sources: `tsc -p tsconfig.build.json` into a
 * folder shaped like the published package (package.json, dist/ with its declarations, skills/, docs/,
 * README.md, LICENSE, and node_modules for the tests that run it in place). Built at most once per test
 * run, whichever test file asks first; the others wait for it. The repository's own dist/ is never touched,
 * so a stale or half-written build cannot leak into a test. `installPacked` puts the `npm pack` tarball of
 * that folder into a project, as `npm install` would.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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
        // Declarations stay on: a project type-checks against them (see installPacked).
        ...['--declarationMap', 'false', '--sourceMap', 'false'],
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
  for (const file of ['package.json', 'README.md', 'LICENSE']) {
    copyFileSync(join(REPO_ROOT, file), join(dir, file));
  }
  // Copies, not links: `npm pack` leaves out what a symbolic link points at.
  for (const folder of ['skills', 'docs']) {
    cpSync(join(REPO_ROOT, folder), join(dir, folder), { recursive: true });
  }
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

/**
 * Installs the built package into `project` from its `npm pack` tarball, as `npm install <tgz>` would lay it
 * out: the tarball's files unpacked as `node_modules/many-first`, nothing else of the build. Its
 * dependencies are not fetched (no network in tests); the caller links them into the project's
 * node_modules.
 *
 * @returns the installed package folder.
 */
export async function installPacked(project: string): Promise<string> {
  const { dir } = await builtPackage();
  const work = mkdtempSync(join(inject('runScratch'), 'pack-'));
  try {
    // --ignore-scripts: `prepare` would build again, into the repository.
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', dir, '--json', '--ignore-scripts', '--pack-destination', work], {
        cwd: work,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as Array<{ filename: string }>;
    execFileSync('tar', ['-xzf', join(work, packed!.filename), '-C', work]);
    const installed = join(project, 'node_modules/many-first');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    cpSync(join(work, 'package'), installed, { recursive: true });
    return installed;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
