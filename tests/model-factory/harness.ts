// Real databases for the model-factory suites: PGlite in process, node-postgres and postgres-js over TCP to
// a PostgreSQL server (postgres-drivers.ts), and libsql (in memory and on disk). Each harness records the statements
// drizzle sends, so tests can assert how many ran and how many parameters each bound.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createClient } from '@libsql/client';
import { sql, type Logger } from 'drizzle-orm';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import {
  integer as pgInteger,
  pgTable,
  serial,
  text as pgText,
  type PgDatabase,
  type PgQueryResultHKT,
} from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'drizzle-orm/sqlite-core';
import {
  createModelFactory,
  POSTGRES_BIND_PARAMETER_LIMIT,
  SQLITE_BIND_PARAMETER_LIMIT,
  type DatabaseFor,
  type ModelFactory,
  type ModelTable,
} from 'many-first/model-factory';
import { openBetterSqlite3 } from './harness-better-sqlite3.js';
import { openMysql, type MySQLHarness } from './harness-mysql.js';
import { wideColumnKeys } from './wide-columns.js';
import { openPostgres } from './postgres-drivers.js';
import { inProcessOnly } from './in-process.js';

/** Columns left unnamed on purpose: the databases run with `casing: 'snake_case'`, as the fixture app does. */
export const pgTags = pgTable('tags', {
  id: serial().primaryKey(),
  name: pgText().notNull().unique(),
  color: pgText(),
  useCount: pgInteger().notNull().default(0),
});
export const sqliteTags = sqliteTable('tags', {
  id: sqliteInteger().primaryKey({ autoIncrement: true }),
  name: sqliteText().notNull().unique(),
  color: sqliteText(),
  useCount: sqliteInteger().notNull().default(0),
});

/** One bound parameter per row: the smallest row that can hit the bind-parameter limit. */
export const pgSingles = pgTable('singles', { value: pgText().notNull().unique() });
export const sqliteSingles = sqliteTable('singles', { value: sqliteText().notNull().unique() });

export { WIDE_COLUMNS } from './wide-columns.js';
export const pgWide = pgTable('wide', {
  id: pgInteger().primaryKey(),
  ...Object.fromEntries(wideColumnKeys.map((key) => [key, pgText()])),
});
export const sqliteWide = sqliteTable('wide', {
  id: sqliteInteger().primaryKey(),
  ...Object.fromEntries(wideColumnKeys.map((key) => [key, sqliteText()])),
});

/** A full row of the wide table: an id and a value in every other column (generated, so untyped). */
export function wideRow(id: number): { id: number } {
  return { id, ...Object.fromEntries(wideColumnKeys.map((key) => [key, `${key}-${id}`])) };
}

const pgSchemaSql = [
  'create table tags (id serial primary key, name text not null unique, color text, use_count integer not null default 0)',
  'create table singles (value text not null unique)',
  `create table wide (id integer primary key, ${wideColumnKeys.map((key) => `${key} text`).join(', ')})`,
];
export const sqliteSchemaSql = [
  'create table tags (id integer primary key autoincrement, name text not null unique, color text, use_count integer not null default 0)',
  'create table singles (value text not null unique)',
  `create table wide (id integer primary key, ${wideColumnKeys.map((key) => `${key} text`).join(', ')})`,
];

export interface Statement {
  sql: string;
  parameters: number;
}

/** A drizzle logger that keeps what it is told, newest last. */
export class StatementLog implements Logger {
  readonly statements: Statement[] = [];
  logQuery(query: string, params: unknown[]): void {
    this.statements.push({ sql: query, parameters: params.length });
  }
  /** The INSERT statements logged since `mark`, an index into `statements` (on PGlite, an unnest insert is a CTE). */
  insertsSince(mark: number): Statement[] {
    return this.statements
      .slice(mark)
      .filter((statement) => /^(?:with \S+ as \()?insert\b/i.test(statement.sql));
  }
}

export interface Harness<
  TTags extends ModelTable,
  TSingles extends ModelTable = ModelTable,
  TWide extends ModelTable = ModelTable,
> {
  readonly name: string;
  readonly dialect: 'postgres' | 'sqlite' | 'mysql';
  readonly bindParameterLimit: number;
  readonly log: StatementLog;
  readonly tables: { tags: TTags; singles: TSingles; wide: TWide };
  readonly tags: ModelFactory<TTags>;
  readonly singles: ModelFactory<TSingles>;
  readonly wide: ModelFactory<TWide>;
  /** `db.transaction`; its `tx` fits every table of the harness (they share a dialect). */
  transaction<T>(
    work: (tx: DatabaseFor<TTags> & DatabaseFor<TSingles> & DatabaseFor<TWide>) => Promise<T>,
  ): Promise<T>;
  /** Raw drizzle, no factory: `db.insert(singles).values(rows)` in one statement. */
  rawInsertSingles(rows: { value: string }[]): Promise<unknown>;
  /** Empties every table and restarts the id sequences. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export type PostgresHarness = Harness<typeof pgTags, typeof pgSingles, typeof pgWide>;
export type SQLiteHarness = Harness<typeof sqliteTags, typeof sqliteSingles, typeof sqliteWide>;
export type AnyHarness = PostgresHarness | SQLiteHarness | MySQLHarness;

type PostgresDb = PgDatabase<PgQueryResultHKT>;

function postgresHarness(
  name: string,
  db: PostgresDb,
  log: StatementLog,
  close: () => Promise<void>,
): PostgresHarness {
  return {
    name,
    dialect: 'postgres',
    bindParameterLimit: POSTGRES_BIND_PARAMETER_LIMIT,
    log,
    tables: { tags: pgTags, singles: pgSingles, wide: pgWide },
    tags: createModelFactory(db, 'tags', pgTags),
    singles: createModelFactory(db, 'singles', pgSingles),
    wide: createModelFactory(db, 'wide', pgWide),
    transaction: (work) => db.transaction((tx) => work(tx)),
    rawInsertSingles: (rows) => db.insert(pgSingles).values(rows),
    reset: async () => {
      await db.execute(sql`truncate tags, singles, wide restart identity`);
    },
    close,
  };
}

/** PGlite in this process, through drizzle-orm/pglite. */
export async function openPglite(): Promise<PostgresHarness> {
  const client = await PGlite.create();
  for (const statement of pgSchemaSql) await client.exec(statement);
  const log = new StatementLog();
  const db = drizzlePglite(client, { casing: 'snake_case', logger: log });
  return postgresHarness('pglite', db, log, () => client.close());
}

/** node-postgres (`pg.Client`) over TCP to the test server (see postgres-drivers.ts). */
export async function openNodePostgres(): Promise<PostgresHarness> {
  return openOverTcp('node-postgres');
}

/** postgres-js (`postgres`) over TCP to the test server (see postgres-drivers.ts). */
export async function openPostgresJs(): Promise<PostgresHarness> {
  return openOverTcp('postgres-js');
}

async function openOverTcp(driver: 'node-postgres' | 'postgres-js'): Promise<PostgresHarness> {
  const log = new StatementLog();
  const { db, close } = await openPostgres(driver, pgSchemaSql, log);
  return postgresHarness(driver, db, log, close);
}

/** libsql through drizzle-orm/libsql; `file` puts the database on disk in a fresh temporary folder. */
export async function openLibsql(storage: 'memory' | 'file'): Promise<SQLiteHarness> {
  const folder = storage === 'file' ? await mkdtemp(join(tmpdir(), 'many-first-model-factory-')) : undefined;
  const client = createClient({ url: folder ? `file:${join(folder, 'test.db')}` : ':memory:' });
  for (const statement of sqliteSchemaSql) await client.execute(statement);
  const log = new StatementLog();
  const db = drizzleLibsql(client, { casing: 'snake_case', logger: log });
  return {
    name: `libsql (${storage})`,
    dialect: 'sqlite',
    bindParameterLimit: SQLITE_BIND_PARAMETER_LIMIT,
    log,
    tables: { tags: sqliteTags, singles: sqliteSingles, wide: sqliteWide },
    tags: createModelFactory(db, 'tags', sqliteTags),
    singles: createModelFactory(db, 'singles', sqliteSingles),
    wide: createModelFactory(db, 'wide', sqliteWide),
    transaction: (work) => db.transaction((tx) => work(tx)),
    rawInsertSingles: (rows) => db.insert(sqliteSingles).values(rows),
    reset: async () => {
      await client.batch([
        'delete from tags',
        'delete from singles',
        'delete from wide',
        'delete from sqlite_sequence',
      ]);
    },
    close: async () => {
      client.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Every database the suites run on, opened lazily by each `describe`. */
const everyHarness: { name: string; open: () => Promise<AnyHarness> }[] = [
  { name: 'pglite', open: openPglite },
  { name: 'node-postgres', open: openNodePostgres },
  { name: 'postgres-js', open: openPostgresJs },
  { name: 'libsql (memory)', open: () => openLibsql('memory') },
  { name: 'libsql (file)', open: () => openLibsql('file') },
  { name: 'better-sqlite3 (file)', open: openBetterSqlite3 },
  { name: 'mysql2 (MariaDB)', open: openMysql },
];

const IN_PROCESS = new Set(['pglite', 'libsql (memory)', 'libsql (file)', 'better-sqlite3 (file)']);
/** The databases of this run: all of them, or those inside the process (see in-process.ts). */
export const harnesses = inProcessOnly
  ? everyHarness.filter(({ name }) => IN_PROCESS.has(name))
  : everyHarness;
