/**
 * drizzle-kit's migrations folder read as data, without a database and without drizzle-kit. Two layouts:
 * 0.31's (`meta/_journal.json` lists the migrations in order, `NNNN_tag.sql` beside it, and one
 * `meta/NNNN_snapshot.json` per migration whose `prevId` chains them) and 1.0's (one folder per migration
 * holding `migration.sql` and `snapshot.json`, chained by `prevIds`). Files come through a `FolderSource`,
 * so the same reading serves the working tree and a git revision.
 */
import { posix } from 'node:path';

/** Where the folder's files come from; paths are root-relative with forward slashes. */
export interface FolderSource {
  /** Names directly inside a folder; undefined when the folder does not exist. */
  list(dir: string): string[] | undefined;
  /** A file's text; undefined when it does not exist. Throws MigrationReadError when it cannot be read. */
  read(file: string): string | undefined;
  /**
   * What identifies this version of a file (its real path, size and mtime), when the source can tell:
   * snapshot ids are then remembered across calls and an unchanged snapshot is not read again.
   */
  version?(file: string): string | undefined;
}

export class MigrationReadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'MigrationReadError';
  }
}

/** One entry of `meta/_journal.json`, exactly as drizzle-kit 0.31 writes it. */
export interface JournalEntry {
  idx: number;
  version: string;
  /** Milliseconds since the epoch; the pg migrator applies only entries newer than the last applied one. */
  when: number;
  tag: string;
  breakpoints: boolean;
}

export interface Journal {
  version: string;
  dialect: string;
  entries: JournalEntry[];
}

/** A snapshot file: the schema as drizzle-kit saw it after one migration. */
export interface Snapshot {
  file: string;
  id?: string;
  /** 0.31: the previous snapshot's id. */
  prevId?: string;
  /** 1.0: the previous snapshots' ids. */
  prevIds?: string[];
  json?: Record<string, unknown>;
  /** Why the file could not be used (conflict markers, malformed JSON); json is then undefined. */
  error?: string;
}

export interface Migration {
  /** The journal tag (0.31) or the folder name (1.0). */
  tag: string;
  /** Position in the journal (0.31) or in name order (1.0). */
  idx: number;
  when?: number;
  sqlFile: string;
  sqlExists: boolean;
  /** Root-relative path of its snapshot file, whether or not it exists. */
  snapshotFile: string;
  snapshot?: Snapshot;
}

export type FolderLayout = 'journal' | 'folders' | 'missing';

export interface MigrationFolder {
  /** Root-relative folder (drizzle.config's `out`, drizzle-kit's default `drizzle`). */
  out: string;
  layout: FolderLayout;
  journal?: Journal;
  /** Why the journal could not be used. */
  journalError?: string;
  /** In journal order (0.31) or folder-name order (1.0). */
  migrations: Migration[];
  /** `.sql` files in the folder that no journal entry names (0.31 only). */
  unlistedSql: string[];
  /** Snapshot files in `meta/` that no journal entry owns (0.31 only). */
  unlistedSnapshots: string[];
}

/** The zero id drizzle-kit gives the first snapshot's `prevId`. */
export const ROOT_SNAPSHOT_ID = '00000000-0000-0000-0000-000000000000';

const CONFLICT_MARKER = /^(<{7}|={7}|>{7})( |$)/m;

/** True when a file still holds git's conflict markers. */
export function hasConflictMarkers(text: string): boolean {
  return CONFLICT_MARKER.test(text);
}

/** The part of a tag before its first `_`: drizzle-kit names the snapshot after it (`0007_x` → `0007`). */
export function tagPrefix(tag: string): string {
  const underscore = tag.indexOf('_');
  return underscore === -1 ? tag : tag.slice(0, underscore);
}

export function journalPath(out: string): string {
  return posix.join(out, 'meta', '_journal.json');
}

export function snapshotPathFor(out: string, tag: string): string {
  return posix.join(out, 'meta', `${tagPrefix(tag)}_snapshot.json`);
}

export function sqlPathFor(out: string, tag: string): string {
  return posix.join(out, `${tag}.sql`);
}

function parseJson(file: string, text: string): { json?: unknown; error?: string } {
  if (hasConflictMarkers(text)) return { error: 'holds git conflict markers' };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `is not valid JSON (${(error as Error).message})` };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** drizzle-kit writes `id` and `prevId` (or `prevIds`) first; the rest of a snapshot can be megabytes. */
const HEADER_ID = /^\s*\{\s*"id":\s*"([^"]*)",\s*"(prevId|prevIds)":\s*("[^"]*"|\[[^\]]*\])/;

/**
 * Reads a snapshot file; undefined when it does not exist. With `detail: 'ids'` only its id and parents are
 * read when the file starts with them, as drizzle-kit writes it (the chain needs nothing else).
 */
export function readSnapshot(
  source: FolderSource,
  file: string,
  detail: 'full' | 'ids' = 'full',
): Snapshot | undefined {
  const version = detail === 'ids' ? source.version?.(file) : undefined;
  const known = version === undefined ? undefined : idsByVersion.get(version);
  if (known !== undefined) return { ...known, file };
  const snapshot = readSnapshotText(source, file, detail);
  if (version !== undefined && snapshot?.id !== undefined && snapshot.error === undefined) {
    // Bounded: a project's history, not every file the server ever saw.
    if (idsByVersion.size >= MAX_REMEMBERED) idsByVersion.clear();
    const { json: _json, ...ids } = snapshot;
    idsByVersion.set(version, ids);
  }
  return snapshot;
}

const MAX_REMEMBERED = 20_000;
const idsByVersion = new Map<string, Snapshot>();

function readSnapshotText(source: FolderSource, file: string, detail: 'full' | 'ids'): Snapshot | undefined {
  const text = source.read(file);
  if (text === undefined) return undefined;
  if (detail === 'ids' && !hasConflictMarkers(text)) {
    const header = HEADER_ID.exec(text.slice(0, 4096));
    if (header !== null) {
      try {
        const parents = JSON.parse(header[3]!) as unknown;
        const snapshot: Snapshot = { file, id: header[1]! };
        if (typeof parents === 'string') snapshot.prevId = parents;
        else if (Array.isArray(parents))
          snapshot.prevIds = parents.filter((id): id is string => typeof id === 'string');
        return snapshot;
      } catch {
        // An odd header: read the whole file below.
      }
    }
  }
  const parsed = parseJson(file, text);
  if (parsed.error !== undefined) return { file, error: parsed.error };
  if (!isRecord(parsed.json)) return { file, error: 'is not a JSON object' };
  const json = parsed.json;
  const snapshot: Snapshot = { file, json };
  if (typeof json.id === 'string') snapshot.id = json.id;
  if (typeof json.prevId === 'string') snapshot.prevId = json.prevId;
  if (Array.isArray(json.prevIds))
    snapshot.prevIds = json.prevIds.filter((id): id is string => typeof id === 'string');
  return snapshot;
}

/** Parses `meta/_journal.json`; the error says what is wrong in one line. */
export function parseJournal(file: string, text: string): { journal?: Journal; error?: string } {
  const parsed = parseJson(file, text);
  if (parsed.error !== undefined) return { error: parsed.error };
  const json = parsed.json;
  if (!isRecord(json) || !Array.isArray(json.entries)) return { error: 'has no `entries` array' };
  const entries: JournalEntry[] = [];
  for (const [position, entry] of json.entries.entries()) {
    if (!isRecord(entry) || typeof entry.tag !== 'string' || typeof entry.idx !== 'number') {
      return { error: `entry ${position} has no string \`tag\` and numeric \`idx\`` };
    }
    entries.push({
      idx: entry.idx,
      version: typeof entry.version === 'string' ? entry.version : String(json.version ?? ''),
      when: typeof entry.when === 'number' ? entry.when : 0,
      tag: entry.tag,
      breakpoints: entry.breakpoints !== false,
    });
  }
  return {
    journal: {
      version: typeof json.version === 'string' ? json.version : '',
      dialect: typeof json.dialect === 'string' ? json.dialect : '',
      entries,
    },
  };
}

function readJournalLayout(source: FolderSource, out: string, names: string[]): MigrationFolder {
  const file = journalPath(out);
  const folder: MigrationFolder = {
    out,
    layout: 'journal',
    migrations: [],
    unlistedSql: [],
    unlistedSnapshots: [],
  };
  const text = source.read(file);
  if (text !== undefined) {
    const { journal, error } = parseJournal(file, text);
    if (journal !== undefined) folder.journal = journal;
    if (error !== undefined) folder.journalError = `${file} ${error}`;
  }
  const sqlFiles = new Set(
    names.filter((name) => name.endsWith('.sql')).map((name) => posix.join(out, name)),
  );
  const metaNames = source.list(posix.join(out, 'meta')) ?? [];
  const snapshotFiles = new Set(
    metaNames.filter((name) => name.endsWith('_snapshot.json')).map((name) => posix.join(out, 'meta', name)),
  );
  const snapshots = new Map<string, Snapshot | undefined>();
  const entries = folder.journal?.entries ?? [];
  // Only the latest snapshot is compared with the schema; the others are read for their ids.
  const latest = entries.at(-1);
  if (latest !== undefined) {
    const file = snapshotPathFor(out, latest.tag);
    snapshots.set(file, readSnapshot(source, file));
  }
  for (const entry of entries) {
    const sqlFile = sqlPathFor(out, entry.tag);
    const snapshotFile = snapshotPathFor(out, entry.tag);
    if (!snapshots.has(snapshotFile)) snapshots.set(snapshotFile, readSnapshot(source, snapshotFile, 'ids'));
    const snapshot = snapshots.get(snapshotFile);
    const migration: Migration = {
      tag: entry.tag,
      idx: entry.idx,
      when: entry.when,
      sqlFile,
      sqlExists: sqlFiles.has(sqlFile),
      snapshotFile,
    };
    if (snapshot !== undefined) migration.snapshot = snapshot;
    folder.migrations.push(migration);
    sqlFiles.delete(sqlFile);
    snapshotFiles.delete(snapshotFile);
  }
  // Without a journal nothing is listed; the SQL files are then the only record of the migrations.
  folder.unlistedSql = [...sqlFiles].sort();
  folder.unlistedSnapshots = folder.journal === undefined ? [] : [...snapshotFiles].sort();
  return folder;
}

function readFolderLayout(source: FolderSource, out: string, names: string[]): MigrationFolder {
  const folder: MigrationFolder = {
    out,
    layout: 'folders',
    migrations: [],
    unlistedSql: [],
    unlistedSnapshots: [],
  };
  for (const name of [...names].sort()) {
    const dir = posix.join(out, name);
    const inside = source.list(dir);
    if (inside === undefined || !inside.includes('snapshot.json')) continue;
    const snapshotFile = posix.join(dir, 'snapshot.json');
    const sqlFile = posix.join(dir, 'migration.sql');
    const migration: Migration = {
      tag: name,
      idx: folder.migrations.length,
      sqlFile,
      sqlExists: inside.includes('migration.sql'),
      snapshotFile,
    };
    const snapshot = readSnapshot(source, snapshotFile, 'ids');
    if (snapshot !== undefined) migration.snapshot = snapshot;
    folder.migrations.push(migration);
  }
  return folder;
}

/** Reads the migrations folder `out` (root-relative) in whichever layout it has. */
export function readMigrationFolder(source: FolderSource, out: string): MigrationFolder {
  const names = source.list(out);
  if (names === undefined) {
    return { out, layout: 'missing', migrations: [], unlistedSql: [], unlistedSnapshots: [] };
  }
  const metaNames = source.list(posix.join(out, 'meta'));
  if (metaNames !== undefined || names.some((name) => name.endsWith('.sql'))) {
    return readJournalLayout(source, out, names);
  }
  const hasMigrationFolders = names.some((name) =>
    source.list(posix.join(out, name))?.includes('snapshot.json'),
  );
  return hasMigrationFolders
    ? readFolderLayout(source, out, names)
    : { out, layout: 'journal', migrations: [], unlistedSql: [], unlistedSnapshots: [] };
}
