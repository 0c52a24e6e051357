import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { db, schema } from '@/lib/db';
import { closeDatabase, migrateDatabase } from '@/lib/db/migrate';
import { resetSequences } from '../../../fixtures/app/tests/factories';

/** Every table of the fixture app's schema. */
export const appTables: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable =>
  is(value, PgTable),
);

export function qualifiedName(table: PgTable): string {
  const { name, schema: pgSchema } = getTableConfig(table);
  return pgSchema ? `"${pgSchema}"."${name}"` : `"${name}"`;
}

/** Empties every table and restarts identities, so ids and factory sequences repeat from test to test. */
export async function emptyDatabase(): Promise<void> {
  await db.execute(sql.raw(`truncate ${appTables.map(qualifiedName).join(', ')} restart identity cascade`));
  resetSequences();
}

/**
 * Each test file gets its own in-memory PGlite database (vitest evaluates modules per file, and
 * `@/lib/db` opens the connection when first imported): migrate it once, empty it before every test.
 */
export function useFreshDatabase(): void {
  beforeAll(migrateDatabase);
  beforeEach(emptyDatabase);
  afterAll(closeDatabase);
}
