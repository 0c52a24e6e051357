// The error helpers against the errors real drivers raise: each constraint broken once on PGlite,
// node-postgres (over pglite-socket), libsql, better-sqlite3 and mysql2 (MariaDB), through the model
// factory (drizzle wraps the driver's error in `cause`, except on better-sqlite3) and straight from the driver.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createClient } from '@libsql/client';
import Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { drizzle as drizzleBetterSqlite3 } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { int as mysqlInt, mysqlTable, varchar as mysqlVarchar } from 'drizzle-orm/mysql-core';
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { check as pgCheck, integer as pgInteger, pgTable, text as pgText } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { integer as sqliteInteger, sqliteTable, text as sqliteText } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createModelFactory,
  isCheckViolation,
  isForeignKeyViolation,
  isNotNullViolation,
  isUniqueViolation,
} from 'many-first/model-factory';
import { useMariaDB, type MariaDB } from '../support/mariadb.js';
import { inProcessOnly } from './in-process.js';

const pgParents = pgTable('parents', { id: pgInteger().primaryKey(), name: pgText().notNull().unique() });
const pgChildren = pgTable(
  'children',
  { id: pgInteger().primaryKey(), parentId: pgInteger().references(() => pgParents.id), age: pgInteger() },
  () => [pgCheck('age_positive', sql`age > 0`)],
);
const sqliteParents = sqliteTable('parents', {
  id: sqliteInteger().primaryKey(),
  name: sqliteText().notNull().unique(),
});
const sqliteChildren = sqliteTable('children', {
  id: sqliteInteger().primaryKey(),
  parentId: sqliteInteger().references(() => sqliteParents.id),
  age: sqliteInteger(),
});

const mysqlParents = mysqlTable('parents', {
  id: mysqlInt().primaryKey(),
  name: mysqlVarchar({ length: 64 }).notNull().unique(),
});
const mysqlChildren = mysqlTable('children', {
  id: mysqlInt().primaryKey(),
  parentId: mysqlInt().references(() => mysqlParents.id),
  age: mysqlInt(),
});

const ddl = [
  'create table parents (id integer primary key, name text not null unique)',
  'create table children (id integer primary key, parent_id integer references parents (id), age integer constraint age_positive check (age > 0))',
];

/** One violation of each kind, made through the model factory's ops, and one straight from the driver. */
interface Driver {
  name: string;
  /** Whether drizzle wraps the driver's error (in a DrizzleQueryError's `cause`); better-sqlite3's it does not. */
  wraps: boolean;
  /** The error of running `statement` on the driver itself, with nothing around it. */
  raw(statement: string): Promise<unknown>;
  unique(): Promise<unknown>;
  primaryKey(): Promise<unknown>;
  foreignKey(): Promise<unknown>;
  foreignKeyOnDelete(): Promise<unknown>;
  notNull(): Promise<unknown>;
  check(): Promise<unknown>;
  close(): Promise<void>;
}

const failure = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error('expected the write to fail');
    },
    (error: unknown) => error,
  );

async function postgresDriver(name: string): Promise<Driver> {
  const pglite = await PGlite.create();
  for (const statement of ddl) await pglite.exec(statement);
  let raw: (statement: string) => Promise<unknown> = (statement) => pglite.exec(statement);
  let close = () => pglite.close();
  let db;
  if (name === 'pglite') {
    db = drizzlePglite(pglite, { casing: 'snake_case' });
  } else {
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 });
    await server.start();
    const client = new pg.Client({
      connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
    });
    await client.connect();
    db = drizzleNodePostgres(client, { casing: 'snake_case' });
    raw = (statement) => client.query(statement);
    close = async () => {
      await client.end();
      await server.stop();
      await pglite.close();
    };
  }
  const parents = createModelFactory(db, 'parents', pgParents);
  const children = createModelFactory(db, 'children', pgChildren);
  await parents.insert([{ id: 1, name: 'ada' }]);
  await children.insert([{ id: 1, parentId: 1, age: 3 }]);
  return {
    name,
    wraps: true,
    raw: (statement) => failure(raw(statement)),
    unique: () => failure(parents.insert([{ id: 2, name: 'ada' }])),
    primaryKey: () => failure(parents.insert([{ id: 1, name: 'bob' }])),
    foreignKey: () => failure(children.insert([{ id: 2, parentId: 99 }])),
    foreignKeyOnDelete: () => failure(parents.delete([eq(pgParents.id, 1)])),
    notNull: () => failure(parents.insert([{ id: 3, name: null as unknown as string }])),
    check: () => failure(children.insert([{ id: 3, age: -1 }])),
    close,
  };
}

async function libsqlDriver(): Promise<Driver> {
  const client = createClient({ url: ':memory:' });
  await client.execute('pragma foreign_keys = on');
  for (const statement of ddl) await client.execute(statement);
  const db = drizzleLibsql(client, { casing: 'snake_case' });
  const parents = createModelFactory(db, 'parents', sqliteParents);
  const children = createModelFactory(db, 'children', sqliteChildren);
  await parents.insert([{ id: 1, name: 'ada' }]);
  await children.insert([{ id: 1, parentId: 1, age: 3 }]);
  return {
    name: 'libsql',
    wraps: true,
    raw: (statement) => failure(client.execute(statement)),
    unique: () => failure(parents.insert([{ id: 2, name: 'ada' }])),
    primaryKey: () => failure(parents.insert([{ id: 1, name: 'bob' }])),
    foreignKey: () => failure(children.insert([{ id: 2, parentId: 99 }])),
    foreignKeyOnDelete: () => failure(parents.delete([eq(sqliteParents.id, 1)])),
    notNull: () => failure(parents.insert([{ id: 3, name: null as unknown as string }])),
    check: () => failure(children.insert([{ id: 3, age: -1 }])),
    close: async () => client.close(),
  };
}

async function betterSqlite3Driver(): Promise<Driver> {
  const client = new Database(':memory:');
  client.pragma('foreign_keys = on');
  for (const statement of ddl) client.exec(statement);
  const db = drizzleBetterSqlite3({ client, casing: 'snake_case' });
  const parents = createModelFactory(db, 'parents', sqliteParents);
  const children = createModelFactory(db, 'children', sqliteChildren);
  await parents.insert([{ id: 1, name: 'ada' }]);
  await children.insert([{ id: 1, parentId: 1, age: 3 }]);
  return {
    name: 'better-sqlite3',
    wraps: false,
    raw: (statement) => failure(Promise.resolve().then(() => client.exec(statement))),
    unique: () => failure(parents.insert([{ id: 2, name: 'ada' }])),
    primaryKey: () => failure(parents.insert([{ id: 1, name: 'bob' }])),
    foreignKey: () => failure(children.insert([{ id: 2, parentId: 99 }])),
    foreignKeyOnDelete: () => failure(parents.delete([eq(sqliteParents.id, 1)])),
    notNull: () => failure(parents.insert([{ id: 3, name: null as unknown as string }])),
    check: () => failure(children.insert([{ id: 3, age: -1 }])),
    close: async () => {
      client.close();
    },
  };
}

async function mysqlDriver(): Promise<Driver> {
  const server = await useMariaDB();
  try {
    return await mysqlDriverOn(server);
  } catch (error) {
    // No driver comes back to close, so let go of the server here, or it outlives the test run.
    await server.release();
    throw error;
  }
}

async function mysqlDriverOn(server: MariaDB): Promise<Driver> {
  const client = await server.connect();
  await client.query('create table parents (id int primary key, name varchar(64) not null unique)');
  await client.query(
    'create table children (id int primary key, parent_id int references parents (id), age int, constraint age_positive check (age > 0), foreign key (parent_id) references parents (id))',
  );
  const db = drizzleMysql({ client, casing: 'snake_case', mode: 'default' });
  const parents = createModelFactory(db, 'parents', mysqlParents);
  const children = createModelFactory(db, 'children', mysqlChildren);
  await parents.insert([{ id: 1, name: 'ada' }]);
  await children.insert([{ id: 1, parentId: 1, age: 3 }]);
  return {
    name: 'mysql2 (MariaDB)',
    wraps: true,
    raw: (statement) => failure(client.query(statement)),
    unique: () => failure(parents.insert([{ id: 2, name: 'ada' }])),
    primaryKey: () => failure(parents.insert([{ id: 1, name: 'bob' }])),
    foreignKey: () => failure(children.insert([{ id: 2, parentId: 99 }])),
    foreignKeyOnDelete: () => failure(parents.delete([eq(mysqlParents.id, 1)])),
    notNull: () => failure(parents.insert([{ id: 3, name: null as unknown as string }])),
    check: () => failure(children.insert([{ id: 3, age: -1 }])),
    close: async () => {
      await client.end();
      await server.release();
    },
  };
}

const helpers = { isUniqueViolation, isForeignKeyViolation, isNotNullViolation, isCheckViolation };
type Helper = keyof typeof helpers;

/** Exactly one helper says yes to `error`: the one named. */
function expectOnly(error: unknown, expected: Helper) {
  const answers = Object.fromEntries(Object.entries(helpers).map(([name, helper]) => [name, helper(error)]));
  expect(answers).toEqual(Object.fromEntries(Object.keys(helpers).map((name) => [name, name === expected])));
}

// node-postgres talks to PGlite over pglite-socket in this process; MariaDB is a server (see in-process.ts).
const drivers = [
  { name: 'pglite', open: () => postgresDriver('pglite') },
  { name: 'node-postgres', open: () => postgresDriver('node-postgres') },
  { name: 'libsql', open: libsqlDriver },
  { name: 'better-sqlite3', open: betterSqlite3Driver },
  ...(inProcessOnly ? [] : [{ name: 'mysql2 (MariaDB)', open: mysqlDriver }]),
];

describe.each(drivers)('on $name', ({ open }) => {
  let driver: Driver;
  beforeAll(async () => {
    driver = await open();
  });
  afterAll(() => driver.close());

  it('tells each kind of violation from the error the model op rejects with', async () => {
    expectOnly(await driver.unique(), 'isUniqueViolation');
    expectOnly(await driver.primaryKey(), 'isUniqueViolation');
    expectOnly(await driver.foreignKey(), 'isForeignKeyViolation');
    expectOnly(await driver.foreignKeyOnDelete(), 'isForeignKeyViolation');
    expectOnly(await driver.notNull(), 'isNotNullViolation');
    expectOnly(await driver.check(), 'isCheckViolation');
  });

  it('finds the driver error in the cause drizzle wraps it in', async () => {
    const error = await driver.unique();
    expect(error).toBeInstanceOf(Error);
    if (driver.wraps) expect((error as Error).cause).toBeInstanceOf(Error);
    else expect((error as { code?: unknown }).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
  });

  it('reads the driver error itself, and one wrapped again by a caller', async () => {
    const raw = await driver.raw("insert into parents (id, name) values (5, 'ada')");
    expectOnly(raw, 'isUniqueViolation');
    expectOnly(
      new Error('creating the tag failed', { cause: new Error('query failed', { cause: raw }) }),
      'isUniqueViolation',
    );
  });

  it('says no to other errors of the same driver', async () => {
    const syntax = await driver.raw('insert into nowhere values (1)');
    for (const helper of Object.values(helpers)) expect(helper(syntax)).toBe(false);
  });
});

describe('anything else', () => {
  it('says no to values that are not driver errors, and to cause cycles', () => {
    const cyclic: { cause?: unknown } = {};
    cyclic.cause = cyclic;
    for (const value of [undefined, null, 'unique', 23505, new Error('23505'), { code: 42 }, cyclic]) {
      for (const helper of Object.values(helpers)) expect(helper(value)).toBe(false);
    }
  });
});
