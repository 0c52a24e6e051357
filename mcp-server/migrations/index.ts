/** Migrations without a database: the folder drizzle-kit writes, read and checked statically. */
export {
  hasConflictMarkers,
  journalPath,
  MigrationReadError,
  parseJournal,
  readMigrationFolder,
  readSnapshot,
  ROOT_SNAPSHOT_ID,
  snapshotPathFor,
  sqlPathFor,
  tagPrefix,
  type FolderLayout,
  type FolderSource,
  type Journal,
  type JournalEntry,
  type Migration,
  type MigrationFolder,
  type Snapshot,
} from './folder.js';
export { checkMigrationFolder, type MigrationProblem, type ProblemKind } from './integrity.js';
export { migrationsFolderPath, OutsideRootError, projectFolderSource } from './project-source.js';
export { compareSchemaWithSnapshot, type SchemaChange, type SchemaChangeKind } from './schema-drift.js';
export {
  DEFAULT_MIGRATIONS_FOLDER,
  migrationsFolderOf,
  migrationStatus,
  type MigrationState,
  type MigrationStatus,
  type MigrationSummary,
  type StatusInput,
} from './status.js';
export { renderMigrationStatus } from './render.js';
