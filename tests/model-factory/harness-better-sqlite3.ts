// better-sqlite3, the synchronous SQLite driver, on a database file in a fresh temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createModelFactory, SQLITE_BIND_PARAMETER_LIMIT } from 'many-first/model-factory';
import {
  sqliteSchemaSql,
  sqliteSingles,
  sqliteTags,
  sqliteWide,
  StatementLog,
  type SQLiteHarness,
} from './harness.js';

export async function openBetterSqlite3(): Promise<SQLiteHarness> {
  const folder = await mkdtemp(join(tmpdir(), 'many-first-model-factory-'));
  const client = new Database(join(folder, 'test.db'));
  for (const statement of sqliteSchemaSql) client.exec(statement);
  const log = new StatementLog();
  const db = drizzle({ client, casing: 'snake_case', logger: log });
  return {
    name: 'better-sqlite3 (file)',
    dialect: 'sqlite',
    bindParameterLimit: SQLITE_BIND_PARAMETER_LIMIT,
    log,
    tables: { tags: sqliteTags, singles: sqliteSingles, wide: sqliteWide },
    tags: createModelFactory(db, 'tags', sqliteTags),
    singles: createModelFactory(db, 'singles', sqliteSingles),
    wide: createModelFactory(db, 'wide', sqliteWide),
    // drizzle's better-sqlite3 transaction callback must not return a promise, so async ops compose in a
    // transaction opened on the connection itself; the factory nests its own in a savepoint.
    transaction: async (work) => {
      db.run(sql`begin`);
      try {
        const result = await work(db);
        db.run(sql`commit`);
        return result;
      } catch (error) {
        db.run(sql`rollback`);
        throw error;
      }
    },
    rawInsertSingles: async (rows) => db.insert(sqliteSingles).values(rows).run(),
    reset: async () => {
      client.exec('delete from tags; delete from singles; delete from wide; delete from sqlite_sequence');
    },
    close: async () => {
      client.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
