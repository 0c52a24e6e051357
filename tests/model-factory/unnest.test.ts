import { PGlite, types } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  customType,
  date,
  integer,
  json,
  jsonb,
  numeric,
  pgEnum,
  pgSchema,
  pgTable,
  serial,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { createModelFactory, type ModelFactory } from 'many-first/model-factory';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIN_UNNEST_RUN, UNNEST_CHARACTER_BUDGET } from '../../model-factory/postgres-unnest.js';
import { StatementLog } from './harness.js';
import { openPostgres, POSTGRES_DRIVERS, type PostgresConnection } from './postgres-drivers.js';

const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
const level = pgSchema('app').enum('level', ['low', 'high']);

/** bytea as a Buffer: the encoder returns bytes, which travel as `\x…` text. */
const bytes = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** A point whose encoder returns an SQL expression: no text stands for it, so it cannot travel in an array. */
const point = customType<{ data: { x: number; y: number }; driverData: string | { x: number; y: number } }>({
  dataType: () => 'point',
  toDriver: ({ x, y }) => sql`point(${x}, ${y})` as unknown as string,
  fromDriver: (value) => {
    if (typeof value === 'object') return value; // node-postgres parses points itself
    const [x, y] = value.slice(1, -1).split(',').map(Number);
    return { x: x!, y: y! };
  },
});

let defaultFnCalls = 0;

const things = pgTable('things', {
  id: serial().primaryKey(),
  label: varchar({ length: 8 }).notNull().unique(),
  mood: mood(),
  level: level(),
  tags: text().array(),
  grid: integer().array().array(),
  doc: jsonb().$type<{ name: string; nested: number[] }>(),
  meta: json(),
  price: numeric({ precision: 10, scale: 2 }),
  at: timestamp({ precision: 3, withTimezone: true }),
  day: date(),
  local: timestamp({ mode: 'string' }),
  uid: uuid(),
  big: bigint({ mode: 'bigint' }),
  flag: boolean(),
  code: char({ length: 3 }),
  data: bytes(),
  created: integer().notNull().default(42),
  token: text()
    .notNull()
    .$defaultFn(() => `token-${++defaultFnCalls}`),
  touched: text().$onUpdateFn(() => 'touched'),
});
const places = pgTable('places', { id: serial().primaryKey(), at: point().notNull() });

const schema = [
  `create type mood as enum ('sad', 'ok', 'happy')`,
  'create schema app',
  `create type app.level as enum ('low', 'high')`,
  `create table things (
    id serial primary key, label varchar(8) not null unique, mood mood, level app.level, tags text[],
    grid integer[][], doc jsonb, meta json, price numeric(10, 2), at timestamp(3) with time zone,
    day date, local timestamp, uid uuid, big bigint, flag boolean, code char(3), data bytea,
    created integer not null default 42, token text not null, touched text)`,
  'create table places (id serial primary key, at point not null)',
];

/** A row giving every column that has a value of its own type. */
function fullThing(index: number) {
  return {
    label: `t${index}`,
    mood: (['sad', 'ok', 'happy'] as const)[index % 3],
    level: index % 2 === 0 ? ('low' as const) : ('high' as const),
    tags: ['a', 'b,c', 'quote"d', `back\\slash ${index}`, 'NULL', ''],
    grid: [
      [index, 2],
      [3, 4],
    ],
    doc: { name: `it's "${index}" {}`, nested: [index, 1.5] },
    meta: [1, 'two', null],
    price: '12.35',
    at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
    day: '2026-02-03',
    local: '2026-02-03 04:05:06',
    uid: '6f1c8a34-51a4-4d3e-9a55-1a2b3c4d5e6f',
    big: 9_007_199_254_740_993n,
    flag: index % 2 === 0,
    code: 'ab',
    data: Buffer.from([0, 1, 254, 255, index % 256]),
    created: 7,
  };
}

const insertsOf = (log: StatementLog, mark: number) => log.insertsSince(mark);
const viaUnnest = (statement: { sql: string }) => /\bfrom unnest\(/.test(statement.sql);

describe.each(POSTGRES_DRIVERS)('unnest writes on %s', (driver) => {
  let connection: PostgresConnection;
  let factory: ModelFactory<typeof things>;
  let placesFactory: ModelFactory<typeof places>;
  const log = new StatementLog();
  beforeAll(async () => {
    connection = await openPostgres(driver, schema, log);
    factory = createModelFactory(connection.db, 'things', things);
    placesFactory = createModelFactory(connection.db, 'places', places);
  });
  afterAll(async () => {
    await connection.close();
  });
  beforeEach(async () => {
    await connection.db.execute(sql`truncate things, places restart identity`);
  });

  it('sends every column type as one text array and reads back what was given', async () => {
    const rows = Array.from({ length: 20 }, (_, index) => fullThing(index));
    const mark = log.statements.length;
    const stored = await factory.insert(rows);
    const inserts = insertsOf(log, mark);
    expect(inserts).toHaveLength(1);
    expect(viaUnnest(inserts[0]!)).toBe(true);
    // Only PGlite, which parses results in JavaScript, gets the rows back as one JSON text.
    expect(inserts[0]!.sql.startsWith('with ')).toBe(driver === 'pglite');
    // One array per given column (17) and per column drizzle fills ($defaultFn token, $onUpdateFn touched).
    expect(inserts[0]!.parameters).toBe(19);
    const expected = rows.map((row, index) => ({
      ...row,
      id: index + 1,
      code: 'ab ', // char(3) pads, as from VALUES
      token: expect.stringMatching(/^token-\d+$/) as unknown,
      touched: 'touched',
    }));
    expect(stored).toEqual(expected);
    expect(await factory.select([], { orderBy: things.id })).toEqual(expected);
  });

  it('returns rows in input order, and the database sees them in that order', async () => {
    const labels = ['m', 'c', 'x', 'a', 'q', 'b', 'z', 'd', 'k', 'e', 'y', 'f', 'p', 'g', 'o', 'h', 'n', 'i'];
    const stored = await factory.insert(labels.map((label) => ({ label })));
    expect(stored.map((row) => row.label)).toEqual(labels);
    expect(stored.map((row) => row.id)).toEqual(labels.map((_, index) => index + 1));
  });

  it('calls $defaultFn once per row and leaves $onUpdateFn to rows that give no value', async () => {
    const before = defaultFnCalls;
    const rows = Array.from({ length: 30 }, (_, index) => ({ label: `r${index}`, touched: 'mine' }));
    const stored = await factory.insert(rows);
    expect(defaultFnCalls - before).toBe(30);
    expect(new Set(stored.map((row) => row.token)).size).toBe(30);
    expect(stored.every((row) => row.touched === 'mine')).toBe(true);
  });

  it('gives rows that leave out different columns the database defaults, never NULL', async () => {
    const runs = [
      ...Array.from({ length: MIN_UNNEST_RUN }, (_, index) => ({ label: `a${index}` })),
      ...Array.from({ length: MIN_UNNEST_RUN }, (_, index) => ({ label: `b${index}`, created: index })),
      // Too short to be worth an unnest statement each: these go through `.values()` with `default`.
      { label: 'c0' },
      { label: 'c1', created: 1 },
      { label: 'c2', mood: 'ok' as const },
    ];
    const mark = log.statements.length;
    const stored = await factory.insert(runs);
    expect(insertsOf(log, mark).map(viaUnnest)).toEqual([true, true, false]);
    expect(stored.map((row) => row.created)).toEqual([
      ...Array.from({ length: MIN_UNNEST_RUN }, () => 42),
      ...Array.from({ length: MIN_UNNEST_RUN }, (_, index) => index),
      42,
      1,
      42,
    ]);
    expect(stored.map((row) => row.label)).toEqual(runs.map((row) => row.label));
  });

  it('refuses a too-long varchar as VALUES does, instead of truncating it in the cast', async () => {
    const rows = Array.from({ length: 20 }, (_, index) => ({
      label: index === 19 ? 'ninechars' : `ok${index}`,
    }));
    const failure = await factory.insert(rows).catch((error: unknown) => error);
    expect(String((failure as Error).cause)).toMatch(/too long for type character varying\(8\)/);
    expect(await factory.count()).toBe(0);
  });

  it('falls back to .values() for a custom type whose encoder returns SQL, and for SQL values', async () => {
    const mark = log.statements.length;
    const stored = await placesFactory.insert(
      Array.from({ length: 20 }, (_, index) => ({ at: { x: index, y: -index } })),
    );
    expect(stored[19]).toEqual({ id: 20, at: { x: 19, y: -19 } });
    const withSql = Array.from({ length: 20 }, (_, index) => ({
      label: `s${index}`,
      mood: index === 5 ? sql`'happy'::mood` : ('sad' as const),
    }));
    const storedThings = await factory.insert(withSql as Parameters<typeof factory.insert>[0]);
    expect(storedThings[5]!.mood).toBe('happy');
    expect(insertsOf(log, mark).map(viaUnnest)).toEqual([false, false]);
  });

  it('upserts through unnest: conflicting rows take the incoming values, in input order', async () => {
    await factory.insert(Array.from({ length: 20 }, (_, index) => fullThing(index)));
    const changed = Array.from({ length: 20 }, (_, index) => ({
      ...fullThing(19 - index),
      tags: ['changed'],
      created: 100 + index,
    }));
    const mark = log.statements.length;
    const stored = await factory.upsert(changed, { target: things.label });
    const inserts = insertsOf(log, mark);
    expect(inserts).toHaveLength(1);
    expect(viaUnnest(inserts[0]!)).toBe(true);
    expect(stored.map((row) => [row.id, row.label, row.created, row.tags])).toEqual(
      changed.map((row, index) => [20 - index, row.label, 100 + index, ['changed']]),
    );
    expect(await factory.count()).toBe(20);
  });

  it('starts a new statement past the character budget, all in one transaction', async () => {
    const big = 'x'.repeat(UNNEST_CHARACTER_BUDGET / 10); // about ten rows per statement
    const rows = Array.from({ length: 20 }, (_, index) => ({ label: `b${index}`, meta: big }));
    rows.push({ label: 'b0', meta: 'duplicate label, last statement' });
    const mark = log.statements.length;
    await expect(factory.insert(rows)).rejects.toThrow();
    const inserts = insertsOf(log, mark);
    expect(inserts.length).toBeGreaterThan(1);
    expect(inserts.every(viaUnnest)).toBe(true);
    expect(await factory.count()).toBe(0);
  });
});

describe('unnest writes on PGlite return their rows as one JSON text', () => {
  let connection: PostgresConnection;
  let factory: ModelFactory<typeof things>;
  const log = new StatementLog();
  const viaJson = (statement: { sql: string }) => statement.sql.startsWith('with ') && viaUnnest(statement);
  beforeAll(async () => {
    connection = await openPostgres('pglite', schema, log);
    factory = createModelFactory(connection.db, 'things', things);
  });
  afterAll(async () => {
    await connection.close();
  });
  beforeEach(async () => {
    await connection.db.execute(sql`truncate things restart identity`);
  });
  const selectAll = () => connection.db.select().from(things).orderBy(things.id);

  it('gives exactly the rows, types and classes PGlite and drizzle give a select of them', async () => {
    const mark = log.statements.length;
    const stored = await factory.insert(Array.from({ length: 20 }, (_, index) => fullThing(index)));
    expect(insertsOf(log, mark).map(viaJson)).toEqual([true]);
    expect(stored).toStrictEqual(await selectAll());
    expect(stored[0]!.big).toBe(9_007_199_254_740_993n);
    expect(stored[0]!.flag).toBe(true); // `t` on the wire; a ::text cast would have sent `true`
  });

  it('does so in the transaction the factory opens for a write of several statements', async () => {
    const big = 'x'.repeat(UNNEST_CHARACTER_BUDGET / 10);
    const rows = Array.from({ length: 20 }, (_, index) => ({ ...fullThing(index), meta: big }));
    const mark = log.statements.length;
    const stored = await factory.insert(rows);
    const inserts = insertsOf(log, mark);
    expect(inserts.length).toBeGreaterThan(1);
    expect(inserts.every(viaJson)).toBe(true);
    expect(stored.map((row) => row.label)).toEqual(rows.map((row) => row.label));
    expect(stored).toStrictEqual(await selectAll());
  });

  it("does so in a caller's transaction on the factory's database, as in its own", async () => {
    const rows = Array.from({ length: 20 }, (_, index) => fullThing(index));
    const mark = log.statements.length;
    const stored = await connection.db.transaction((tx) => factory.insert(rows, { tx }));
    expect(insertsOf(log, mark).map(viaJson)).toEqual([true]);
    expect(stored).toStrictEqual(await selectAll());
  });

  it('keeps RETURNING, with equal rows, in a transaction of a database whose PGlite it has not seen', async () => {
    const rows = Array.from({ length: 20 }, (_, index) => fullThing(index));
    const viaJsonRows = await factory.insert(rows);
    await connection.db.execute(sql`truncate things restart identity`);
    // Another drizzle database on the same PGlite: its transactions' clients do not expose the parsers.
    const client: unknown = Reflect.get(connection.db, '$client');
    const other = drizzlePglite(client as PGlite, { casing: 'snake_case', logger: log });
    const mark = log.statements.length;
    const viaReturning = await other.transaction((tx) => factory.insert(rows, { tx }));
    const inserts = insertsOf(log, mark);
    expect(inserts.map(viaUnnest)).toEqual([true]);
    expect(inserts.map(viaJson)).toEqual([false]);
    const withoutTokens = (stored: typeof viaJsonRows) => stored.map(({ token: _, ...row }) => row);
    expect(withoutTokens(viaReturning)).toStrictEqual(withoutTokens(viaJsonRows));
  });

  it('applies the parsers the PGlite instance was created with', async () => {
    // Integers parsed as ten times their value: visible in every returned id, as in a select's.
    const client = await PGlite.create({ parsers: { [types.INT4]: (text: string) => Number(text) * 10 } });
    try {
      await client.exec('create table counters (id serial primary key, amount integer not null)');
      const counters = pgTable('counters', { id: serial().primaryKey(), amount: integer().notNull() });
      const db = drizzlePglite(client);
      const stored = await createModelFactory(db, 'counters', counters).insert(
        Array.from({ length: 20 }, (_, index) => ({ amount: index })),
      );
      expect(stored.slice(0, 2)).toEqual([
        { id: 10, amount: 0 },
        { id: 20, amount: 10 },
      ]);
      expect(stored).toStrictEqual(await db.select().from(counters).orderBy(counters.id));
    } finally {
      await client.close();
    }
  });

  it('keeps RETURNING when the PGlite instance was given a parser for text, which would alter the JSON', async () => {
    const client = await PGlite.create({ parsers: { [types.TEXT]: (text: string) => text.toUpperCase() } });
    try {
      await client.exec('create table notes (id serial primary key, body text not null)');
      const notes = pgTable('notes', { id: serial().primaryKey(), body: text().notNull() });
      const notesLog = new StatementLog();
      const db = drizzlePglite(client, { logger: notesLog });
      const stored = await createModelFactory(db, 'notes', notes).insert(
        Array.from({ length: 20 }, (_, index) => ({ body: `note ${index}` })),
      );
      expect(notesLog.insertsSince(0).map(viaJson)).toEqual([false]);
      expect(stored[0]).toEqual({ id: 1, body: 'NOTE 0' });
      expect(stored).toStrictEqual(await db.select().from(notes).orderBy(notes.id));
    } finally {
      await client.close();
    }
  });

  it('returns tables of more columns than a function takes arguments (100)', async () => {
    const keys = Array.from({ length: 120 }, (_, index) => `n${index}`);
    const wide = pgTable('wide', {
      id: serial().primaryKey(),
      ...Object.fromEntries(keys.map((key) => [key, integer()])),
    });
    await connection.db.execute(
      sql.raw(`create table wide (id serial primary key, ${keys.map((key) => `${key} integer`).join(', ')})`),
    );
    const rows = Array.from({ length: 20 }, (_, row) =>
      Object.fromEntries(keys.map((key, column) => [key, row * 1000 + column])),
    );
    const mark = log.statements.length;
    const stored = await createModelFactory(connection.db, 'wide', wide).insert(rows);
    expect(insertsOf(log, mark).map(viaJson)).toEqual([true]);
    expect(stored).toStrictEqual(rows.map((row, index) => ({ id: index + 1, ...row })));
  });
});
