/** The migration status as compact text, the same for the CLI and the `migration_status` tool. */
import type { MigrationStatus } from './status.js';

const HEADLINES: Record<MigrationStatus['state'], string> = {
  'in-sync': 'in sync: the latest snapshot matches the schema',
  'schema-changes': 'schema changes no migration covers yet (run drizzle-kit generate)',
  conflicts: 'the migrations folder has conflicts (run many-first migrations reconcile)',
  'no-migrations': 'no migrations yet',
};

/** At most this many problems and changes are listed; the counts say how many there are. */
const MAX_LISTED = 50;

function section(title: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, MAX_LISTED).map((line) => `  ${line}`);
  if (lines.length > MAX_LISTED) shown.push(`  … ${lines.length - MAX_LISTED} more`);
  return [`${title} (${lines.length}):`, ...shown];
}

export function renderMigrationStatus(status: MigrationStatus): string {
  const latest = status.migrations.at(-1);
  const layout = status.layout === 'folders' ? 'drizzle-kit 1.0 layout' : 'journal';
  const lines = [
    `Migrations in ${status.out}/ (${layout}): ${status.migrations.length}` +
      (latest === undefined ? '' : `, latest ${latest.tag}`),
    `Status: ${HEADLINES[status.state]}`,
    ...section(
      'Folder problems',
      status.problems.map((problem) => problem.message),
    ),
    ...section(
      `Schema changes since ${status.comparedWith ?? 'the empty schema'}`,
      status.schemaChanges.map((change) => `${change.kind} ${change.detail}`),
    ),
    ...status.notes.map((note) => `Note: ${note}`),
  ];
  return lines.join('\n');
}
