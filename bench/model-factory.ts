/**
 * What one `insert(rows)` call of the model factory buys: N rows (100,000 by default) into a 6-column
 * table, per driver, three ways (plus drizzle's one-statement insert, which fails past the bind limit):
 *
 * - factory: one `insert(rows)` call (Postgres: unnest arrays; SQLite: json_each; MySQL: JSON_TABLE; one transaction)
 * - loop: `insert([row])` once per row, as code without a many-rows API ends up doing; measured on a
 *   sample (5,000 rows by default) and reported as rows/s
 * - raw drizzle, chunked by hand: `db.insert(table).values(chunk).returning()` per chunk of as many rows
 *   as the bind-parameter limit allows, in one `db.transaction`: the best drizzle does on its own
 *   (better-sqlite3: `.returning().all()` in its synchronous transaction; MySQL, which has no RETURNING:
 *   `$returningId()` and a select of those ids per chunk)
 *
 * Every way returns the stored rows, and every run starts from an empty table. The
 * factory and the hand-chunked runs alternate `--repeat` times and report their medians, so load on the
 * machine hits them alike. Drivers: PGlite in process; node-postgres and postgres-js over TCP to a
 * throwaway PostgreSQL cluster when the machine has Debian's server package (else to a PGlite served by
 * pglite-socket); libsql in memory; better-sqlite3 on a file in a temporary folder and in memory; mysql2
 * over TCP to a throwaway MariaDB server (tests/support/mariadb.ts, when mariadbd is installed). A driver is
 * one entry of `DRIVERS`.
 *
 *   npm run bench:model-factory [-- --rows 100000 --loop-sample 5000 --repeat 3 --driver pglite]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { createClient } from '@libsql/client';
import Database from 'better-sqlite3';
import { count, inArray } from 'drizzle-orm';
import { drizzle as drizzleBetterSqlite3, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import {
  boolean as mysqlBoolean,
  datetime as mysqlDatetime,
  int as mysqlInt,
  mysqlTable,
  text as mysqlText,
} from 'drizzle-orm/mysql-core';
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import {
  boolean,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  type PgDatabase,
  type PgQueryResultHKT,
} from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgresJs } from 'drizzle-orm/postgres-js';
import {
  integer as sqliteInteger,
  sqliteTable,
  text as sqliteText,
  type BaseSQLiteDatabase,
} from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import postgres from 'postgres';
import {
  createModelFactory,
  MYSQL_BIND_PARAMETER_LIMIT,
  POSTGRES_BIND_PARAMETER_LIMIT,
  SQLITE_BIND_PARAMETER_LIMIT,
} from '../model-factory/index.js';
import {
  openTcpDatabase,
  postgresBinDir,
  startPostgresCluster,
  stopPostgresCluster,
  type PostgresCluster,
  type TcpDatabase,
} from '../tests/support/postgres-server.js';
import { useMariaDB, type MariaDB } from '../tests/support/mariadb.js';

const COLUMNS = 6;
const pgPeople = pgTable('people', {
  id: serial().primaryKey(),
  name: text().notNull(),
  email: text().notNull(),
  age: integer().notNull(),
  active: boolean().notNull(),
  joinedAt: timestamp().notNull(),
});
const PG_CREATE_TABLE = `create table people (
  id serial primary key, name text not null, email text not null, age integer not null,
  active boolean not null, joined_at timestamp not null)`;

const sqlitePeople = sqliteTable('people', {
  id: sqliteInteger().primaryKey({ autoIncrement: true }),
  name: sqliteText().notNull(),
  email: sqliteText().notNull(),
  age: sqliteInteger().notNull(),
  active: sqliteInteger({ mode: 'boolean' }).notNull(),
  joinedAt: sqliteInteger({ mode: 'timestamp' }).notNull(),
});
const SQLITE_CREATE_TABLE = `create table people (
  id integer primary key autoincrement, name text not null, email text not null, age integer not null,
  active integer not null, joined_at integer not null)`;

const mysqlPeople = mysqlTable('people', {
  id: mysqlInt().primaryKey().autoincrement(),
  name: mysqlText().notNull(),
  email: mysqlText().notNull(),
  age: mysqlInt().notNull(),
  active: mysqlBoolean().notNull(),
  joinedAt: mysqlDatetime().notNull(),
});
const MYSQL_CREATE_TABLE = `create table people (
  id int primary key auto_increment, name text not null, email text not null, age int not null,
  active boolean not null, joined_at datetime not null)`;

type Person = ReturnType<typeof makeRows>[number];

interface Options {
  rows: number;
  loopSample: number;
  repeat: number;
  driver: string | undefined;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      'loop-sample': { type: 'string', default: '5000' },
      repeat: { type: 'string', default: '3' },
      driver: { type: 'string' },
    },
  });
  const positive = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`--${name} must be a positive integer, got ${text}`);
    }
    return value;
  };
  const rows = positive('rows', values.rows);
  if (values.driver !== undefined && !DRIVERS.some(({ name }) => name === values.driver)) {
    throw new Error(`--driver must be one of ${DRIVERS.map(({ name }) => name).join(', ')}`);
  }
  return {
    rows,
    loopSample: Math.min(rows, positive('loop-sample', values['loop-sample'])),
    repeat: positive('repeat', values.repeat),
    driver: values.driver,
  };
}

function makeRows(total: number) {
  const joinedAt = new Date('2026-01-01T00:00:00Z');
  return Array.from({ length: total }, (_, index) => ({
    name: `Person ${index}`,
    email: `person${index}@example.com`,
    age: 18 + (index % 70),
    active: index % 3 !== 0,
    joinedAt,
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

/** The first line of what the database said, without drizzle's echo of a 100,000-row statement. */
function reason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.split('\n')[0]!.slice(0, 120);
}

/** One driver, opened on an empty `people` table, and the ways the bench writes to it. */
interface Target {
  /** What it runs on, e.g. `node-postgres over TCP to PostgreSQL 15.18`. */
  label: string;
  /** Rows a statement of raw drizzle can carry under the bind-parameter limit. */
  chunkSize: number;
  factoryInsert(rows: Person[]): Promise<unknown>;
  rawInsert(rows: Person[]): Promise<unknown>;
  /** `rawInsert` per chunk, in one transaction: drizzle's `.values()` chunked by hand. */
  rawChunked(rows: Person[]): Promise<unknown>;
  count(): Promise<number>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A Target over any drizzle Postgres database; `exec` runs plain SQL. */
async function postgresTarget(
  label: string,
  db: PgDatabase<PgQueryResultHKT>,
  exec: (sql: string) => Promise<unknown>,
  close: () => Promise<void>,
): Promise<Target> {
  await exec(PG_CREATE_TABLE);
  const model = createModelFactory(db, 'people', pgPeople);
  const chunkSize = Math.floor(POSTGRES_BIND_PARAMETER_LIMIT / COLUMNS);
  return {
    label,
    chunkSize,
    factoryInsert: (rows) => model.insert(rows),
    rawInsert: (rows) => db.insert(pgPeople).values(rows).returning(),
    rawChunked: (rows) =>
      db.transaction(async (tx) => {
        for (let start = 0; start < rows.length; start += chunkSize) {
          await tx
            .insert(pgPeople)
            .values(rows.slice(start, start + chunkSize))
            .returning();
        }
      }),
    count: async () => (await db.select({ value: count() }).from(pgPeople))[0]?.value ?? 0,
    reset: async () => {
      await exec('truncate people restart identity');
    },
    close,
  };
}

/** A Target over an asynchronous drizzle SQLite database. */
async function sqliteTarget(
  label: string,
  db: BaseSQLiteDatabase<'async', unknown>,
  exec: (sql: string) => Promise<unknown>,
  close: () => Promise<void>,
): Promise<Target> {
  await exec(SQLITE_CREATE_TABLE);
  const model = createModelFactory(db, 'people', sqlitePeople);
  const chunkSize = Math.floor(SQLITE_BIND_PARAMETER_LIMIT / COLUMNS);
  return {
    label,
    chunkSize,
    factoryInsert: (rows) => model.insert(rows),
    rawInsert: (rows) => db.insert(sqlitePeople).values(rows).returning(),
    rawChunked: (rows) =>
      db.transaction(async (tx) => {
        for (let start = 0; start < rows.length; start += chunkSize) {
          await tx
            .insert(sqlitePeople)
            .values(rows.slice(start, start + chunkSize))
            .returning();
        }
      }),
    count: async () => (await db.select({ value: count() }).from(sqlitePeople))[0]?.value ?? 0,
    reset: async () => {
      await exec('delete from people');
      await exec(`delete from sqlite_sequence where name = 'people'`);
    },
    close,
  };
}

/** A Target over better-sqlite3, whose drizzle database runs statements synchronously. */
function betterSqlite3Target(label: string, client: Database.Database, close: () => Promise<void>): Target {
  client.exec(SQLITE_CREATE_TABLE);
  const db: BetterSQLite3Database = drizzleBetterSqlite3({ client, casing: 'snake_case' });
  const model = createModelFactory(db, 'people', sqlitePeople);
  const chunkSize = Math.floor(SQLITE_BIND_PARAMETER_LIMIT / COLUMNS);
  return {
    label,
    chunkSize,
    factoryInsert: (rows) => model.insert(rows),
    rawInsert: async (rows) => db.insert(sqlitePeople).values(rows).returning().all(),
    // drizzle's better-sqlite3 transaction takes a synchronous callback: the best it offers for many rows.
    rawChunked: async (rows) =>
      db.transaction((tx) => {
        const stored = [];
        for (let start = 0; start < rows.length; start += chunkSize) {
          stored.push(
            ...tx
              .insert(sqlitePeople)
              .values(rows.slice(start, start + chunkSize))
              .returning()
              .all(),
          );
        }
        return stored;
      }),
    count: async () => db.select({ value: count() }).from(sqlitePeople).all()[0]?.value ?? 0,
    reset: async () => {
      client.exec(`delete from people; delete from sqlite_sequence where name = 'people'`);
    },
    close,
  };
}

/** A Target over mysql2 to a database of its own on a throwaway MariaDB server. */
async function mysqlTarget(server: MariaDB): Promise<Target> {
  const client = await server.connect();
  const [[version]] = (await client.query('select version() as version')) as unknown as [
    { version: string }[],
  ];
  await client.query(MYSQL_CREATE_TABLE);
  const db = drizzleMysql({ client, casing: 'snake_case', mode: 'default' });
  const model = createModelFactory(db, 'people', mysqlPeople);
  const chunkSize = Math.floor(MYSQL_BIND_PARAMETER_LIMIT / COLUMNS);
  /** drizzle's way to have rows back on MySQL: the ids `$returningId()` reports, then a select of them. */
  const insertReturning = async (on: Pick<typeof db, 'insert' | 'select'>, rows: Person[]) => {
    const ids = (await on.insert(mysqlPeople).values(rows).$returningId()).map(({ id }) => id);
    return on.select().from(mysqlPeople).where(inArray(mysqlPeople.id, ids));
  };
  return {
    label: `mysql2 over TCP to MariaDB ${version!.version.split('-')[0]} on 127.0.0.1`,
    chunkSize,
    factoryInsert: (rows) => model.insert(rows),
    rawInsert: (rows) => db.transaction((tx) => insertReturning(tx, rows)),
    rawChunked: (rows) =>
      db.transaction(async (tx) => {
        const stored = [];
        for (let start = 0; start < rows.length; start += chunkSize) {
          stored.push(...(await insertReturning(tx, rows.slice(start, start + chunkSize))));
        }
        return stored;
      }),
    count: async () => (await db.select({ value: count() }).from(mysqlPeople))[0]?.value ?? 0,
    reset: async () => {
      await client.query('truncate table people');
    },
    close: async () => {
      await client.end();
      await server.release();
    },
  };
}

let cluster: Promise<PostgresCluster | undefined> | undefined;

/** A fresh database over TCP: on a PostgreSQL cluster started once from the machine's server package, else on PGlite. */
async function tcpDatabase(): Promise<TcpDatabase> {
  const bin = postgresBinDir();
  cluster ??= bin === undefined ? Promise.resolve(undefined) : startPostgresCluster(bin);
  return openTcpDatabase(await cluster, []);
}

/** The drivers the bench runs on, in order; adding one is an entry that opens a Target. */
const DRIVERS: { name: string; open(): Promise<Target> }[] = [
  {
    name: 'pglite',
    open: async () => {
      const client = await PGlite.create();
      return postgresTarget(
        'PGlite in process (drizzle-orm/pglite)',
        drizzlePglite(client, { casing: 'snake_case' }),
        (sql) => client.exec(sql),
        () => client.close(),
      );
    },
  },
  {
    name: 'node-postgres',
    open: async () => {
      const server = await tcpDatabase();
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      return postgresTarget(
        `node-postgres over TCP to ${server.server} on 127.0.0.1`,
        drizzleNodePostgres(client, { casing: 'snake_case' }),
        (sql) => client.query(sql),
        async () => {
          await client.end();
          await server.close();
        },
      );
    },
  },
  {
    name: 'postgres-js',
    open: async () => {
      const server = await tcpDatabase();
      // pglite-socket cannot serve postgres-js's type lookup (see tests/model-factory/postgres-drivers.ts).
      const client = postgres(server.url, {
        onnotice: () => {},
        max: 1,
        fetch_types: !server.server.startsWith('PGlite'),
      });
      return postgresTarget(
        `postgres-js over TCP to ${server.server} on 127.0.0.1`,
        drizzlePostgresJs(client, { casing: 'snake_case' }),
        (sql) => client.unsafe(sql),
        async () => {
          await client.end();
          await server.close();
        },
      );
    },
  },
  {
    name: 'libsql',
    open: async () => {
      const client = createClient({ url: ':memory:' });
      return sqliteTarget(
        'libsql in memory (drizzle-orm/libsql)',
        drizzleLibsql(client, { casing: 'snake_case' }),
        (sql) => client.execute(sql),
        async () => client.close(),
      );
    },
  },
  {
    name: 'better-sqlite3',
    open: async () => {
      const folder = await mkdtemp(join(tmpdir(), 'many-first-bench-'));
      const client = new Database(join(folder, 'bench.db'));
      return betterSqlite3Target(
        'better-sqlite3 on a file (drizzle-orm/better-sqlite3)',
        client,
        async () => {
          client.close();
          await rm(folder, { recursive: true, force: true });
        },
      );
    },
  },
  {
    name: 'better-sqlite3-memory',
    open: async () => {
      const client = new Database(':memory:');
      return betterSqlite3Target(
        'better-sqlite3 in memory (drizzle-orm/better-sqlite3)',
        client,
        async () => {
          client.close();
        },
      );
    },
  },
  {
    name: 'mysql2',
    open: async () => {
      const server = await useMariaDB();
      try {
        return await mysqlTarget(server);
      } catch (error) {
        await server.release();
        throw error;
      }
    },
  },
];

interface Measured {
  factorySeconds: number;
  handChunkedSeconds: number;
  loopSeconds: number;
  oneStatement: { seconds: number } | { error: string };
}

async function measure(target: Target, options: Options, rows: Person[]): Promise<Measured> {
  const expectStored = async (method: string, expected: number) => {
    const actual = await target.count();
    if (actual !== expected) throw new Error(`${method}: stored ${actual} rows, expected ${expected}`);
  };

  // Warm up the database and drizzle's code paths on full-sized chunks, so the first measured run is not
  // charged for compiling them: after a 1,000-row warm-up, the first full run still took up to twice as
  // long on better-sqlite3, and it was always the factory's.
  const warmUp = rows.slice(0, Math.min(rows.length, 2 * target.chunkSize));
  for (const write of [target.factoryInsert, target.rawChunked]) {
    await write(warmUp);
    await target.reset();
  }

  const factoryRuns: number[] = [];
  const handChunkedRuns: number[] = [];
  const runFactory = async () => {
    factoryRuns.push(await seconds(() => target.factoryInsert(rows)));
    await expectStored('factory', options.rows);
    await target.reset();
  };
  const runHandChunked = async () => {
    handChunkedRuns.push(await seconds(() => target.rawChunked(rows)));
    await expectStored('raw drizzle, chunked by hand', options.rows);
    await target.reset();
  };
  // Alternate which goes first, so neither is always the one that meets a cold cache or a GC debt.
  for (let run = 0; run < options.repeat; run++) {
    for (const way of run % 2 === 0 ? [runFactory, runHandChunked] : [runHandChunked, runFactory])
      await way();
  }

  const sample = rows.slice(0, options.loopSample);
  const loopSeconds = await seconds(async () => {
    for (const row of sample) await target.factoryInsert([row]);
  });
  await expectStored('loop', sample.length);
  await target.reset();

  let oneStatement: Measured['oneStatement'];
  try {
    oneStatement = { seconds: await seconds(() => target.rawInsert(rows)) };
    await expectStored('raw drizzle, one statement', options.rows);
  } catch (error) {
    oneStatement = { error: reason(error) };
  }
  await target.reset();
  return {
    factorySeconds: median(factoryRuns),
    handChunkedSeconds: median(handChunkedRuns),
    loopSeconds,
    oneStatement,
  };
}

const format = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function report(target: Target, options: Options, measured: Measured): string[] {
  const sample = options.loopSample;
  const loopRate = sample / measured.loopSeconds;
  const line = (method: string, rowCount: string, secs: number | undefined, rate: number | undefined) =>
    `| ${method} | ${rowCount} | ${secs === undefined ? '—' : format(secs, 2)} | ${
      rate === undefined ? 'fails' : format(rate)
    } | ${rate === undefined ? '—' : `${format(rate / loopRate, 1)}x`} |`;
  const all = format(options.rows);
  const { oneStatement } = measured;
  const lines = [
    `### ${target.label}`,
    '',
    '| method | rows | seconds | rows/s | ratio to the loop |',
    '| --- | ---: | ---: | ---: | ---: |',
    line(
      'factory `insert(rows)`, one call',
      all,
      measured.factorySeconds,
      options.rows / measured.factorySeconds,
    ),
    line('loop of `insert([row])` (sample)', `${format(sample)} (sample)`, measured.loopSeconds, loopRate),
    'seconds' in oneStatement
      ? line('raw drizzle, one statement', all, oneStatement.seconds, options.rows / oneStatement.seconds)
      : line('raw drizzle, one statement', all, undefined, undefined),
    line(
      `raw drizzle, chunked by hand (${format(target.chunkSize)} rows a statement)`,
      all,
      measured.handChunkedSeconds,
      options.rows / measured.handChunkedSeconds,
    ),
    '',
  ];
  if ('error' in oneStatement) {
    lines.push(`Raw drizzle in one statement failed: "${oneStatement.error}"`, '');
  }
  return lines;
}

/** One line per driver: the factory's rate and its ratios to the loop and to drizzle chunked by hand. */
function summaryRow(target: Target, options: Options, measured: Measured): string {
  const factory = options.rows / measured.factorySeconds;
  const loop = options.loopSample / measured.loopSeconds;
  const handChunked = options.rows / measured.handChunkedSeconds;
  return `| ${target.label} | ${format(factory)} | ${format(loop)} | ${format(handChunked)} | ${format(
    factory / loop,
    1,
  )}x | ${format(factory / handChunked, 2)}x |`;
}

async function main() {
  const options = readOptions();
  const rows = makeRows(options.rows);
  const [load1] = loadavg();
  const details: string[] = [];
  const summary = [
    '| driver | factory rows/s | loop rows/s | drizzle chunked by hand rows/s | factory / loop | factory / hand-chunked |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  try {
    for (const driver of DRIVERS.filter(
      ({ name }) => options.driver === undefined || name === options.driver,
    )) {
      const target = await driver.open();
      try {
        const measured = await measure(target, options, rows);
        details.push(...report(target, options, measured));
        summary.push(summaryRow(target, options, measured));
      } finally {
        await target.close();
      }
    }
  } finally {
    const started = await cluster?.catch(() => undefined);
    if (started !== undefined) stopPostgresCluster(started.dir);
  }
  console.log(
    [
      `model-factory bench: ${format(options.rows)} rows into a ${COLUMNS}-column table, Node ${process.version}, ` +
        `load average ${load1!.toFixed(1)} on ${availableParallelism()} cores; medians of ${options.repeat} run(s)`,
      '',
      ...summary,
      '',
      'Targets (DESIGN.md): on Postgres, factory at least 20x the loop and 3x drizzle chunked by hand; on every driver, never slower than drizzle chunked by hand.',
      '',
      ...details,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
