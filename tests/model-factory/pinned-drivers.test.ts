// Drivers without interactive transactions (issue 16), beyond no-transactions.test.ts: a D1 transaction
// handle is refused as the database is, the refusal says how many rows fit one statement, and databases
// with transactions are never taken for one of them. The D1 binding answers every statement with no rows
// and records it; nothing leaves the process.
import { createClient } from '@libsql/client';
import Database from 'better-sqlite3';
import { drizzle as drizzleBetterSqlite3 } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import { sql } from 'drizzle-orm';
import { createModelFactory, SQLITE_BIND_PARAMETER_LIMIT } from 'many-first/model-factory';
import { describe, expect, it } from 'vitest';
import { driverWithoutTransactions } from '../../model-factory/drivers.js';
import { sqliteSingles, StatementLog } from './harness.js';

/**
 * Rows whose value is an SQL expression: that keeps a write on drizzle's .values() path, whose statements
 * fill up by bind parameters (SQLite's JSON path would send all of these rows as one parameter).
 */
const singles = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ value: sql`${`v${index}`}` as unknown as string }));

/** A D1 binding whose statements all succeed with no rows; `sent` lists their SQL. */
function recordingBinding(sent: string[]) {
  const result = { results: [], success: true, meta: {} };
  return {
    prepare: (query: string) => {
      const statement = {
        bind: () => statement,
        run: () => {
          sent.push(query);
          return Promise.resolve(result);
        },
        all: () => {
          sent.push(query);
          return Promise.resolve(result);
        },
        raw: () => {
          sent.push(query);
          return Promise.resolve([]);
        },
      };
      return statement;
    },
    batch: () => Promise.resolve([]),
  };
}

describe('Cloudflare D1', () => {
  it('says how many rows one statement takes when it refuses a bulk write', async () => {
    const sent: string[] = [];
    const factory = createModelFactory(drizzleD1(recordingBinding(sent) as never), 'singles', sqliteSingles);
    await expect(factory.insert(singles(SQLITE_BIND_PARAMETER_LIMIT + 1))).rejects.toThrow(
      new Error(
        'singles.insert: 32767 rows need 2 statements, and the Cloudflare D1 driver has no transactions to make them all-or-nothing, so none was sent. Split the rows over calls of one statement each (16383 such rows or fewer), or use a driver with transactions for bulk writes.',
      ),
    );
    expect(sent).toEqual([]);
  });

  it('refuses a bulk write given a D1 transaction handle as it does on the database', async () => {
    const sent: string[] = [];
    const log = new StatementLog();
    const db = drizzleD1(recordingBinding(sent) as never, { logger: log });
    const factory = createModelFactory(db, 'singles', sqliteSingles);
    await db.transaction(async (tx) => {
      await expect(factory.insert(singles(SQLITE_BIND_PARAMETER_LIMIT + 1), { tx })).rejects.toThrow(
        /^singles\.insert: 32767 rows need 2 statements, and the Cloudflare D1 driver has no transactions/,
      );
    });
    expect(sent).toEqual(['begin', 'commit']);
  });
});

describe('driverWithoutTransactions', () => {
  it('names no driver for databases with transactions, nor for values that are not databases', () => {
    const libsql = drizzleLibsql(createClient({ url: ':memory:' }));
    const betterSqlite3 = drizzleBetterSqlite3({ client: new Database(':memory:') });
    for (const value of [libsql, betterSqlite3, {}, Object.create(null), null, undefined, 'db']) {
      expect(driverWithoutTransactions(value)).toBeUndefined();
    }
  });
});
