// The Postgres drivers the model factory is tested on, each opened on a fresh database with a given schema:
// PGlite in process, and node-postgres and postgres-js over TCP to a real server. The server is one
// PostgreSQL cluster per test run (started by the first worker that needs it, stopped by the global
// setup's teardown) when the machine has the server package, else a PGlite per database served by
// pglite-socket.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgresJs } from 'drizzle-orm/postgres-js';
import pg from 'pg';
import postgres from 'postgres';
import { inject } from 'vitest';
import {
  openTcpDatabase,
  postgresBinDir,
  startPostgresCluster,
  type PostgresCluster,
} from '../support/postgres-server.js';
import { inProcessOnly } from './in-process.js';

export type PostgresDriver = 'pglite' | 'node-postgres' | 'postgres-js';
/** The drivers of this run: PGlite alone when only in-process databases run (see in-process.ts). */
export const POSTGRES_DRIVERS: readonly PostgresDriver[] = inProcessOnly
  ? ['pglite']
  : ['pglite', 'node-postgres', 'postgres-js'];

export interface PostgresConnection {
  db: PgDatabase<PgQueryResultHKT>;
  /** What the database runs on, for test names: `PGlite`, `PostgreSQL 15.x` or `PGlite over TCP`. */
  server: string;
  close(): Promise<void>;
}

const SERVER_WAIT_MS = 120_000;

/** The run's shared cluster, or undefined when the machine has no PostgreSQL server package. */
let sharedCluster: Promise<PostgresCluster | undefined> | undefined;

function cluster(): Promise<PostgresCluster | undefined> {
  sharedCluster ??= (async () => {
    const bin = postgresBinDir();
    if (bin === undefined) return undefined;
    const scratch = inject('runScratch');
    const ready = join(scratch, 'postgres.json');
    const failed = join(scratch, 'postgres.failed');
    try {
      mkdirSync(join(scratch, 'postgres.lock')); // atomic: exactly one worker starts the cluster
    } catch {
      const deadline = Date.now() + SERVER_WAIT_MS;
      while (!existsSync(ready)) {
        if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
        if (Date.now() > deadline) throw new Error('timed out waiting for the test PostgreSQL server');
        await sleep(100);
      }
      const { port, dir } = JSON.parse(readFileSync(ready, 'utf8')) as { port: number; dir: string };
      return {
        port,
        dir,
        url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
      };
    }
    try {
      const started = await startPostgresCluster(bin);
      writeFileSync(ready, JSON.stringify({ port: started.port, dir: started.dir }));
      return started;
    } catch (error) {
      writeFileSync(failed, `could not start the test PostgreSQL server: ${String(error)}`);
      throw error;
    }
  })();
  return sharedCluster;
}

/** Opens `driver` on a fresh database with `schema` applied; drizzle runs with snake_case casing and `logger`. */
export async function openPostgres(
  driver: PostgresDriver,
  schema: readonly string[],
  logger?: Logger,
): Promise<PostgresConnection> {
  const config = { casing: 'snake_case' as const, logger };
  if (driver === 'pglite') {
    const client = await PGlite.create();
    for (const statement of schema) await client.exec(statement);
    return { db: drizzlePglite(client, config), server: 'PGlite', close: () => client.close() };
  }
  const database = await openTcpDatabase(await cluster(), schema);
  if (driver === 'node-postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return {
      db: drizzleNodePostgres(client, config),
      server: database.server,
      close: async () => {
        await client.end();
        await database.close();
      },
    };
  }
  // pglite-socket serves one connection at a time, and postgres-js's type lookup at connect does not get
  // through it; a real server gets postgres-js's usual pool and lookup.
  const overPglite = database.server.startsWith('PGlite');
  const client = postgres(database.url, {
    onnotice: () => {},
    max: overPglite ? 1 : 4,
    fetch_types: !overPglite,
  });
  return {
    db: drizzlePostgresJs(client, config),
    server: database.server,
    close: async () => {
      await client.end();
      await database.close();
    },
  };
}
