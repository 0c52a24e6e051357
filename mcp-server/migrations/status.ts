/**
 * The one answer `many-first migrations status` and the `migration_status` tool give: is the migrations
 * folder sound, and does its latest snapshot match the schema the code declares?
 */
import type { Dialect, Table } from '../project/model.js';
import { readMigrationFolder, type FolderLayout, type FolderSource } from './folder.js';
import { checkMigrationFolder, type MigrationProblem } from './integrity.js';
import { migrationsFolderPath } from './project-source.js';
import { compareSchemaWithSnapshot, type SchemaChange } from './schema-drift.js';

/** drizzle-kit's own default when drizzle.config has no `out`. */
export const DEFAULT_MIGRATIONS_FOLDER = 'drizzle';

export type MigrationState = 'in-sync' | 'schema-changes' | 'conflicts' | 'no-migrations';

export interface MigrationSummary {
  tag: string;
  idx: number;
  when?: number;
  sqlFile: string;
  snapshotFile: string;
  snapshotId?: string;
}

export interface MigrationStatus {
  /** Root-relative migrations folder. */
  out: string;
  layout: FolderLayout;
  state: MigrationState;
  migrations: MigrationSummary[];
  /** The folder's own problems: conflicts after a merge, missing or unreadable files. */
  problems: MigrationProblem[];
  /** What the schema declares that the latest snapshot does not have, or the reverse. */
  schemaChanges: SchemaChange[];
  /** The migration whose snapshot the schema was compared with. */
  comparedWith?: string;
  /** What this answer could not tell, in one line each. */
  notes: string[];
}

export interface StatusInput {
  source: FolderSource;
  out: string;
  dialect: Dialect;
  tables: readonly Table[];
}

export function migrationStatus({ source, out, dialect, tables }: StatusInput): MigrationStatus {
  const folder = readMigrationFolder(source, out);
  const problems = checkMigrationFolder(folder);
  const notes: string[] = [];
  const migrations = folder.migrations.map((migration) => {
    const summary: MigrationSummary = {
      tag: migration.tag,
      idx: migration.idx,
      sqlFile: migration.sqlFile,
      snapshotFile: migration.snapshotFile,
    };
    if (migration.when !== undefined) summary.when = migration.when;
    if (migration.snapshot?.id !== undefined) summary.snapshotId = migration.snapshot.id;
    return summary;
  });
  const status: MigrationStatus = {
    out,
    layout: folder.layout,
    state: 'in-sync',
    migrations,
    problems,
    schemaChanges: [],
    notes,
  };
  const latest = folder.migrations.at(-1);
  if (folder.layout === 'folders') {
    notes.push(
      'drizzle-kit 1.0 layout: the schema is not compared with its snapshots here; `drizzle-kit check` and `drizzle-kit generate` answer that',
    );
  } else if (latest === undefined) {
    status.schemaChanges = compareSchemaWithSnapshot(dialect, tables, undefined);
  } else if (latest.snapshot?.json !== undefined) {
    status.comparedWith = latest.tag;
    status.schemaChanges = compareSchemaWithSnapshot(dialect, tables, latest.snapshot.json);
  } else {
    notes.push(`the latest snapshot (${latest.snapshotFile}) cannot be read, so the schema was not compared`);
  }
  if (problems.length > 0) status.state = 'conflicts';
  else if (status.schemaChanges.length > 0) status.state = 'schema-changes';
  else if (folder.migrations.length === 0) status.state = 'no-migrations';
  return status;
}

/** The migrations folder drizzle.config names (`out`), root-relative; drizzle-kit's default without one. */
export function migrationsFolderOf(config: { out?: string } | undefined): string {
  return migrationsFolderPath(config?.out ?? DEFAULT_MIGRATIONS_FOLDER);
}
