// The one-parameter bulk paths of SQLite (json_each) and MySQL (JSON_TABLE): every column mode drizzle has
// comes back as drizzle's own `.values()` returns it, left-out columns get their defaults per shape, what
// cannot travel as JSON falls back to `.values()`, rows keep input order, and a bad row in a late
// statement leaves nothing behind. On libsql, better-sqlite3 and MariaDB.
import { createClient } from '@libsql/client';
import Database from 'better-sqlite3';
import { asc, sql } from 'drizzle-orm';
import { drizzle as drizzleBetterSqlite3 } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import {
  bigint,
  boolean,
  date,
  datetime,
  decimal,
  double,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  timestamp,
  varchar,
} from 'drizzle-orm/mysql-core';
import { drizzle as drizzleMysql, type MySql2Database } from 'drizzle-orm/mysql2';
import { blob, integer, numeric, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createModelFactory } from 'many-first/model-factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_BULK_RUN } from '../../model-factory/bulk-runs.js';
import { hasJsonTable } from '../../model-factory/mysql-json.js';
import { useMariaDB, type MariaDB } from '../support/mariadb.js';
import { harnesses, StatementLog, type AnyHarness } from './harness.js';
import { singlesFillingOneStatement } from './statement-sizes.js';

const ROWS = MIN_BULK_RUN + 4;
const ON_UPDATE = new Date(1_700_000_000_000);

const sqliteModes = sqliteTable('modes', {
  id: integer().primaryKey({ autoIncrement: true }),
  label: text().notNull(),
  count: integer(),
  flag: integer({ mode: 'boolean' }),
  at: integer({ mode: 'timestamp' }),
  atMs: integer({ mode: 'timestamp_ms' }),
  ratio: real(),
  data: text({ mode: 'json' }).$type<{ list: number[]; text: string } | null>(),
  amount: numeric(),
  amountNumber: numeric({ mode: 'number' }),
  big: numeric({ mode: 'bigint' }),
  picked: text({ enum: ['a', 'b'] }),
  token: text().$defaultFn(() => 'generated'),
  touched: integer({ mode: 'timestamp_ms' }).$onUpdateFn(() => ON_UPDATE),
  withDefault: integer().default(7),
  dbDefault: text().default(sql`'from the database'`),
  bytes: blob({ mode: 'buffer' }),
});
const SQLITE_MODES_SQL = `create table modes (id integer primary key autoincrement, label text not null,
  count integer, flag integer, at integer, at_ms integer, ratio real, data text, amount numeric,
  amount_number numeric, big numeric, picked text, token text, touched integer, with_default integer default 7,
  db_default text default 'from the database', bytes blob)`;

const mysqlModes = mysqlTable('modes', {
  id: int().primaryKey().autoincrement(),
  label: varchar({ length: 64 }).notNull(),
  count: int(),
  flag: boolean(),
  at: datetime({ fsp: 3 }),
  atText: datetime({ mode: 'string' }),
  stamp: timestamp({ fsp: 3 }),
  ratio: double(),
  amount: decimal({ precision: 12, scale: 2 }),
  big: bigint({ mode: 'bigint' }),
  data: json().$type<{ list: number[]; text: string } | null>(),
  picked: mysqlEnum(['a', 'b']),
  token: varchar({ length: 32 }).$defaultFn(() => 'generated'),
  withDefault: int().default(7),
  day: date(),
});
const MYSQL_MODES_SQL = `create table modes (id int primary key auto_increment, label varchar(64) not null,
  count int, flag boolean, at datetime(3), at_text datetime, stamp timestamp(3) null, ratio double,
  amount decimal(12,2), big bigint, data json, picked enum('a','b'), token varchar(32),
  with_default int default 7, day date) default charset = utf8mb4`;

/** Values that stress the JSON text: quotes, backslashes, non-ASCII, emoji, negatives, extremes, nulls. */
function awkward(index: number) {
  const texts = [`quote " and \\ backslash`, 'naïve café', 'emoji 😀 and 中文', '', `line\nbreak\ttab`];
  return {
    label: `${texts[index % texts.length]} #${index}`,
    count: index % 4 === 0 ? null : (index - 10) * 1_000_003,
    flag: index % 3 === 0 ? null : index % 2 === 0,
    ratio: index % 5 === 0 ? null : (index - 7) / 3,
    data: index % 6 === 0 ? null : { list: [index, -index, 0.5], text: texts[index % texts.length]! },
    picked: index % 2 === 0 ? ('a' as const) : ('b' as const),
  };
}

const sqliteRows = Array.from({ length: ROWS }, (_, index) => ({
  ...awkward(index),
  at: index % 4 === 1 ? null : new Date(Date.UTC(2026, 0, 1 + index, 12, 30, 15)),
  atMs: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, index * 37)),
  amount: index % 3 === 0 ? null : `${index}.25`,
  amountNumber: index * 1.5,
  // libsql reads integers as JavaScript numbers, and refuses one past 2^53 whichever way it was written.
  big: BigInt(Number.MAX_SAFE_INTEGER) - BigInt(index),
}));

const mysqlRows = Array.from({ length: ROWS }, (_, index) => ({
  ...awkward(index),
  at: index % 4 === 1 ? null : new Date(Date.UTC(2026, 0, 1 + index, 12, 30, 15, index)),
  atText: `2026-02-${String(1 + index).padStart(2, '0')} 08:15:00`,
  stamp: new Date(Date.UTC(2026, 5, 1, 0, 0, index, 250)),
  amount: index % 3 === 0 ? null : `${index}.25`,
  // mysql2 reads integers as JavaScript numbers unless told otherwise, whichever way they were written.
  big: BigInt(Number.MAX_SAFE_INTEGER) - BigInt(index),
}));

const logged = (log: StatementLog, mark: number) =>
  log.insertsSince(mark).map((statement) => statement.sql.toLowerCase());

describe.each([
  {
    name: 'libsql',
    open: async () => {
      const client = createClient({ url: ':memory:' });
      await client.execute(SQLITE_MODES_SQL);
      const log = new StatementLog();
      const db = drizzleLibsql({ client, casing: 'snake_case', logger: log });
      return {
        log,
        db,
        viaValues: (rows: (typeof sqliteModes.$inferInsert)[]) =>
          db.insert(sqliteModes).values(rows).returning(),
        reset: async () => {
          await client.batch(['delete from modes', 'delete from sqlite_sequence']);
        },
        close: async () => client.close(),
      };
    },
  },
  {
    name: 'better-sqlite3',
    open: async () => {
      const client = new Database(':memory:');
      client.exec(SQLITE_MODES_SQL);
      const log = new StatementLog();
      const db = drizzleBetterSqlite3({ client, casing: 'snake_case', logger: log });
      return {
        log,
        db,
        viaValues: async (rows: (typeof sqliteModes.$inferInsert)[]) =>
          db.insert(sqliteModes).values(rows).returning().all(),
        reset: async () => {
          client.exec('delete from modes; delete from sqlite_sequence');
        },
        close: async () => {
          client.close();
        },
      };
    },
  },
])('json_each on $name', ({ open }) => {
  let target: Awaited<ReturnType<typeof open>>;
  let modes: ReturnType<typeof createModelFactory<typeof sqliteModes>>;
  beforeAll(async () => {
    target = await open();
    modes = createModelFactory(target.db, 'modes', sqliteModes);
  });
  afterAll(async () => {
    await target.close();
  });

  it('returns every column mode as drizzle`s .values() does, in one json_each statement', async () => {
    await target.reset();
    const expected = await target.viaValues(sqliteRows);
    await target.reset();
    const mark = target.log.statements.length;
    const stored = await modes.insert(sqliteRows);
    const inserts = logged(target.log, mark);
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toContain('json_each(');
    expect(target.log.statements.at(-1)!.parameters).toBe(1);
    expect(stored).toEqual(expected);
    expect(await modes.select([], { orderBy: asc(sqliteModes.id) })).toEqual(expected);
    // Spot checks that the comparison is not between two equal mistakes.
    expect(stored[2]).toMatchObject({ label: 'emoji 😀 and 中文 #2', token: 'generated', withDefault: 7 });
    expect(stored[2]!.touched).toEqual(ON_UPDATE);
    expect(stored[3]!.big).toBe(BigInt(Number.MAX_SAFE_INTEGER) - 3n);
    expect(stored[1]!.data).toEqual({ list: [1, -1, 0.5], text: 'naïve café' });
  });

  it('gives left-out columns their defaults, one statement per shape', async () => {
    await target.reset();
    const rows = [
      ...Array.from({ length: MIN_BULK_RUN }, (_, index) => ({ label: `left out ${index}` })),
      ...Array.from({ length: MIN_BULK_RUN }, (_, index) => ({
        label: `given ${index}`,
        withDefault: index,
        dbDefault: `given ${index}`,
      })),
    ];
    const mark = target.log.statements.length;
    const stored = await modes.insert(rows);
    expect(logged(target.log, mark)).toHaveLength(2);
    expect(logged(target.log, mark).every((statement) => statement.includes('json_each('))).toBe(true);
    expect(stored[0]).toMatchObject({ label: 'left out 0', withDefault: 7, dbDefault: 'from the database' });
    expect(stored[MIN_BULK_RUN + 3]).toMatchObject({ withDefault: 3, dbDefault: 'given 3' });
    expect(stored.map((row) => row.label)).toEqual(rows.map((row) => row.label));
  });

  it('falls back to .values() for a blob, which JSON cannot carry, with the same result', async () => {
    await target.reset();
    const rows = sqliteRows.map((row, index) => ({ ...row, bytes: Buffer.from([0, index, 255]) }));
    const expected = await target.viaValues(rows);
    await target.reset();
    const mark = target.log.statements.length;
    const stored = await modes.insert(rows);
    const inserts = logged(target.log, mark);
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).not.toContain('json_each');
    expect(inserts[0]).toContain(' values ');
    expect(stored).toEqual(expected);
    expect(stored[5]!.bytes).toEqual(Buffer.from([0, 5, 255]));
  });

  it('upserts through json_each: conflicting rows take the incoming values, in input order', async () => {
    await target.reset();
    const first = await modes.insert(sqliteRows);
    const changed = [...first].reverse().map((row) => ({ ...row, label: `changed ${row.id}` }));
    const mark = target.log.statements.length;
    const stored = await modes.upsert(changed, { target: sqliteModes.id });
    expect(logged(target.log, mark)[0]).toContain('json_each(');
    expect(stored.map((row) => row.id)).toEqual(changed.map((row) => row.id));
    expect(stored.map((row) => row.label)).toEqual(changed.map((row) => `changed ${row.id}`));
    expect(await modes.count()).toBe(ROWS);
  });
});

describe('JSON_TABLE on mysql2 (MariaDB)', () => {
  let server: MariaDB;
  let connection: Awaited<ReturnType<MariaDB['connect']>>;
  let db: MySql2Database;
  let modes: ReturnType<typeof createModelFactory<typeof mysqlModes>>;
  const log = new StatementLog();
  const reset = () => connection.query('truncate table modes');
  /** drizzle's own way to have rows back on MySQL: `$returningId()`, then a select of those ids. */
  const viaValues = async (rows: (typeof mysqlModes.$inferInsert)[]) => {
    const ids = (await db.insert(mysqlModes).values(rows).$returningId()).map(({ id }) => id);
    const found = await db.select().from(mysqlModes).orderBy(asc(mysqlModes.id));
    expect(found.map((row) => row.id)).toEqual(ids);
    return found;
  };

  beforeAll(async () => {
    server = await useMariaDB();
    connection = await server.connect();
    await connection.query(MYSQL_MODES_SQL);
    db = drizzleMysql({ client: connection, casing: 'snake_case', logger: log, mode: 'default' });
    modes = createModelFactory(db, 'modes', mysqlModes);
  });
  afterAll(async () => {
    await connection?.end();
    await server?.release();
  });

  it('knows which servers have JSON_TABLE', () => {
    expect(hasJsonTable('10.11.6-MariaDB-0+deb12u1')).toBe(true);
    expect(hasJsonTable('10.5.23-MariaDB')).toBe(false);
    expect(hasJsonTable('8.0.36')).toBe(true);
    expect(hasJsonTable('8.0.3-rc')).toBe(false);
    expect(hasJsonTable('5.7.44-log')).toBe(false);
    expect(hasJsonTable('not a version')).toBe(false);
  });

  it('returns every column mode as drizzle`s .values() does, in one JSON_TABLE statement', async () => {
    await reset();
    const expected = await viaValues(mysqlRows);
    await reset();
    const mark = log.statements.length;
    const stored = await modes.insert(mysqlRows);
    const inserts = logged(log, mark);
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toContain('json_table(');
    expect(stored).toEqual(expected);
    expect(stored[2]).toMatchObject({ label: 'emoji 😀 and 中文 #2', token: 'generated', withDefault: 7 });
    expect(stored[3]!.big).toBe(BigInt(Number.MAX_SAFE_INTEGER) - 3n);
    expect(stored[4]!.amount).toBe('4.25');
    expect(stored[1]!.data).toEqual({ list: [1, -1, 0.5], text: 'naïve café' });
  });

  it('refuses what VALUES refuses instead of truncating: a too-long string', async () => {
    await reset();
    const rows = mysqlRows.map((row, index) => (index === 9 ? { ...row, label: 'x'.repeat(65) } : row));
    await expect(modes.insert(rows)).rejects.toThrow();
    expect(await modes.count()).toBe(0);
  });

  it('gives left-out columns the database default, one statement per shape', async () => {
    await reset();
    const rows = [
      ...Array.from({ length: MIN_BULK_RUN }, (_, index) => ({ label: `left out ${index}` })),
      ...Array.from({ length: MIN_BULK_RUN }, (_, index) => ({
        label: `given ${index}`,
        withDefault: index,
      })),
    ];
    const mark = log.statements.length;
    const stored = await modes.insert(rows);
    expect(logged(log, mark)).toHaveLength(2);
    expect(logged(log, mark).every((statement) => statement.includes('json_table('))).toBe(true);
    expect(stored[0]).toMatchObject({ label: 'left out 0', withDefault: 7 });
    expect(stored[MIN_BULK_RUN + 3]).toMatchObject({ label: 'given 3', withDefault: 3 });
    // Ids ascend in input order (a bulk INSERT … SELECT may reserve more ids than it uses, so not 1 to 32).
    const ids = stored.map((row) => row.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(rows.length);
  });

  it('falls back to .values() for a Date of a date column, which mysql2 formats itself', async () => {
    await reset();
    const rows = mysqlRows.map((row, index) => ({ ...row, day: new Date(2026, 2, 1 + index) }));
    const expected = await viaValues(rows);
    await reset();
    const mark = log.statements.length;
    const stored = await modes.insert(rows);
    const inserts = logged(log, mark);
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).not.toContain('json_table');
    expect(inserts[0]).toContain(' values ');
    expect(stored).toEqual(expected);
  });

  it('upserts through JSON_TABLE: conflicting rows take the incoming values, in input order', async () => {
    await reset();
    const first = await modes.insert(mysqlRows);
    const changed = [...first].reverse().map((row) => ({ ...row, label: `changed ${row.id}` }));
    const mark = log.statements.length;
    const stored = await modes.upsert(changed, { target: mysqlModes.id });
    expect(logged(log, mark)[0]).toContain('json_table(');
    expect(stored.map((row) => row.id)).toEqual(changed.map((row) => row.id));
    expect(stored.map((row) => row.label)).toEqual(changed.map((row) => `changed ${row.id}`));
    expect(await modes.count()).toBe(ROWS);
  });
});

// A bad row in the second of two full JSON statements: the first statement's rows must not stay.
describe.each(harnesses.filter(({ name }) => /libsql \(memory\)|better-sqlite3|mysql2/.test(name)))(
  'JSON statements all or nothing on $name',
  ({ open }) => {
    let h: AnyHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h.close();
    });

    it('leaves no row behind when a row of the second JSON statement breaks NOT NULL', async () => {
      await h.reset();
      const late: { value: string | null }[] = Array.from({ length: MIN_BULK_RUN + 4 }, (_, index) => ({
        value: `late ${index}`,
      }));
      late[MIN_BULK_RUN] = { value: null };
      const rows = [...singlesFillingOneStatement(h), ...late];
      const mark = h.log.statements.length;
      await expect(h.singles.insert(rows as { value: string }[])).rejects.toThrow();
      const inserts = logged(h.log, mark);
      expect(inserts).toHaveLength(2);
      expect(inserts.every((statement) => /json_each\(|json_table\(/.test(statement))).toBe(true);
      expect(await h.singles.count()).toBe(0);
    });

    it('inserts many rows in input order', async () => {
      await h.reset();
      const rows = Array.from({ length: 500 }, (_, index) => ({ value: `row ${499 - index}` }));
      const stored = await h.singles.insert(rows);
      expect(stored.map((row) => row.value)).toEqual(rows.map((row) => row.value));
    });
  },
);
