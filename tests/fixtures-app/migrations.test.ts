import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { closeDatabase, migrateDatabase } from '@/lib/db/migrate';
import { appTables } from './support/database';

afterAll(closeDatabase);

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  // PGlite and node-postgres both answer with { rows }; drizzle's PgDatabase does not say which.
  const result = (await db.execute(query)) as { rows: unknown[] };
  return result.rows as T[];
}

describe('the committed migrations', () => {
  it('apply to a fresh PGlite database', async () => {
    await migrateDatabase();
    const applied = await rows<{ count: number }>(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.count).toBeGreaterThanOrEqual(1);
  });

  it('create every table of the schema, in its Postgres schema', async () => {
    const found = await rows<{ table_schema: string; table_name: string }>(
      sql`select table_schema, table_name from information_schema.tables
          where table_schema in ('public', 'billing') and table_type = 'BASE TABLE'`,
    );
    const actual = found.map((row) => `${row.table_schema}.${row.table_name}`).sort();
    const expected = appTables
      .map((table) => {
        const { name, schema } = getTableConfig(table);
        return `${schema ?? 'public'}.${name}`;
      })
      .sort();
    expect(actual).toEqual(expected);
    expect(expected).toHaveLength(30);
  });

  it('name omitted columns in snake_case and keep explicit names', async () => {
    const columns = await rows<{ table_name: string; column_name: string }>(
      sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`,
    );
    const names = new Set(columns.map((column) => `${column.table_name}.${column.column_name}`));
    expect(names).toContain('users.display_name');
    expect(names).toContain('users.email_verified_at');
    expect(names).toContain('foods.calories_per100g');
    expect(names).toContain('jobs.max_attempts');
    expect(names).not.toContain('users.emailVerifiedAt');
  });

  it('create the enums', async () => {
    const enums = await rows<{ typname: string }>(
      sql`select typname from pg_type where typtype = 'e' order by typname`,
    );
    expect(enums.map((row) => row.typname)).toEqual([
      'agent_run_status',
      'food_category',
      'invoice_status',
      'job_status',
      'meal_slot',
      'plan_interval',
      'processing_level',
      'recipe_difficulty',
      'subscription_status',
      'unit_system',
      'user_role',
    ]);
  });

  it('is a no-op the second time', async () => {
    const count = sql`select count(*)::int as count from drizzle.__drizzle_migrations`;
    const [before] = await rows<{ count: number }>(count);
    await migrateDatabase();
    const [after] = await rows<{ count: number }>(count);
    expect(after?.count).toBe(before?.count);
  });
});
