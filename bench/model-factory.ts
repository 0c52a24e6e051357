/**
 * What one `insert(rows)` call of the model factory buys over a loop of single-row inserts: N rows
 * (100,000 by default) into a 6-column table on PGlite, in process, four ways.
 *
 * - factory: one `insert(rows)` call (chunked under the bind-parameter limit, one transaction)
 * - loop: `insert([row])` once per row, as code without a many-rows API ends up doing; measured on a
 *   sample (5,000 rows by default) and reported as rows/s, the yardstick of the ratios
 * - raw drizzle, one statement: `db.insert(table).values(rows).returning()`; above 65,535 parameters
 *   Postgres refuses it, and the table says so
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
import { count } from 'drizzle-orm';
import { boolean, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
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

async function main() {
  const options = readOptions();
  const client = await PGlite.create();
  await client.exec(`create table people (
    id serial primary key, name text not null, email text not null, age integer not null,
    active boolean not null, joined_at timestamp not null)`);
  const db = drizzle(client, { casing: 'snake_case' });
  const model = createModelFactory(db, 'people', people);
  const rows = makeRows(options.rows);
  const chunkSize = Math.floor(POSTGRES_BIND_PARAMETER_LIMIT / COLUMNS);

  const reset = () => client.exec('truncate people restart identity');
  const stored = async () => (await db.select({ value: count() }).from(people))[0]?.value ?? 0;
  const expectStored = async (method: string, expected: number) => {
    const actual = await stored();
    if (actual !== expected) throw new Error(`${method}: stored ${actual} rows, expected ${expected}`);
  };

  // Warm up PGlite and drizzle's code paths, so the first measured run is not charged for it.
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

  let oneStatement: { seconds: number } | { error: string };
  try {
    oneStatement = { seconds: await seconds(() => db.insert(people).values(rows).returning()) };
    await expectStored('raw drizzle, one statement', options.rows);
  } catch (error) {
    oneStatement = { error: reason(error) };
  }
  await reset();
  await client.close();

  const loopRate = sample.length / loopSeconds;
  const format = (value: number, digits = 0) =>
    value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const line = (method: string, rowCount: string, secs: number | undefined, rate: number | undefined) =>
    `| ${method} | ${rowCount} | ${secs === undefined ? '—' : format(secs, 2)} | ${
      rate === undefined ? 'fails' : format(rate)
    } | ${rate === undefined ? '—' : `${format(rate / loopRate, 1)}x`} |`;

  const factorySeconds = median(factoryRuns);
  const handChunkedSeconds = median(handChunkedRuns);
  const [load1] = loadavg();
  console.log(
    `model-factory bench: ${format(options.rows)} rows into a ${COLUMNS}-column table on PGlite (in process), ` +
      `Node ${process.version}, load average ${load1!.toFixed(1)}; medians of ${options.repeat} run(s)\n`,
  );
  console.log('| method | rows | seconds | rows/s | ratio to the loop |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    line(
      'factory `insert(rows)`, one call',
      format(options.rows),
      factorySeconds,
      options.rows / factorySeconds,
    ),
  );
  console.log(
    line(
      `loop of \`insert([row])\` (sample, extrapolated)`,
      `${format(sample.length)} (sample)`,
      loopSeconds,
      loopRate,
    ),
  );
  if ('seconds' in oneStatement) {
    console.log(
      line(
        'raw drizzle, one statement',
        format(options.rows),
        oneStatement.seconds,
        options.rows / oneStatement.seconds,
      ),
    );
  } else {
    console.log(line('raw drizzle, one statement', format(options.rows), undefined, undefined));
  }
  console.log(
    line(
      `raw drizzle, chunked by hand (${format(chunkSize)} rows a statement)`,
      format(options.rows),
      handChunkedSeconds,
      options.rows / handChunkedSeconds,
    ),
  );
  console.log(
    `\nThe loop would take about ${format(options.rows / loopRate, 0)} s for all ${format(options.rows)} rows.`,
  );
  if ('error' in oneStatement) {
    console.log(
      `Raw drizzle in one statement binds ${format(options.rows * (COLUMNS - 1))} parameters, past the protocol's 65,535; it failed: "${oneStatement.error}"`,
    );
  }
  console.log(
    `DESIGN target: factory at least 20x the loop; measured ${format(options.rows / factorySeconds / loopRate, 1)}x.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
