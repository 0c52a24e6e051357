// mysql2 through drizzle-orm/mysql2 against a throwaway MariaDB server (../support/mariadb.ts), one database per harness.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';
import { int, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { createModelFactory, MYSQL_BIND_PARAMETER_LIMIT } from 'many-first/model-factory';
import { StatementLog, type Harness } from './harness.js';
import { useMariaDB } from '../support/mariadb.js';
import { wideColumnKeys } from './wide-columns.js';

/** The harness tables for MySQL: a unique column needs a bounded type there, hence varchar. */
export const mysqlTags = mysqlTable('tags', {
  id: int().primaryKey().autoincrement(),
  name: varchar({ length: 191 }).notNull().unique(),
  color: text(),
  useCount: int().notNull().default(0),
});
export const mysqlSingles = mysqlTable('singles', { value: varchar({ length: 64 }).notNull().unique() });
export const mysqlWide = mysqlTable('wide', {
  id: int().primaryKey(),
  ...Object.fromEntries(wideColumnKeys.map((key) => [key, text()])),
});

const mysqlSchemaSql = [
  'create table tags (id int primary key auto_increment, name varchar(191) not null unique, color text, use_count int not null default 0)',
  'create table singles (value varchar(64) not null unique)',
  `create table wide (id int primary key, ${wideColumnKeys.map((key) => `${key} text`).join(', ')})`,
];

export type MySQLHarness = Harness<typeof mysqlTags, typeof mysqlSingles, typeof mysqlWide>;

export async function openMysql(): Promise<MySQLHarness> {
  const server = await useMariaDB();
  let client;
  try {
    client = await server.connect();
    for (const statement of mysqlSchemaSql) await client.query(statement);
  } catch (error) {
    // No harness comes back to close, so let go of the server here, or it outlives the test run.
    await client?.end();
    await server.release();
    throw error;
  }
  const log = new StatementLog();
  const db = drizzle({ client, casing: 'snake_case', logger: log, mode: 'default' });
  return {
    name: 'mysql2 (MariaDB)',
    dialect: 'mysql',
    bindParameterLimit: MYSQL_BIND_PARAMETER_LIMIT,
    log,
    tables: { tags: mysqlTags, singles: mysqlSingles, wide: mysqlWide },
    tags: createModelFactory(db, 'tags', mysqlTags),
    singles: createModelFactory(db, 'singles', mysqlSingles),
    wide: createModelFactory(db, 'wide', mysqlWide),
    transaction: (work) => db.transaction((tx) => work(tx)),
    rawInsertSingles: (rows) => db.insert(mysqlSingles).values(rows),
    reset: async () => {
      for (const table of ['tags', 'singles', 'wide']) await db.execute(sql.raw(`truncate table ${table}`));
    },
    close: async () => {
      await client.end();
      await server.release();
    },
  };
}
