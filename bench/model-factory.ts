/**
 * What one `insert(rows)` call of the model factory buys over a loop of single-row inserts: N rows
 * (100,000 by default) into a 6-column table, four ways, on two drivers: PGlite in process (no round trip
 * at all, so the loop is as cheap as it can be) and node-postgres over TCP on 127.0.0.1 to a PGlite that
 * pglite-socket serves (a round trip per statement, as with any Postgres server).
 *
 * - factory: one `insert(rows)` call (chunked under the bind-parameter limit, one transaction)
 * - loop: `insert([row])` once per row, as code without a many-rows API ends up doing; measured on a
 *   sample (5,000 rows by default) and reported as rows/s, the yardstick of the ratios
 * - raw drizzle, one statement: `db.insert(table).values(rows).returning()`; past 65,535 parameters it
 *   fails, and the table says so
 * - raw drizzle, chunked by hand: the same chunks as the factory in one `db.transaction`, for comparison
 *
 * Every way returns the stored rows (`returning()`), and every run starts from an empty table. The
 * factory and the hand-chunked runs alternate `--repeat` times and report their medians, so load on the
 * machine hits them alike.
 *
 *   npm run bench:model-factory [-- --rows 100000 --loop-sample 5000 --repeat 3]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { count } from 'drizzle-orm';
import { boolean, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { createModelFactory, POSTGRES_BIND_PARAMETER_LIMIT } from '../model-factory/index.js';

const people = pgTable('people', {
  id: serial().primaryKey(),
  name: text().notNull(),
  email: text().notNull(),
  age: integer().notNull(),
  active: boolean().notNull(),
  joinedAt: timestamp().notNull(),
});
const COLUMNS = 6;

interface Options {
  rows: number;
  loopSample: number;
  repeat: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      'loop-sample': { type: 'string', default: '5000' },
      repeat: { type: 'string', default: '3' },
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
  return {
    rows,
    loopSample: Math.min(rows, positive('loop-sample', values['loop-sample'])),
    repeat: positive('repeat', values.repeat),
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

/** Any drizzle Postgres database the bench runs on, with a way to run plain SQL and to close it. */
interface Target {
  label: string;
  db: PgDatabase<PgQueryResultHKT>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
}

const CREATE_TABLE = `create table people (
  id serial primary key, name text not null, email text not null, age integer not null,
  active boolean not null, joined_at timestamp not null)`;

async function inProcess(): Promise<Target> {
  const client = await PGlite.create();
  return {
    label: 'PGlite in process (drizzle-orm/pglite)',
    db: drizzle(client, { casing: 'snake_case' }),
    exec: (sql) => client.exec(sql),
    close: () => client.close(),
  };
}

/** node-postgres over TCP on 127.0.0.1 to a PGlite that pglite-socket serves: a round trip per statement. */
async function overTcp(): Promise<Target> {
  const pglite = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 });
  await server.start();
  const client = new pg.Client({
    connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
  });
  await client.connect();
  return {
    label: 'node-postgres over TCP to PGlite on 127.0.0.1 (pglite-socket)',
    db: drizzleNodePostgres(client, { casing: 'snake_case' }),
    exec: (sql) => client.query(sql),
    async close() {
      await client.end();
      await server.stop();
      await pglite.close();
    },
  };
}

interface Measured {
  factorySeconds: number;
  handChunkedSeconds: number;
  loopSeconds: number;
  oneStatement: { seconds: number } | { error: string };
}

async function measure(
  target: Target,
  options: Options,
  rows: ReturnType<typeof makeRows>,
): Promise<Measured> {
  const { db } = target;
  await target.exec(CREATE_TABLE);
  const model = createModelFactory(db, 'people', people);
  const chunkSize = Math.floor(POSTGRES_BIND_PARAMETER_LIMIT / COLUMNS);

  const reset = () => target.exec('truncate people restart identity');
  const stored = async () => (await db.select({ value: count() }).from(people))[0]?.value ?? 0;
  const expectStored = async (method: string, expected: number) => {
    const actual = await stored();
    if (actual !== expected) throw new Error(`${method}: stored ${actual} rows, expected ${expected}`);
  };

  // Warm up the database and drizzle's code paths, so the first measured run is not charged for it.
  await model.insert(rows.slice(0, 1_000));
  await reset();

  const factoryRuns: number[] = [];
  const handChunkedRuns: number[] = [];
  for (let run = 0; run < options.repeat; run++) {
    factoryRuns.push(await seconds(() => model.insert(rows)));
    await expectStored('factory', options.rows);
    await reset();
    handChunkedRuns.push(
      await seconds(() =>
        db.transaction(async (tx) => {
          for (let start = 0; start < rows.length; start += chunkSize) {
            await tx
              .insert(people)
              .values(rows.slice(start, start + chunkSize))
              .returning();
          }
        }),
      ),
    );
    await expectStored('raw drizzle, chunked by hand', options.rows);
    await reset();
  }

  const sample = rows.slice(0, options.loopSample);
  const loopSeconds = await seconds(async () => {
    for (const row of sample) await model.insert([row]);
  });
  await expectStored('loop', sample.length);
  await reset();

  let oneStatement: Measured['oneStatement'];
  try {
    oneStatement = { seconds: await seconds(() => db.insert(people).values(rows).returning()) };
    await expectStored('raw drizzle, one statement', options.rows);
  } catch (error) {
    oneStatement = { error: reason(error) };
  }
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
  const chunkSize = Math.floor(POSTGRES_BIND_PARAMETER_LIMIT / COLUMNS);
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
    line(
      'loop of `insert([row])` (sample, extrapolated)',
      `${format(sample)} (sample)`,
      measured.loopSeconds,
      loopRate,
    ),
    'seconds' in oneStatement
      ? line('raw drizzle, one statement', all, oneStatement.seconds, options.rows / oneStatement.seconds)
      : line('raw drizzle, one statement', all, undefined, undefined),
    line(
      `raw drizzle, chunked by hand (${format(chunkSize)} rows a statement)`,
      all,
      measured.handChunkedSeconds,
      options.rows / measured.handChunkedSeconds,
    ),
    '',
    `The loop would take about ${format(options.rows / loopRate, 0)} s for all ${all} rows.`,
  ];
  if ('error' in oneStatement) {
    lines.push(
      `Raw drizzle in one statement binds ${format(options.rows * (COLUMNS - 1))} parameters, past the protocol's 65,535; it failed: "${oneStatement.error}"`,
    );
  }
  lines.push(
    `DESIGN target: factory at least 20x the loop; measured ${format(options.rows / measured.factorySeconds / loopRate, 1)}x.`,
    '',
  );
  return lines;
}

async function main() {
  const options = readOptions();
  const rows = makeRows(options.rows);
  const [load1] = loadavg();
  const out = [
    `model-factory bench: ${format(options.rows)} rows into a ${COLUMNS}-column table, Node ${process.version}, ` +
      `load average ${load1!.toFixed(1)}; medians of ${options.repeat} run(s)`,
    '',
  ];
  for (const open of [inProcess, overTcp]) {
    const target = await open();
    try {
      out.push(...report(target, options, await measure(target, options, rows)));
    } finally {
      await target.close();
    }
  }
  console.log(out.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
