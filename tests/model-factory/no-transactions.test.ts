// Drivers without interactive transactions (neon-http, Cloudflare D1): a write that needs more than one
// statement is refused before anything is sent; a one-statement write goes to the driver as usual. The
// databases are drizzle's own neon-http and D1 objects; what they would send is recorded, never delivered
// (neon-http's fetch is replaced, and the D1 binding only records), so no network is needed.
import { neon, neonConfig } from '@neondatabase/serverless';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleNeonHttp } from 'drizzle-orm/neon-http';
import {
  createModelFactory,
  POSTGRES_BIND_PARAMETER_LIMIT,
  SQLITE_BIND_PARAMETER_LIMIT,
} from 'many-first/model-factory';
import { afterEach, describe, expect, it } from 'vitest';
import { pgSingles, sqliteSingles, StatementLog } from './harness.js';
import { singlesFillingOneStatement } from './statement-sizes.js';

const singles = (count: number) => Array.from({ length: count }, (_, index) => ({ value: `v${index}` }));

class Offline extends Error {}

describe('neon-http', () => {
  const requests: string[] = [];
  neonConfig.fetchFunction = (url: string) => {
    requests.push(url);
    throw new Offline('no network in tests');
  };
  afterEach(() => {
    requests.length = 0;
  });
  const log = new StatementLog();
  const db = drizzleNeonHttp({
    client: neon('postgresql://user:password@db.example.invalid/neondb'),
    logger: log,
  });
  const factory = createModelFactory(db, 'singles', pgSingles);

  it('refuses a write of several statements before sending any', async () => {
    const rows = [
      ...singlesFillingOneStatement({
        dialect: 'postgres',
        bindParameterLimit: POSTGRES_BIND_PARAMETER_LIMIT,
      }),
      { value: 'one more' },
    ];
    await expect(factory.insert(rows)).rejects.toThrow(
      new RegExp(
        `^singles\\.insert: ${rows.length} rows need 2 statements, and the neon-http driver has no transactions to make them all-or-nothing, so none was sent\\. Split the rows over calls`,
      ),
    );
    await expect(factory.upsert(rows, { target: pgSingles.value })).rejects.toThrow(/neon-http driver/);
    expect(log.statements).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('sends a write of one statement to the driver', async () => {
    await expect(factory.insert(singles(2))).rejects.toThrow();
    expect(log.statements.map((statement) => statement.sql.split(' ')[0])).toEqual(['insert']);
    expect(requests).toHaveLength(1);
  });
});

describe('Cloudflare D1', () => {
  const calls: string[] = [];
  // A D1 binding that records what drizzle asks of it and fails, as an unreachable database would.
  const binding = new Proxy(
    {},
    {
      get: (_, property) => () => {
        calls.push(String(property));
        throw new Offline('no D1 in tests');
      },
    },
  );
  afterEach(() => {
    calls.length = 0;
  });
  const log = new StatementLog();
  const db = drizzleD1(binding as never, { logger: log });
  const factory = createModelFactory(db, 'singles', sqliteSingles);

  it('refuses a write of several statements before sending any', async () => {
    const rows = [
      ...singlesFillingOneStatement({ dialect: 'sqlite', bindParameterLimit: SQLITE_BIND_PARAMETER_LIMIT }),
      { value: 'one more' },
    ];
    await expect(factory.insert(rows)).rejects.toThrow(
      new RegExp(
        `^singles\\.insert: ${rows.length} rows need 2 statements, and the Cloudflare D1 driver has no transactions`,
      ),
    );
    expect(log.statements).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('sends a write of one statement to the driver', async () => {
    await expect(factory.insert(singles(2))).rejects.toThrow();
    expect(calls).toEqual(['prepare']);
  });
});
