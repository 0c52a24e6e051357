/**
 * The built package for the end-to-end tests: `tsc -p tsconfig.build.json` into a private folder shaped
 * like the published package (package.json, dist/, skills/, node_modules), so the binary under test is
 * built from the current sources and no other test's rebuild of the repository's dist/ can race it. And
 * child processes that are always killed, whatever the test did.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../server/projects.js';

export interface BuiltPackage {
  /** The package folder (what `node_modules/many-first` would be). */
  dir: string;
  /** dist/cli/bin.js inside it. */
  bin: string;
  remove(): void;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; kills it (and fails) after `timeoutMs`. */
export function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { timeoutMs: number },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish in ${options.timeoutMs} ms\n${stderr}`));
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Builds the package from the sources; rejects with tsc's output when the binary was not emitted. */
export async function buildPackage(): Promise<BuiltPackage> {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'many-first-mcp-e2e-')));
  const dir = join(scratch, 'package');
  const remove = () => rmSync(scratch, { recursive: true, force: true });
  try {
    mkdirSync(dir);
    copyFileSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'skills'), join(dir, 'skills'), 'dir');
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const build = await run(
      process.execPath,
      [
        tsc,
        ...['-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist')],
        ...['--declaration', 'false', '--declarationMap', 'false', '--sourceMap', 'false'],
      ],
      { cwd: REPO_ROOT, timeoutMs: 280_000 },
    );
    const bin = join(dir, 'dist/cli/bin.js');
    // Type errors in a part still being written do not stop tsc from emitting; a missing binary does.
    if (!existsSync(bin)) {
      throw new Error(`the build did not produce dist/cli/bin.js (tsc exit ${build.code}):\n${build.stdout}`);
    }
    return { dir, bin, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Child processes started by a test file, killed in its afterAll even when a test failed midway. */
export class Processes {
  private readonly children = new Set<ChildProcess>();

  track<T extends ChildProcess>(child: T): T {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** Kills the tracked processes that are still running and waits until they are gone. */
  async killAll(): Promise<void> {
    await Promise.all(
      [...this.children].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    this.children.clear();
  }
}

/** Resolves with the first match of `pattern` in what the stream has said so far or says next. */
export function waitForOutput(
  stream: NodeJS.ReadableStream,
  pattern: RegExp,
  timeoutMs: number,
  seen: { text: string } = { text: '' },
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = seen.text.match(pattern);
      if (match === null) return false;
      clearTimeout(timer);
      stream.off('data', onData);
      resolve(match);
      return true;
    };
    const onData = (chunk: Buffer | string) => {
      seen.text += chunk.toString();
      check();
    };
    const timer = setTimeout(() => {
      stream.off('data', onData);
      reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; got:\n${seen.text}`));
    }, timeoutMs);
    if (!check()) stream.on('data', onData);
  });
}
