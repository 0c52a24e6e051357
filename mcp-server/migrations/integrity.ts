/**
 * What is wrong with a migrations folder, read from its files alone: the journal against the files, indexes
 * and tags that repeat (two branches that both generated `0007`), `prevId` chains that fork or break, and
 * `when` stamps out of order (drizzle's pg migrator skips an entry not newer than the last one applied).
 */
import { ROOT_SNAPSHOT_ID, type Migration, type MigrationFolder } from './folder.js';

export type ProblemKind =
  | 'unreadable'
  | 'missing-sql'
  | 'missing-snapshot'
  | 'unlisted-sql'
  | 'unlisted-snapshot'
  | 'duplicate-index'
  | 'duplicate-tag'
  | 'index-order'
  | 'duplicate-snapshot-id'
  | 'fork'
  | 'broken-chain'
  | 'when-order';

export interface MigrationProblem {
  kind: ProblemKind;
  message: string;
  /** Root-relative files involved. */
  files: string[];
  /** Migration tags involved. */
  tags: string[];
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const value = key(item);
    const group = groups.get(value);
    if (group === undefined) groups.set(value, [item]);
    else group.push(item);
  }
  return groups;
}

const tagList = (migrations: readonly Migration[]) => migrations.map((migration) => migration.tag).join(', ');

/** Every problem of the folder, in the order a reader fixes them: unreadable files first. */
export function checkMigrationFolder(folder: MigrationFolder): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  const add = (kind: ProblemKind, message: string, files: string[], tags: string[] = []) =>
    problems.push({ kind, message, files, tags });

  if (folder.journalError !== undefined) {
    add('unreadable', `${folder.journalError}; resolve it, then run many-first migrations reconcile`, [
      `${folder.out}/meta/_journal.json`,
    ]);
  }
  const { migrations } = folder;
  const unreadable = new Set<string>();
  for (const migration of migrations) {
    if (!migration.sqlExists)
      add(
        'missing-sql',
        `${migration.tag}: ${migration.sqlFile} is missing`,
        [migration.sqlFile],
        [migration.tag],
      );
    const { snapshot } = migration;
    if (snapshot === undefined) {
      add(
        'missing-snapshot',
        `${migration.tag}: ${migration.snapshotFile} is missing`,
        [migration.snapshotFile],
        [migration.tag],
      );
    } else if (snapshot.error !== undefined && !unreadable.has(snapshot.file)) {
      unreadable.add(snapshot.file);
      add('unreadable', `${snapshot.file} ${snapshot.error}`, [snapshot.file], [migration.tag]);
    }
  }
  for (const file of folder.unlistedSql) {
    add('unlisted-sql', `${file} is not in the journal; drizzle's migrator never runs it`, [file]);
  }
  for (const file of folder.unlistedSnapshots) {
    add('unlisted-snapshot', `${file} belongs to no journal entry`, [file]);
  }

  if (folder.layout === 'journal') {
    for (const [idx, group] of groupBy(migrations, (migration) => migration.idx)) {
      if (group.length < 2) continue;
      const shared = new Set(group.map((migration) => migration.snapshotFile)).size === 1;
      add(
        'duplicate-index',
        `index ${idx} is used by ${tagList(group)}` +
          (shared ? `; they share ${group[0]!.snapshotFile}, so one of their snapshots is lost` : '') +
          ' (two branches generated the same number; run many-first migrations reconcile)',
        [...new Set(group.flatMap((migration) => [migration.sqlFile, migration.snapshotFile]))],
        group.map((migration) => migration.tag),
      );
    }
    for (const [tag, group] of groupBy(migrations, (migration) => migration.tag)) {
      if (group.length > 1)
        add(
          'duplicate-tag',
          `tag ${tag} appears ${group.length} times in the journal`,
          [group[0]!.sqlFile],
          [tag],
        );
    }
    migrations.forEach((migration, position) => {
      if (migration.idx !== position && !problems.some((p) => p.kind === 'duplicate-index'))
        add(
          'index-order',
          `${migration.tag} has index ${migration.idx} at position ${position} of the journal`,
          [],
          [migration.tag],
        );
      const previous = migrations[position - 1];
      if (previous?.when !== undefined && migration.when !== undefined && migration.when <= previous.when)
        add(
          'when-order',
          `${migration.tag} is dated no later than ${previous.tag} before it; drizzle's migrator skips it on a ` +
            'database that already applied the earlier one',
          [],
          [previous.tag, migration.tag],
        );
    });
  }
  problems.push(...chainProblems(folder));
  return problems;
}

/** The snapshots' id chain: unique ids, one child per parent, every parent known, in journal order. */
function chainProblems(folder: MigrationFolder): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  // Two entries sharing one snapshot file are reported as a duplicate index; count each file once here.
  const seenFiles = new Set<string>();
  const usable = folder.migrations.filter((migration) => {
    const snapshot = migration.snapshot;
    if (snapshot?.id === undefined || seenFiles.has(snapshot.file)) return false;
    seenFiles.add(snapshot.file);
    return true;
  });
  const byId = groupBy(usable, (migration) => migration.snapshot!.id!);
  for (const [id, group] of byId) {
    if (group.length > 1)
      problems.push({
        kind: 'duplicate-snapshot-id',
        message: `${tagList(group)} have snapshots with the same id ${id}; one was copied from the other`,
        files: group.map((migration) => migration.snapshotFile),
        tags: group.map((migration) => migration.tag),
      });
  }
  const parentsOf = (migration: Migration): string[] => {
    const snapshot = migration.snapshot!;
    return snapshot.prevIds ?? (snapshot.prevId === undefined ? [] : [snapshot.prevId]);
  };
  const children = new Map<string, Migration[]>();
  for (const migration of usable) {
    for (const parent of parentsOf(migration)) {
      const list = children.get(parent) ?? [];
      list.push(migration);
      children.set(parent, list);
    }
  }
  for (const [parent, group] of children) {
    if (group.length < 2) continue;
    const from = parent === ROOT_SNAPSHOT_ID ? 'the empty schema' : `snapshot ${parent}`;
    problems.push({
      kind: 'fork',
      message:
        `${tagList(group)} all follow ${from}: they were generated on different branches` +
        (folder.layout === 'folders'
          ? '; run drizzle-kit check, which tells whether they commute'
          : '; run many-first migrations reconcile'),
      files: group.map((migration) => migration.snapshotFile),
      tags: group.map((migration) => migration.tag),
    });
  }
  usable.forEach((migration, position) => {
    const parents = parentsOf(migration);
    const unknown = parents.filter((parent) => parent !== ROOT_SNAPSHOT_ID && !byId.has(parent));
    if (unknown.length > 0) {
      problems.push({
        kind: 'broken-chain',
        message: `${migration.tag}: its snapshot follows ${unknown.join(', ')}, which no snapshot in the folder has`,
        files: [migration.snapshotFile],
        tags: [migration.tag],
      });
      return;
    }
    // 0.31 applies the journal in order: each snapshot must follow the one listed before it.
    const previous = usable[position - 1];
    if (folder.layout === 'journal' && parents.length === 1) {
      const expected = previous?.snapshot?.id ?? ROOT_SNAPSHOT_ID;
      if (parents[0] !== expected && (children.get(parents[0]!)?.length ?? 0) < 2)
        problems.push({
          kind: 'broken-chain',
          message: `${migration.tag}: its snapshot follows ${parents[0]}, not ${previous?.tag ?? 'the empty schema'} listed before it`,
          files: [migration.snapshotFile],
          tags: [migration.tag],
        });
    }
  });
  return problems;
}
