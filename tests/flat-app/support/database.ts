import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { db } from '@/lib/db';
import { closeDatabase, migrateDatabase } from '@/lib/db/migrate';

/** Rows of a raw query; PGlite answers `{ rows }`. */
export async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

/**
 * Each test file gets its own in-memory PGlite database (vitest evaluates modules per file and
 * `@/lib/db` opens it on import): apply the committed migrations once, empty every table before each test.
 */
export function useFreshDatabase(): void {
  beforeAll(migrateDatabase);
  beforeEach(async () => {
    const [tables] = await rows<{ list: string }>(
      sql`select string_agg(format('%I', tablename), ', ') as list from pg_tables where schemaname = 'public'`,
    );
    await db.execute(sql.raw(`truncate ${tables!.list} restart identity cascade`));
  });
  afterAll(closeDatabase);
}
