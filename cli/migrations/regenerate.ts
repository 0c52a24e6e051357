/**
 * `reconcile --generate`: after reconcile has put the other branch's migrations after the base branch's,
 * the project's own drizzle-kit writes their SQL and snapshot again against the merged schema. Their files
 * are first copied into the reconcile backup and only then taken out of the folder (with their journal
 * entries), so `drizzle-kit generate` diffs the base branch's latest snapshot against the merged schema. If
 * it fails or writes no migration, the files and the journal are put back as they were.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import {
  journalPath,
  parseJournal,
  snapshotPathFor,
  sqlPathFor,
  tagPrefix,
  type Journal,
} from '../../mcp-server/migrations/index.js';
import { CliError } from '../io.js';

/** The project's drizzle-kit bin, from its own node_modules; one clear error (exit 2) when it has none. */
export function projectDrizzleKit(root: string): string {
  const packageFile = join(root, 'node_modules', 'drizzle-kit', 'package.json');
  let bin: unknown;
  try {
    bin = (JSON.parse(readFileSync(packageFile, 'utf8')) as { bin?: unknown }).bin;
  } catch {
    throw new CliError(
      `--generate runs the project's own drizzle-kit, and ${root}/node_modules has none; install it (npm install -D drizzle-kit) or reconcile without --generate`,
      2,
    );
  }
  const named =
    typeof bin === 'string'
      ? bin
      : typeof bin === 'object' && bin !== null
        ? (bin as Record<string, unknown>)['drizzle-kit']
        : undefined;
  const file = typeof named === 'string' ? join(dirname(packageFile), named) : undefined;
  // The bin must lie inside the drizzle-kit package: a `bin` such as `../../x` is not drizzle-kit.
  if (file === undefined || relative(dirname(packageFile), file).startsWith('..') || !existsSync(file))
    throw new CliError(`${packageFile} names no drizzle-kit bin that exists; reinstall drizzle-kit`, 2);
  return file;
}

export interface Regeneration {
  /** The migrations taken out and regenerated, by old tag. */
  replaced: string[];
  /** The tag drizzle-kit gave the regenerated migration, undefined when it wrote none. */
  tag?: string;
  /** Root-relative files drizzle-kit wrote or changed. */
  written: string[];
  /** Root-relative files taken out of the folder (a copy of each is in `backup`). */
  removed: string[];
  /** Why nothing was regenerated and the folder was restored, when it was. */
  restoredBecause?: string;
  backup: string;
}

function listFiles(root: string, folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const sub of [folder, join(folder, 'meta')]) {
    const absolute = join(root, sub);
    if (!existsSync(absolute)) continue;
    for (const entry of readdirSync(absolute, { withFileTypes: true }))
      if (entry.isFile()) files.set(join(sub, entry.name), readFileSync(join(absolute, entry.name), 'utf8'));
  }
  return files;
}

/** drizzle-kit's `--name` for the regenerated migration: the moved migrations' names without their prefix. */
function nameOf(tags: readonly string[]): string {
  const names = tags.map((tag) => tag.slice(tagPrefix(tag).length).replace(/^_/, '')).filter(Boolean);
  return (names.join('_') || 'reconciled').slice(0, 60);
}

/**
 * Regenerates the journal entries after the first `keep` with `bin` (drizzle-kit) and `config`
 * (drizzle.config, root-relative). `backup` is the reconcile backup folder; the files as they were before
 * this step go into its `before-generate/`.
 */
export function regenerate(
  root: string,
  out: string,
  options: { bin: string; config: string; keep: number; backup: string },
): Regeneration {
  const journalFile = journalPath(out);
  const journalText = readFileSync(join(root, journalFile), 'utf8');
  const journal: Journal | undefined = parseJournal(journalFile, journalText).journal;
  const backup = join(options.backup, 'before-generate');
  if (journal === undefined) throw new CliError(`${journalFile} cannot be read after reconcile`);
  const moving = journal.entries.slice(options.keep);
  const result: Regeneration = {
    replaced: moving.map((entry) => entry.tag),
    written: [],
    removed: [],
    backup,
  };
  if (moving.length === 0) return result;

  const files = moving.flatMap((entry) => [sqlPathFor(out, entry.tag), snapshotPathFor(out, entry.tag)]);
  const before = listFiles(root, out);
  // Copy first, remove second: no SQL leaves the folder before its copy is safe.
  for (const file of [journalFile, ...files]) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(backup, file)), { recursive: true });
    copyFileSync(join(root, file), join(backup, file));
  }
  const restore = (because: string): Regeneration => {
    for (const file of listFiles(root, out).keys()) if (!before.has(file)) rmSync(join(root, file));
    for (const [file, text] of before) writeFileSync(join(root, file), text);
    return { ...result, restoredBecause: because };
  };
  writeFileSync(
    join(root, journalFile),
    `${JSON.stringify({ ...journal, entries: journal.entries.slice(0, options.keep) }, null, 2)}\n`,
  );
  for (const file of files) {
    rmSync(join(root, file), { force: true });
    result.removed.push(file);
  }

  const run = spawnSync(
    process.execPath,
    [options.bin, 'generate', `--config=${options.config}`, `--name=${nameOf(result.replaced)}`],
    // No terminal: drizzle-kit's rename questions cannot be answered here; the timeout ends a wait for one.
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 },
  );
  // drizzle-kit 0.31 reports a schema module that throws on stderr and still exits 0.
  const said = [run.stderr, run.stdout]
    .flatMap((text) => (text ?? '').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !line.startsWith('Reading config'))
    .slice(0, 2)
    .join(' / ');
  if (run.error !== undefined || run.status !== 0)
    return restore(
      `drizzle-kit generate failed${said === '' ? ` (${run.error?.message ?? `exit ${run.status}`})` : `: ${said}`}`,
    );
  const after = listFiles(root, out);
  const regenerated = parseJournal(journalFile, after.get(journalFile) ?? '').journal?.entries.slice(
    options.keep,
  );
  const tag = regenerated?.at(-1)?.tag;
  if (tag === undefined)
    return restore(
      `drizzle-kit generate wrote no migration${(run.stderr ?? '').trim() === '' ? ' (the merged schema adds nothing to the base branch)' : `: ${said}`}`,
    );
  result.tag = tag;
  for (const [file, text] of after) if (before.get(file) !== text) result.written.push(file);
  result.removed = result.removed.filter((file) => !after.has(file));
  return result;
}
