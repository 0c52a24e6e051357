import { PGlite } from '@electric-sql/pglite';
import { createClient } from '@libsql/client';
import Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import { drizzle as drizzleBetterSqlite3 } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { createModelFactory } from 'many-first/model-factory';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { harnesses, pgTags, sqliteTags, type AnyHarness } from './harness.js';

/** What a JavaScript caller (or a cast) can pass where the types would refuse it. */
const untyped = (value: unknown) => value as never;

// Every Postgres driver (the unnest path plans statements per driver), one SQLite driver and MySQL.
describe.each(
  harnesses.filter(({ name }) =>
    ['pglite', 'node-postgres', 'postgres-js', 'libsql (memory)', 'mysql2 (MariaDB)'].includes(name),
  ),
)('guards on $name', ({ open }) => {
  let h: AnyHarness;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
    await h.tags.insert([{ name: 'vegan' }, { name: 'quick' }]);
  });

  /** Asserts `attempt` fails with `expected` without sending a statement. */
  async function expectRefused(attempt: () => Promise<unknown>, expected: RegExp, type = TypeError) {
    const mark = h.log.statements.length;
    const failure = await attempt().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(type);
    expect((failure as Error).message).toMatch(expected);
    expect(h.log.statements.length).toBe(mark);
  }

  describe('update and delete without a condition', () => {
    it.each([
      ['[]', []],
      ['[undefined]', [undefined]],
      ['[undefined, undefined]', [undefined, undefined]],
    ])('update(%s) refuses to touch every row', async (_, conditions) => {
      await expectRefused(
        () => h.tags.update(conditions, { color: 'red' }),
        /^tags\.update: refusing to update every row of tags: .* Pass \{ all: true \}/,
        Error,
      );
      expect(await h.tags.count([eq(h.tables.tags.color, 'red')])).toBe(0);
    });

    it.each([
      ['[]', []],
      ['[undefined]', [undefined]],
    ])('delete(%s) refuses to touch every row', async (_, conditions) => {
      await expectRefused(
        () => h.tags.delete(conditions),
        /^tags\.delete: refusing to delete every row of tags: .* Pass \{ all: true \}/,
        Error,
      );
      expect(await h.tags.count()).toBe(2);
    });

    it('still refuses with { all: false } and with a truthy non-boolean', async () => {
      await expectRefused(() => h.tags.delete([], { all: false }), /Pass \{ all: true \}/, Error);
      await expectRefused(() => h.tags.delete([], untyped({ all: 'yes' })), /Pass \{ all: true \}/, Error);
      expect(await h.tags.count()).toBe(2);
    });
  });

  describe('arguments of the wrong type, as JavaScript callers can pass', () => {
    it('insert and upsert want an array of row objects', async () => {
      await expectRefused(
        () => h.tags.insert(untyped({ name: 'single' })),
        /^tags\.insert: rows must be an array, got an object \(wrap a single row in an array: \[row\]\)$/,
      );
      await expectRefused(
        () => h.tags.insert(untyped('vegan')),
        /^tags\.insert: rows must be an array, got a string/,
      );
      await expectRefused(
        () => h.tags.insert(untyped(undefined)),
        /^tags\.insert: rows must be an array, got undefined/,
      );
      await expectRefused(
        () => h.tags.insert(untyped([{ name: 'ok' }, null])),
        /^tags\.insert: rows\[1\] must be an object, got null$/,
      );
      await expectRefused(
        () => h.tags.upsert(untyped({ name: 'x' }), { target: h.tables.tags.name }),
        /^tags\.upsert: rows must be an array/,
      );
      expect(await h.tags.count()).toBe(2);
    });

    it('conditions must be an array of SQL conditions or undefined', async () => {
      const condition = eq(h.tables.tags.name, 'vegan');
      await expectRefused(
        () => h.tags.select(untyped(condition)),
        /^tags\.select: conditions must be an array, got an SQL expression \(wrap a single condition in an array: \[condition\]\)$/,
      );
      await expectRefused(
        () => h.tags.count(untyped([condition, { name: 'vegan' }])),
        /^tags\.count: conditions\[1\] must be an SQL condition such as eq\(column, value\), or undefined; got an object$/,
      );
      await expectRefused(
        () => h.tags.takeFirst(untyped([false])),
        /^tags\.takeFirst: conditions\[0\] .* got a boolean$/,
      );
      await expectRefused(
        () => h.tags.update(untyped(null), { color: 'x' }),
        /^tags\.update: conditions must be an array, got null$/,
      );
      await expectRefused(
        () => h.tags.delete(untyped([null])),
        /^tags\.delete: conditions\[0\] .* got null$/,
      );
      expect(() => h.tags.buildConditions(untyped('id = 1'))).toThrow(
        /^tags\.buildConditions: conditions must be an array, got a string$/,
      );
    });

    it('options must be an object; limit and offset non-negative integers; orderBy columns or SQL', async () => {
      await expectRefused(
        () => h.tags.select([], untyped(5)),
        /^tags\.select: options must be an object, got a number$/,
      );
      await expectRefused(
        () => h.tags.select([], { limit: -1 }),
        /^tags\.select: limit must be a non-negative integer, got -1$/,
      );
      await expectRefused(
        () => h.tags.select([], { offset: 1.5 }),
        /^tags\.select: offset must be a non-negative integer, got 1.5$/,
      );
      await expectRefused(
        () => h.tags.select([], untyped({ limit: '10' })),
        /limit must be a non-negative integer, got 10$/,
      );
      await expectRefused(
        () => h.tags.select([], untyped({ orderBy: 'name' })),
        /^tags\.select: orderBy must be a column or an SQL expression such as desc\(column\), got a string$/,
      );
      await expectRefused(
        () => h.tags.takeFirst([], untyped({ orderBy: [h.tables.tags.name, 3] })),
        /^tags\.takeFirst: orderBy\[1\] must be a column or an SQL expression/,
      );
    });

    it('update values must set at least one column', async () => {
      await expectRefused(
        () => h.tags.update([eq(h.tables.tags.name, 'vegan')], untyped('red')),
        /^tags\.update: values must be an object of columns to set, got a string$/,
      );
      await expectRefused(
        () => h.tags.update([eq(h.tables.tags.name, 'vegan')], {}),
        /^tags\.update: values sets no column of tags; give at least one of id, name, color, useCount$/,
      );
      await expectRefused(
        () => h.tags.update([eq(h.tables.tags.name, 'vegan')], untyped({ colour: 'red', color: undefined })),
        /values sets no column of tags/,
      );
    });

    it('upsert needs a target among its own columns and a non-empty set', async () => {
      await expectRefused(
        () => h.tags.upsert([{ name: 'x' }], untyped(undefined)),
        /^tags\.upsert: options must be an object with a target column, got undefined$/,
      );
      await expectRefused(
        () => h.tags.upsert([{ name: 'x' }], untyped({})),
        /^tags\.upsert: target must be a column of tags \(or a list of them\), got undefined$/,
      );
      await expectRefused(
        () => h.tags.upsert([{ name: 'x' }], { target: h.tables.singles.value }),
        /^tags\.upsert: target must be a column of tags/,
      );
      await expectRefused(
        () => h.tags.upsert([{ name: 'x' }], { target: [] }),
        /^tags\.upsert: target must name at least one column of tags$/,
      );
      await expectRefused(
        () => h.tags.upsert([{ name: 'x' }], { target: h.tables.tags.name, set: {} }),
        /^tags\.upsert: set sets no column of tags/,
      );
    });

    it('tx must be a transaction of the same dialect', async () => {
      await expectRefused(
        () => h.tags.insert([{ name: 'x' }], untyped({ tx: {} })),
        /^tags\.insert: tx must be the (postgres|sqlite|mysql) transaction that db\.transaction\(async \(tx\) => …\) passes, got an object$/,
      );
      const other =
        h.dialect === 'postgres'
          ? drizzleLibsql(createClient({ url: ':memory:' }))
          : drizzlePglite(new PGlite());
      await expectRefused(
        () => h.tags.count([], untyped({ tx: other })),
        /^tags\.count: tx must be the .* got a (LibSQLDatabase|PgliteDatabase)$/,
      );
      // an empty insert checks its tx too, though it sends nothing
      await expectRefused(
        () => h.tags.insert([], untyped({ tx: 42 })),
        /^tags\.insert: tx must be .* got a number$/,
      );
    });

    it('a row that alone binds more parameters than a statement allows is refused', async () => {
      const huge = sql.join(
        Array.from({ length: h.bindParameterLimit }, (_, index) => sql`${String(index)}`),
        sql` || `,
      );
      await expectRefused(
        () => h.tags.insert([{ name: 'ok' }, { name: untyped(huge) }]),
        /^tags\.insert: rows\[1\] binds \d+ parameters, more than one statement allows \(\d+\)$/,
        RangeError,
      );
    });
  });
});

describe('createModelFactory', () => {
  const pg = drizzlePglite(new PGlite());
  const libsql = drizzleLibsql(createClient({ url: ':memory:' }));

  it('needs a non-empty table name', () => {
    expect(() => createModelFactory(pg, untyped(undefined), pgTags)).toThrow(
      /^createModelFactory: tableName must be a non-empty string, got undefined$/,
    );
    expect(() => createModelFactory(pg, '', pgTags)).toThrow(TypeError);
  });

  it('needs a drizzle Postgres, SQLite or MySQL table', () => {
    expect(() => createModelFactory(untyped(pg), 'tags', untyped({ name: 'tags' }))).toThrow(
      /^createModelFactory\('tags'\): table must be a drizzle pgTable, sqliteTable or mysqlTable, got an object$/,
    );
    expect(() => createModelFactory(untyped(pg), 'tags', untyped('tags'))).toThrow(TypeError);
  });

  it('reads the dialect from the objects and refuses a db of the other dialect', () => {
    expect(() => createModelFactory(untyped(libsql), 'tags', pgTags)).toThrow(
      /^createModelFactory\('tags'\): db must be a drizzle Postgres database \(pglite, node-postgres\) for a pgTable, got a LibSQLDatabase$/,
    );
    expect(() => createModelFactory(untyped(pg), 'tags', sqliteTags)).toThrow(
      /^createModelFactory\('tags'\): db must be a drizzle SQLite database \(libsql, better-sqlite3\) for a sqliteTable, got a PgliteDatabase$/,
    );
    expect(() => createModelFactory(untyped(undefined), 'tags', pgTags)).toThrow(/got undefined$/);
    // A table whose name says nothing about its dialect is still recognised.
    const misleading = pgTable('sqlite_tags', { name: text() });
    expect(Object.keys(createModelFactory(pg, 'sqlite_tags', misleading)).sort()).toEqual([
      'buildConditions',
      'count',
      'delete',
      'insert',
      'select',
      'takeFirst',
      'update',
      'upsert',
    ]);
  });

  it('serves synchronous SQLite databases, but refuses a tx of the other kind of SQLite driver', async () => {
    const client = new Database(':memory:');
    client.exec(
      'create table tags (id integer primary key, name text not null unique, color text, use_count integer not null default 0)',
    );
    const synchronous = drizzleBetterSqlite3({ client, casing: 'snake_case' });
    const asynchronous = drizzleLibsql(createClient({ url: ':memory:' }));
    const onSynchronous = createModelFactory(synchronous, 'tags', sqliteTags);
    expect(await onSynchronous.insert([{ name: 'vegan' }])).toEqual([
      { id: 1, name: 'vegan', color: null, useCount: 0 },
    ]);
    // A tx of the other driver would run the ops outside the transaction the caller meant.
    await expect(onSynchronous.count([], { tx: untyped(asynchronous) })).rejects.toThrow(
      /^tags\.count: tx must be the sqlite transaction .*, got a LibSQLDatabase$/,
    );
    const onAsynchronous = createModelFactory(asynchronous, 'tags', sqliteTags);
    await expect(onAsynchronous.count([], { tx: untyped(synchronous) })).rejects.toThrow(
      /^tags\.count: tx must be the sqlite transaction .*, got a BetterSQLite3Database$/,
    );
    client.close();
  });
});
