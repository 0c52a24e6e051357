/**
 * What reconcile would change, worked out before anything is written. The base branch's migrations keep
 * their places; every migration the other side added is moved after them with the next index and tag, its
 * snapshot rebased onto the base branch's latest (a three-way merge of snapshot JSON, see snapshot-merge.ts)
 * and chained by `prevId`, its `when` made later than the one before it. SQL text is never changed, only
 * moved to its new name; it is removed from the old name only once the new file is written.
 */
import {
  hasConflictMarkers,
  journalPath,
  readSnapshot,
  ROOT_SNAPSHOT_ID,
  snapshotPathFor,
  sqlPathFor,
  tagPrefix,
  type Journal,
  type JournalEntry,
  type Snapshot,
} from '../../mcp-server/migrations/index.js';
import { mergeSnapshots } from './snapshot-merge.js';

/** One version of the migrations folder: the base branch, another revision, or the working tree. */
export interface FolderView {
  /** How messages name it: `main`, `MERGE_HEAD`, `the working tree`. */
  label: string;
  journal?: Journal;
  /** A root-relative file's text in this version, undefined when it has none. */
  read(file: string): string | undefined;
}

export interface FileWrite {
  file: string;
  text: string;
  why: string;
}

export interface ReconcilePlan {
  journal: Journal;
  /** Migrations that get a new index (and tag), in their new order. */
  moved: { from: string; to: string; idx: number }[];
  writes: FileWrite[];
  removes: { file: string; why: string }[];
  /** Why the plan cannot be applied; nothing is written while there are any. */
  conflicts: string[];
}

interface Candidate {
  tag: string;
  entry: JournalEntry;
  snapshot?: Snapshot;
  sql?: string;
}

/** A tag's snapshot in a view, unless two of the view's entries share its file (then it is nobody's). */
function snapshotIn(view: FolderView, out: string, tag: string): Snapshot | undefined {
  const file = snapshotPathFor(out, tag);
  const owners =
    view.journal?.entries.filter((entry) => snapshotPathFor(out, entry.tag) === file).length ?? 1;
  if (owners > 1) return undefined;
  const snapshot = readSnapshot({ list: () => undefined, read: (path) => view.read(path) }, file);
  return snapshot?.json === undefined ? undefined : snapshot;
}

function sqlIn(view: FolderView, out: string, tag: string): string | undefined {
  const text = view.read(sqlPathFor(out, tag));
  return text === undefined || hasConflictMarkers(text) ? undefined : text;
}

const INDEX_PREFIX = /^\d{4}$/;

/** drizzle-kit's default `index` prefix is renumbered; timestamp and unix prefixes keep their tag. */
function retag(tag: string, idx: number): string {
  const prefix = tagPrefix(tag);
  if (!INDEX_PREFIX.test(prefix) || prefix === tag) return tag;
  return `${String(idx).padStart(4, '0')}${tag.slice(prefix.length)}`;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function planReconcile(
  out: string,
  base: FolderView,
  others: readonly FolderView[],
  current: FolderView,
  /** The `.sql` files in the working tree's folder, root-relative: none may be left out of the journal. */
  currentSqlFiles: readonly string[] = [],
): ReconcilePlan {
  const conflicts: string[] = [];
  const baseJournal = base.journal!;
  const baseTags = new Set(baseJournal.entries.map((entry) => entry.tag));
  const views = [current, ...others];

  // Every snapshot any version knows, by id: the way from a moved migration back to the base branch.
  const byId = new Map<string, Snapshot>();
  const baseIds = new Set<string>();
  const baseSnapshots = new Map<string, Snapshot>();
  for (const entry of baseJournal.entries) {
    const snapshot = snapshotIn(base, out, entry.tag);
    if (snapshot?.id === undefined) {
      conflicts.push(
        `${base.label} has no readable snapshot for ${entry.tag}; reconcile its migrations folder first`,
      );
      continue;
    }
    baseSnapshots.set(entry.tag, snapshot);
    baseIds.add(snapshot.id);
    byId.set(snapshot.id, snapshot);
  }

  // The other side's migrations, each once: the same snapshot id or tag in two versions is one migration.
  const candidates: Candidate[] = [];
  for (const view of views) {
    for (const entry of view.journal?.entries ?? []) {
      if (baseTags.has(entry.tag)) continue;
      const snapshot = snapshotIn(view, out, entry.tag);
      if (snapshot?.id !== undefined && !byId.has(snapshot.id)) byId.set(snapshot.id, snapshot);
      const sql = sqlIn(view, out, entry.tag);
      const known = candidates.find(
        (candidate) =>
          candidate.tag === entry.tag ||
          (snapshot?.id !== undefined && candidate.snapshot?.id === snapshot.id),
      );
      if (known === undefined) {
        const candidate: Candidate = { tag: entry.tag, entry };
        if (snapshot !== undefined) candidate.snapshot = snapshot;
        if (sql !== undefined) candidate.sql = sql;
        candidates.push(candidate);
      } else {
        if (known.snapshot === undefined && snapshot !== undefined) known.snapshot = snapshot;
        known.sql ??= sql;
      }
    }
  }
  // A snapshot is the base branch's when its id is: an entry renamed by an earlier reconcile is not moved again.
  const moving = candidates.filter(
    (candidate) => candidate.snapshot?.id === undefined || !baseIds.has(candidate.snapshot.id),
  );

  const forkOf = (snapshot: Snapshot): Snapshot | undefined | 'root' => {
    let cursor: Snapshot | undefined = snapshot;
    for (let steps = 0; cursor !== undefined && steps < 100_000; steps += 1) {
      const parent = cursor.prevId;
      if (parent === undefined) return undefined;
      if (parent === ROOT_SNAPSHOT_ID) return 'root';
      if (baseIds.has(parent)) return byId.get(parent);
      cursor = byId.get(parent);
    }
    return undefined;
  };

  const entries: JournalEntry[] = [...baseJournal.entries];
  const writes: FileWrite[] = [];
  const removes: ReconcilePlan['removes'] = [];
  const moved: ReconcilePlan['moved'] = [];
  const lastBase = baseJournal.entries.at(-1);
  let tip: Snapshot | undefined = lastBase === undefined ? undefined : baseSnapshots.get(lastBase.tag);
  let groupFork: Snapshot | 'root' | undefined;
  let groupOurs: Record<string, unknown> = {};
  const targets = new Set<string>([journalPath(out)]);
  const newTags = new Map<string, string>();

  for (const entry of baseJournal.entries) {
    targets.add(snapshotPathFor(out, entry.tag));
    targets.add(sqlPathFor(out, entry.tag));
    // A merge can leave the base branch's own files conflicted or replaced; they are restored as they were.
    const snapshotFile = snapshotPathFor(out, entry.tag);
    const baseText = base.read(snapshotFile);
    if (baseText !== undefined && current.read(snapshotFile) !== baseText)
      writes.push({ file: snapshotFile, text: baseText, why: `restored from ${base.label}` });
    const sqlFile = sqlPathFor(out, entry.tag);
    const baseSql = base.read(sqlFile);
    const currentSql = current.read(sqlFile);
    if (baseSql !== undefined && (currentSql === undefined || hasConflictMarkers(currentSql)))
      writes.push({ file: sqlFile, text: baseSql, why: `restored from ${base.label}` });
  }

  for (const candidate of moving) {
    const idx = entries.length;
    const tag = retag(candidate.tag, idx);
    const { snapshot, sql } = candidate;
    if (snapshot?.json === undefined || snapshot.id === undefined) {
      conflicts.push(
        `${candidate.tag}: no version of the folder has its snapshot; restore it from its branch`,
      );
      continue;
    }
    if (sql === undefined) {
      conflicts.push(
        `${candidate.tag}: no version of the folder has its SQL file; restore it from its branch`,
      );
      continue;
    }
    const fork = forkOf(snapshot);
    if (fork === undefined) {
      conflicts.push(
        `${candidate.tag}: its snapshot chain does not lead back to a migration of ${base.label}`,
      );
      continue;
    }
    if (fork !== groupFork) {
      groupFork = fork;
      groupOurs = tip?.json ?? {};
    }
    const ancestor = fork === 'root' ? {} : (fork.json ?? {});
    const merge = mergeSnapshots(ancestor, groupOurs, snapshot.json);
    for (const path of merge.conflicts)
      conflicts.push(
        `${candidate.tag}: ${path} was changed on both branches; regenerate this migration (drizzle-kit generate) after removing it`,
      );
    const rebased: Record<string, unknown> = {
      id: snapshot.id,
      prevId: tip?.id ?? ROOT_SNAPSHOT_ID,
      ...merge.snapshot,
    };
    const previous = entries.at(-1);
    const when =
      previous === undefined ? candidate.entry.when : Math.max(candidate.entry.when, previous.when + 1);
    entries.push({ ...candidate.entry, idx, tag, when });
    newTags.set(candidate.tag, tag);
    if (tag !== candidate.tag || idx !== candidate.entry.idx)
      moved.push({ from: candidate.tag, to: tag, idx });

    const snapshotFile = snapshotPathFor(out, tag);
    const snapshotText = json(rebased);
    targets.add(snapshotFile);
    if (current.read(snapshotFile) !== snapshotText)
      writes.push({
        file: snapshotFile,
        text: snapshotText,
        why: `snapshot of ${tag}, after ${previous?.tag ?? 'the empty schema'}`,
      });
    const sqlFile = sqlPathFor(out, tag);
    targets.add(sqlFile);
    if (current.read(sqlFile) !== sql)
      writes.push({
        file: sqlFile,
        text: sql,
        why:
          tag === candidate.tag ? `SQL of ${tag}` : `SQL of ${candidate.tag}, unchanged, under its new name`,
      });
    tip = { file: snapshotFile, id: snapshot.id, json: rebased };
  }

  const journal: Journal = { ...baseJournal, entries };
  const journalText = json(journal);
  if (current.read(journalPath(out)) !== journalText)
    writes.push({
      file: journalPath(out),
      text: journalText,
      why: `${entries.length} entries, ${baseJournal.entries.length} from ${base.label} first`,
    });
  for (const candidate of moving) {
    for (const file of [sqlPathFor(out, candidate.tag), snapshotPathFor(out, candidate.tag)]) {
      if (
        !targets.has(file) &&
        current.read(file) !== undefined &&
        !removes.some((remove) => remove.file === file)
      )
        removes.push({ file, why: `${candidate.tag} is now ${newTags.get(candidate.tag) ?? 'gone'}` });
    }
  }
  // A SQL file no journal version lists would silently drop out of the history; the user decides.
  for (const file of currentSqlFiles) {
    if (!targets.has(file) && !removes.some((remove) => remove.file === file))
      conflicts.push(
        `${file} is in no journal (not ${base.label}'s, not the other side's); add it with drizzle-kit or move it away first`,
      );
  }
  return { journal, moved, writes, removes, conflicts };
}
