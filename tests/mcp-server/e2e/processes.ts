/**
 * Child processes for the end-to-end tests: run to completion with a timeout, wait for a line of output,
 * and always killed, whatever the test did.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

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
