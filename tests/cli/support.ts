/** What the CLI tests share: temporary project folders, and `main` run with its output captured. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../cli/main.js';

/** The package.json of an ESM project, which most test projects start from. */
export const PACKAGE_JSON: Readonly<Record<string, string>> = { 'package.json': '{ "type": "module" }\n' };

/**
 * Two action files that break four rules the way apps do: a 'use server' module that inserts through the
 * database client, imports dynamically and redirects (checkout.ts, lines 8, 9 and 11), and an actions
 * module without the directive (archive.ts). `schemaModule` is where the project's `tags` table lives.
 */
export function violatingActions(schemaModule: string): Record<string, string> {
  return {
    'src/actions/checkout.ts': `'use server';

import { redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { tags } from '${schemaModule}';

export async function checkout(name: string) {
  await db.insert(tags).values({ name });
  const { sendReceipt } = await import('@/lib/mail');
  await sendReceipt(name);
  redirect('/thanks');
}
`,
    'src/actions/archive.ts': `import { deleteTags } from '@/models/tags';

export async function clearTags() {
  return deleteTags([], { all: true });
}
`,
  };
}

/** Temporary project folders of one test file; `removeAll()` in its afterEach. */
export class TempProjects {
  private readonly dirs: string[] = [];

  constructor(private readonly prefix: string) {}

  /** A new folder (its real path) holding exactly `files`, by root-relative path. */
  create(files: Readonly<Record<string, string>>): string {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), this.prefix)));
    this.dirs.push(dir);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return dir;
  }

  /** Removes every folder, after `prepare(dir)` (e.g. making a read-only tree writable again). */
  removeAll(prepare?: (dir: string) => void): void {
    for (const dir of this.dirs.splice(0)) {
      prepare?.(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** A stream that keeps what is written to it; `isTTY` makes it pass for a terminal. */
export function collect(isTTY = false): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  if (isTTY) Object.assign(stream, { isTTY: true });
  return { stream, text: () => text };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `many-first ...argv` in `cwd`, in process, with stdout and stderr captured. */
export async function runCli(argv: string[], cwd: string, options: { tty?: boolean } = {}): Promise<CliRun> {
  const stdout = collect(options.tty);
  const stderr = collect();
  const code = await main(argv, { stdout: stdout.stream, stderr: stderr.stream, cwd });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
