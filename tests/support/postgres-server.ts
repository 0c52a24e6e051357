/**
 * A throwaway PostgreSQL cluster from the machine's own server package (Debian's postgresql-NN in
 * /usr/lib/postgresql/NN/bin): initdb in a temporary folder, started on a free 127.0.0.1 port with
 * durability off, stopped and removed when done; and fresh databases on it (or on PGlite over TCP without
 * it). Used by the model-factory tests and bench/model-factory.
 * As root it runs as the `postgres` user, since the server refuses to run as root.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { freePort } from './free-port.js';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The bin folder of the newest PostgreSQL server installed the Debian way, or undefined when there is none
 * or `MANY_FIRST_NO_POSTGRES_SERVER=1` asks to run without it (to try the PGlite-over-TCP fallback).
 */
export function postgresBinDir(): string | undefined {
  if (process.env.MANY_FIRST_NO_POSTGRES_SERVER === '1' || !existsSync(DEBIAN_ROOT)) return undefined;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  return versions
    .map((version) => join(DEBIAN_ROOT, version, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
}

export interface PostgresCluster {
  port: number;
  /** The folder holding the cluster's data, socket and log; `stopPostgresCluster` removes it. */
  dir: string;
  /** A connection string for `database` as the superuser `postgres` (trust authentication). */
  url(database?: string): string;
}

function asRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Runs a server binary, as the `postgres` user when this process is root; rejects with its output. */
function run(command: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    // stdout stays closed: the postmaster that pg_ctl leaves running would otherwise hold the pipe open.
    const child = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${errors.trim()}`));
    });
  });
}

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Creates and starts a cluster with binaries from `bin`; the caller stops it with `stopPostgresCluster`. */
export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'many-first-postgres-'));
  try {
    if (asRoot()) {
      const { uid, gid } = postgresUserIds();
      chownSync(dir, uid, gid);
    }
    const data = join(dir, 'data');
    await run(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await freePort();
    // A test database needs no durability; without fsync the server runs at memory speed.
    const options = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-k ${dir}`, '-c fsync=off'];
    options.push('-c synchronous_commit=off', '-c full_page_writes=off');
    await run(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options.join(' '),
      'start',
    ]);
    return { port, dir, url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}` };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Stops the cluster in `dir` at once (its data is thrown away) and removes the folder; safe to repeat. */
export function stopPostgresCluster(dir: string): void {
  const bin = postgresBinDir();
  const data = join(dir, 'data');
  if (bin !== undefined && existsSync(join(data, 'postmaster.pid'))) {
    const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
    try {
      if (asRoot())
        execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
      else execFileSync(join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
    } catch {
      // Already stopped: nothing to do but remove the folder.
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

let databases = 0;

/** A new empty database on `server`, dropped by the returned `drop`. */
async function createDatabase(server: PostgresCluster): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `many_first_${process.pid}_${++databases}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  return { url: server.url(name), drop: () => admin(`drop database ${name} with (force)`) };
}

export interface TcpDatabase {
  url: string;
  /** What serves it: `PostgreSQL 15.x` or `PGlite over TCP`. */
  server: string;
  /** Drops the database (or stops the PGlite that served it). */
  close(): Promise<void>;
}

/**
 * A fresh database reachable over TCP with `schema` applied: a new database on `server` (a cluster of
 * `startPostgresCluster`), or a PGlite served by pglite-socket on 127.0.0.1 when there is no cluster.
 */
export async function openTcpDatabase(
  server: PostgresCluster | undefined,
  schema: readonly string[],
): Promise<TcpDatabase> {
  if (server !== undefined) {
    const database = await createDatabase(server);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const version = (await client.query<{ server_version: string }>('show server_version')).rows[0]!;
    for (const statement of schema) await client.query(statement);
    await client.end();
    return { url: database.url, server: `PostgreSQL ${version.server_version}`, close: database.drop };
  }
  const pglite = await PGlite.create();
  for (const statement of schema) await pglite.exec(statement);
  const socket = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 });
  await socket.start();
  return {
    url: `postgres://postgres@${socket.getServerConn()}/postgres`,
    server: 'PGlite over TCP',
    close: async () => {
      await socket.stop();
      await pglite.close();
    },
  };
}
