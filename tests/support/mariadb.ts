// A throwaway MariaDB server for the MySQL suites and the model-factory bench: Debian's mariadbd on a
// free 127.0.0.1 port, with its data in a fresh temporary folder, started once per process (test file)
// and stopped when the last user closes.
// `.ci/run` installs mariadb-server when mariadbd is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from './free-port.js';

const MARIADBD = process.env.MARIADBD ?? 'mariadbd';
const STARTUP_TIMEOUT_MS = 30_000;

export interface MariaDB {
  port: number;
  /** A connection to a new, empty database of its own on the server. */
  connect(): Promise<mysql.Connection>;
  /** Closes this user's hold on the server; the last one stops it. */
  release(): Promise<void>;
}

interface Running {
  port: number;
  child: ChildProcess;
  folder: string;
  users: number;
  databases: number;
}

let running: Promise<Running> | undefined;

async function start(): Promise<Running> {
  const found = spawnSync('sh', ['-c', `command -v ${MARIADBD}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      `The MySQL suites need MariaDB's server (${MARIADBD}), which is not installed: apt-get install -y mariadb-server (.ci/run does this)`,
    );
  }
  const folder = await mkdtemp(join(tmpdir(), 'many-first-mariadb-'));
  const data = join(folder, 'data');
  await mkdir(data);
  const asRoot = userInfo().uid === 0;
  // mariadbd refuses to run as root; as root it drops to the mysql user, who must own the folder.
  if (asRoot) {
    const owner = spawnSync('id', ['-u', 'mysql'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'mysql'], { encoding: 'utf8' });
    for (const path of [folder, data]) chownSync(path, Number(owner.stdout), Number(group.stdout));
  }
  const port = await freePort();
  // No grant tables, so no mariadb-install-db (several seconds): a server for tests only, on loopback.
  const child = spawn(
    MARIADBD,
    [
      '--no-defaults',
      ...(asRoot ? ['--user=mysql'] : []),
      `--datadir=${data}`,
      `--socket=${join(folder, 'mariadb.sock')}`,
      `--pid-file=${join(folder, 'mariadb.pid')}`,
      '--bind-address=127.0.0.1',
      `--port=${port}`,
      '--skip-grant-tables',
      '--skip-name-resolve',
      '--skip-log-bin',
      '--innodb-log-file-size=16M',
      '--innodb-buffer-pool-size=64M',
      '--innodb-flush-log-at-trx-commit=2',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}:\n${log}`);
    try {
      const probe = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
      await probe.end();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`mariadbd did not accept connections within ${STARTUP_TIMEOUT_MS} ms:\n${log}`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { port, child, folder, users: 0, databases: 0 };
}

async function stop(server: Running): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  await rm(server.folder, { recursive: true, force: true });
}

/** Starts the server (or joins the one this test file already runs). */
export async function useMariaDB(): Promise<MariaDB> {
  running ??= start().catch((error: unknown) => {
    running = undefined;
    throw error;
  });
  const server = await running;
  server.users += 1;
  let released = false;
  return {
    port: server.port,
    connect: async () => {
      const database = `test_${++server.databases}`;
      const connection = await mysql.createConnection({ host: '127.0.0.1', port: server.port, user: 'root' });
      await connection.query(`create database ${database}`);
      await connection.query(`use ${database}`);
      return connection;
    },
    release: async () => {
      if (released) return;
      released = true;
      server.users -= 1;
      if (server.users === 0) {
        running = undefined;
        await stop(server);
      }
    },
  };
}
