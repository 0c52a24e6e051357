/**
 * `many-first migrations status|reconcile` on real git repositories in temporary folders. Two branches
 * each generate migration 0001 (drizzle-kit's own API writes the snapshots and SQL, as `drizzle-kit
 * generate` does); the merge leaves a conflicted journal, or a clean-looking one with two entries of index
 * 1. Reconcile must leave one chain that drizzle's migrator applies to a fresh PGlite database and that
 * drizzle-kit finds nothing left to generate from.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { integer, pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, TempProjects } from './support.js';

const ROOT_ID = '00000000-0000-0000-0000-000000000000';

// The schema at each step, as objects for drizzle-kit and as the source the project holds.
const usersBefore = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
const usersWithEmail = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').unique(),
});
const postsOn = (users: typeof usersBefore) =>
  pgTable('posts', {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
  });

const USERS_SOURCE = `import { pgTable, serial, text } from 'drizzle-orm/pg-core';

export const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name').notNull() });
`;
const USERS_WITH_EMAIL_SOURCE = `import { pgTable, serial, text } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').unique(),
});
`;
const POSTS_SOURCE = `import { integer, pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';
import { users } from './users';

export const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  title: text('title').notNull(),
});
`;
const CONFIG_SOURCE = `import { defineConfig } from 'drizzle-kit';

export default defineConfig({ dialect: 'postgresql', schema: './src/db/*.ts', out: './drizzle' });
`;

type Snapshot = ReturnType<typeof generateDrizzleJson>;
interface Journal {
  version: string;
  dialect: string;
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}

const projects = new TempProjects('many-first-migrations-');
afterEach(() => projects.removeAll());

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  });
}

/** `git merge` that is expected to stop on conflicts. */
function mergeWithConflicts(dir: string, branch: string): void {
  expect(() => git(dir, 'merge', '--no-edit', branch)).toThrow();
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const readJson = <T>(dir: string, file: string) => JSON.parse(read(dir, file)) as T;

function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

/** What `drizzle-kit generate --name NAME` writes: the next snapshot, its SQL and a journal entry. */
async function generate(dir: string, name: string, schema: Record<string, unknown>, when: number) {
  const journalFile = join(dir, 'drizzle/meta/_journal.json');
  const journal: Journal = existsSync(journalFile)
    ? readJson<Journal>(dir, 'drizzle/meta/_journal.json')
    : { version: '7', dialect: 'postgresql', entries: [] };
  const last = journal.entries.at(-1);
  const previous: Snapshot =
    last === undefined
      ? { ...generateDrizzleJson({}), id: ROOT_ID }
      : readJson<Snapshot>(dir, `drizzle/meta/${last.tag.slice(0, 4)}_snapshot.json`);
  const current = generateDrizzleJson(schema, previous.id);
  const statements = await generateMigration(previous, current);
  const idx = journal.entries.length;
  const tag = `${String(idx).padStart(4, '0')}_${name}`;
  journal.entries.push({ idx, version: current.version, when, tag, breakpoints: true });
  write(dir, {
    [`drizzle/meta/${tag.slice(0, 4)}_snapshot.json`]: JSON.stringify(
      { ...current, _meta: { columns: {}, schemas: {}, tables: {} } },
      null,
      2,
    ),
    'drizzle/meta/_journal.json': JSON.stringify(journal, null, 2),
    [`drizzle/${tag}.sql`]: statements.join('\n--> statement-breakpoint\n'),
  });
}

/**
 * A repository whose main branch has 0000_init and then 0001_add_email, and whose feature branch, forked
 * after 0000_init, has 0001_add_posts. Returns the SQL text of each branch's 0001.
 */
async function forkedRepository(): Promise<{ dir: string; postsSql: string; emailSql: string }> {
  const dir = projects.create({ 'drizzle.config.ts': CONFIG_SOURCE, 'src/db/users.ts': USERS_SOURCE });
  git(dir, 'init', '-q', '-b', 'main');
  await generate(dir, 'init', { users: usersBefore }, 1_000);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init');

  git(dir, 'checkout', '-qb', 'feature');
  write(dir, { 'src/db/posts.ts': POSTS_SOURCE });
  await generate(dir, 'add_posts', { users: usersBefore, posts: postsOn(usersBefore) }, 3_000);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'posts');
  const postsSql = read(dir, 'drizzle/0001_add_posts.sql');

  git(dir, 'checkout', '-q', 'main');
  write(dir, { 'src/db/users.ts': USERS_WITH_EMAIL_SOURCE });
  await generate(dir, 'add_email', { users: usersWithEmail }, 2_000);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'email');
  const emailSql = read(dir, 'drizzle/0001_add_email.sql');
  return { dir, postsSql, emailSql };
}

/** The folder after reconcile: one chain, main's migration first, the SQL moved unchanged. */
async function expectReconciled(dir: string, emailSql: string, postsSql: string): Promise<void> {
  const journal = readJson<Journal>(dir, 'drizzle/meta/_journal.json');
  expect(journal.entries.map((entry) => [entry.idx, entry.tag])).toEqual([
    [0, '0000_init'],
    [1, '0001_add_email'],
    [2, '0002_add_posts'],
  ]);
  const whens = journal.entries.map((entry) => entry.when);
  expect(whens).toEqual([...whens].sort((a, b) => a - b));
  expect(new Set(whens).size).toBe(3);
  expect(read(dir, 'drizzle/0001_add_email.sql')).toBe(emailSql);
  expect(read(dir, 'drizzle/0002_add_posts.sql')).toBe(postsSql);
  expect(
    readdirSync(join(dir, 'drizzle'))
      .filter((name) => name.endsWith('.sql'))
      .sort(),
  ).toEqual(['0000_init.sql', '0001_add_email.sql', '0002_add_posts.sql']);
  const snapshots = [0, 1, 2].map((idx) => readJson<Snapshot>(dir, `drizzle/meta/000${idx}_snapshot.json`));
  expect(snapshots.map((snapshot) => snapshot.prevId)).toEqual([ROOT_ID, snapshots[0]!.id, snapshots[1]!.id]);

  // drizzle-kit finds nothing left to generate between the last snapshot and the merged schema.
  const merged = generateDrizzleJson({ users: usersWithEmail, posts: postsOn(usersWithEmail) });
  expect(await generateMigration(snapshots[2]!, merged)).toEqual([]);

  // drizzle's migrator applies the reconciled folder to a fresh database.
  const client = new PGlite();
  try {
    await migrate(drizzle(client), { migrationsFolder: join(dir, 'drizzle') });
    const columns = await client.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' order by table_name, ordinal_position`,
    );
    expect(columns.rows.map((row) => `${row.table_name}.${row.column_name}`)).toEqual([
      'posts.id',
      'posts.user_id',
      'posts.title',
      'users.id',
      'users.name',
      'users.email',
    ]);
  } finally {
    await client.close();
  }
}

describe('many-first migrations status', () => {
  it('is in sync after each branch generated its migration, and names a schema change no migration covers', async () => {
    const { dir } = await forkedRepository();
    const clean = await runCli(['migrations', 'status', '.'], dir);
    expect(clean.stderr).toBe('');
    expect(clean.stdout).toContain('Status: in sync');
    expect(clean.code).toBe(0);

    write(dir, { 'src/db/posts.ts': POSTS_SOURCE });
    const pending = await runCli(['migrations', 'status', '--json'], dir);
    expect(pending.code).toBe(1);
    const status = JSON.parse(pending.stdout) as {
      state: string;
      schemaChanges: { kind: string; detail: string }[];
    };
    expect(status.state).toBe('schema-changes');
    expect(status.schemaChanges.map((change) => change.kind)).toEqual(['table-added']);
    expect(status.schemaChanges[0]!.detail).toContain('posts');
  });

  it('explains a missing migrations folder and a bad directory without crashing', async () => {
    const dir = projects.create({ 'drizzle.config.ts': CONFIG_SOURCE, 'src/db/users.ts': USERS_SOURCE });
    const none = await runCli(['migrations', 'status', dir], '/');
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('schema changes no migration covers');
    expect(none.stdout).toContain('table-added users');

    const missing = await runCli(['migrations', 'status', 'nope'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("'nope' does not exist");
    const noGit = await runCli(['migrations', 'reconcile'], dir);
    expect(noGit.code).toBe(1);
    expect(noGit.stderr).toContain('is not in a git repository');
    const wrong = await runCli(['migrations', 'merge'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("unknown action 'merge'");
  });

  it("reads drizzle-kit 1.0's folder per migration: a fork in prevIds is a conflict for drizzle-kit check", async () => {
    const snapshot = (id: string, prevIds: string[]) =>
      JSON.stringify({ id, prevIds, version: '8', ddl: [] });
    const initId = '11111111-1111-4111-8111-111111111111';
    const dir = projects.create({
      'drizzle.config.ts': CONFIG_SOURCE,
      'src/db/users.ts': USERS_SOURCE,
      'drizzle/20260101000000_init/migration.sql': 'SELECT 1;',
      'drizzle/20260101000000_init/snapshot.json': snapshot(initId, [ROOT_ID]),
      'drizzle/20260102000000_add_posts/migration.sql': 'SELECT 1;',
      'drizzle/20260102000000_add_posts/snapshot.json': snapshot('22222222-2222-4222-8222-222222222222', [
        initId,
      ]),
      'drizzle/20260103000000_add_email/snapshot.json': snapshot('33333333-3333-4333-8333-333333333333', [
        initId,
      ]),
    });
    const result = await runCli(['migrations', 'status', '--json'], dir);
    expect(result.code).toBe(1);
    const status = JSON.parse(result.stdout) as {
      layout: string;
      migrations: { tag: string }[];
      problems: { kind: string; tags: string[]; message: string }[];
    };
    expect(status.layout).toBe('folders');
    expect(status.migrations.map((migration) => migration.tag)).toEqual([
      '20260101000000_init',
      '20260102000000_add_posts',
      '20260103000000_add_email',
    ]);
    expect(status.problems.map((problem) => [problem.kind, problem.tags])).toEqual([
      ['missing-sql', ['20260103000000_add_email']],
      ['fork', ['20260102000000_add_posts', '20260103000000_add_email']],
    ]);
    expect(status.problems[1]!.message).toContain('drizzle-kit check');

    const reconcile = await runCli(['migrations', 'reconcile'], dir);
    expect(reconcile.code).toBe(1);
    expect(reconcile.stderr).toContain("drizzle-kit 1.0's folder-per-migration layout");
  });

  it('refuses a drizzle.config out folder outside the project root', async () => {
    const dir = projects.create({
      'drizzle.config.ts': `export default { dialect: 'postgresql', schema: './s.ts', out: '../elsewhere' };\n`,
    });
    const result = await runCli(['migrations', 'status'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("'../elsewhere' is outside the project root");
  });
});

describe('many-first migrations reconcile', () => {
  it('repairs a merge stopped on a conflicted journal: dry run first, then --write', async () => {
    const { dir, postsSql, emailSql } = await forkedRepository();
    mergeWithConflicts(dir, 'feature');
    expect(read(dir, 'drizzle/meta/_journal.json')).toContain('<<<<<<<');

    const before = await runCli(['migrations', 'status'], dir);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('has conflicts');
    expect(before.stdout).toContain('git conflict markers');

    const dryRun = await runCli(['migrations', 'reconcile'], dir);
    expect(dryRun.stderr).toBe('');
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('Move 0001_add_posts → 0002_add_posts');
    expect(dryRun.stdout).toContain('Dry run: nothing was written');
    expect(read(dir, 'drizzle/meta/_journal.json')).toContain('<<<<<<<');

    const written = await runCli(['migrations', 'reconcile', '--write'], dir);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain('Wrote drizzle/0002_add_posts.sql');
    expect(written.stdout).toContain('Removed drizzle/0001_add_posts.sql');
    const backup = /are in (.+)$/m.exec(written.stdout)?.[1];
    expect(backup).toBeDefined();
    expect(read(backup!, 'drizzle/0001_add_posts.sql')).toBe(postsSql);

    const after = await runCli(['migrations', 'status'], dir);
    expect(after.stdout).toContain('Status: in sync');
    expect(after.code).toBe(0);
    await expectReconciled(dir, emailSql, postsSql);

    const again = await runCli(['migrations', 'reconcile', '--write'], dir);
    expect(again.stdout).toContain('Nothing to do');
  });

  it('repairs a merge committed with both 0001 entries and one of the two snapshots', async () => {
    const { dir, postsSql, emailSql } = await forkedRepository();
    git(dir, 'checkout', '-q', 'feature');
    mergeWithConflicts(dir, 'main');
    // What people do by hand: keep both journal entries and either snapshot.
    const journal = JSON.parse(git(dir, 'show', 'feature:drizzle/meta/_journal.json')) as Journal;
    const mainJournal = JSON.parse(git(dir, 'show', 'main:drizzle/meta/_journal.json')) as Journal;
    journal.entries.push(mainJournal.entries[1]!);
    write(dir, { 'drizzle/meta/_journal.json': JSON.stringify(journal, null, 2) });
    git(dir, 'checkout', '--theirs', 'drizzle/meta/0001_snapshot.json');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'merge main');

    const before = await runCli(['migrations', 'status', '--json'], dir);
    expect(before.code).toBe(1);
    const status = JSON.parse(before.stdout) as { problems: { kind: string; tags: string[] }[] };
    expect(status.problems.find((problem) => problem.kind === 'duplicate-index')?.tags).toEqual([
      '0001_add_posts',
      '0001_add_email',
    ]);

    const written = await runCli(['migrations', 'reconcile', '--base', 'main', '--write'], dir);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    const after = await runCli(['migrations', 'status'], dir);
    expect(after.stdout).toContain('Status: in sync');
    await expectReconciled(dir, emailSql, postsSql);
  });

  it('stops without writing when both branches changed the same column', async () => {
    const dir = projects.create({ 'drizzle.config.ts': CONFIG_SOURCE, 'src/db/users.ts': USERS_SOURCE });
    git(dir, 'init', '-q', '-b', 'main');
    await generate(dir, 'init', { users: usersBefore }, 1_000);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    git(dir, 'checkout', '-qb', 'feature');
    const shortEmail = pgTable('users', {
      id: serial('id').primaryKey(),
      name: text('name').notNull(),
      email: varchar('email', { length: 100 }),
    });
    await generate(dir, 'short_email', { users: shortEmail }, 3_000);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'short email');
    git(dir, 'checkout', '-q', 'main');
    await generate(dir, 'add_email', { users: usersWithEmail }, 2_000);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'email');
    mergeWithConflicts(dir, 'feature');
    const journalBefore = read(dir, 'drizzle/meta/_journal.json');

    const result = await runCli(['migrations', 'reconcile', '--write'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '0001_short_email: $.tables.public.users.columns.email.type was changed on both branches',
    );
    expect(result.stdout).toContain('Nothing was written.');
    expect(read(dir, 'drizzle/meta/_journal.json')).toBe(journalBefore);
    expect(existsSync(join(dir, 'drizzle/0002_short_email.sql'))).toBe(false);
  });

  it('stops without writing when a SQL file would be left out of the journal', async () => {
    const { dir } = await forkedRepository();
    mergeWithConflicts(dir, 'feature');
    write(dir, { 'drizzle/0002_by_hand.sql': 'ALTER TABLE "users" ADD COLUMN "age" integer;' });
    const result = await runCli(['migrations', 'reconcile', '--write'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('drizzle/0002_by_hand.sql is in no journal');
    expect(result.stdout).toContain('Nothing was written.');
    expect(existsSync(join(dir, 'drizzle/0001_add_posts.sql'))).toBe(true);
  });

  it('refuses to write over uncommitted changes outside a merge, and names an unknown base', async () => {
    const { dir } = await forkedRepository();
    git(dir, 'merge', '--no-edit', '-s', 'ours', 'feature');
    // The feature's migration copied in by hand, uncommitted, under the index main already used.
    write(dir, { 'drizzle/0001_add_posts.sql': git(dir, 'show', 'feature:drizzle/0001_add_posts.sql') });
    const journal = readJson<Journal>(dir, 'drizzle/meta/_journal.json');
    journal.entries.push({ ...journal.entries[1]!, tag: '0001_add_posts' });
    write(dir, { 'drizzle/meta/_journal.json': JSON.stringify(journal, null, 2) });

    const refused = await runCli(['migrations', 'reconcile', '--base', 'HEAD^1', '--write'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(read(dir, 'drizzle/meta/_journal.json')).toBe(JSON.stringify(journal, null, 2));

    const unknown = await runCli(['migrations', 'reconcile', '--base', 'trunk'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no branch or commit named 'trunk'");
  });

  it("--generate regenerates the moved migration with the project's drizzle-kit: it applies and check is clean", async () => {
    const { dir, emailSql, postsSql } = await forkedRepository();
    mergeWithConflicts(dir, 'feature');
    // The project's own drizzle-kit and drizzle-orm, without a network: the repository's node_modules.
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');

    const dryRun = await runCli(['migrations', 'reconcile', '--generate'], dir);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('Would regenerate 0002_add_posts with drizzle-kit generate');
    expect(read(dir, 'drizzle/meta/_journal.json')).toContain('<<<<<<<');

    const written = await runCli(['migrations', 'reconcile', '--generate', '--write'], dir);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(
      'Regenerated 0002_add_posts as 0002_add_posts with drizzle-kit generate',
    );
    expect(written.stdout).toContain('  Wrote drizzle/0002_add_posts.sql');
    const backup = /as reconcile had moved them are in (.+)$/m.exec(written.stdout)?.[1];
    expect(backup).toBeDefined();
    expect(read(backup!, 'drizzle/0002_add_posts.sql')).toBe(postsSql);

    const journal = readJson<Journal>(dir, 'drizzle/meta/_journal.json');
    expect(journal.entries.map((entry) => [entry.idx, entry.tag])).toEqual([
      [0, '0000_init'],
      [1, '0001_add_email'],
      [2, '0002_add_posts'],
    ]);
    expect(new Set(journal.entries.map((entry) => entry.idx)).size).toBe(journal.entries.length);
    expect(read(dir, 'drizzle/0001_add_email.sql')).toBe(emailSql);
    // Written by drizzle-kit from main's latest snapshot to the merged schema.
    expect(read(dir, 'drizzle/0002_add_posts.sql')).toContain('CREATE TABLE "posts"');
    const snapshots = [1, 2].map((idx) => readJson<Snapshot>(dir, `drizzle/meta/000${idx}_snapshot.json`));
    expect(snapshots[1]!.prevId).toBe(snapshots[0]!.id);
    expect(Object.keys(snapshots[1]!.tables).sort()).toEqual(['public.posts', 'public.users']);

    // drizzle-kit's own check finds no collision, and there is nothing left to generate.
    const drizzleKit = join(dir, 'node_modules/drizzle-kit/bin.cjs');
    expect(() =>
      execFileSync(process.execPath, [drizzleKit, 'check'], { cwd: dir, stdio: 'pipe' }),
    ).not.toThrow();
    const merged = generateDrizzleJson({ users: usersWithEmail, posts: postsOn(usersWithEmail) });
    expect(await generateMigration(snapshots[1]!, merged)).toEqual([]);

    const client = new PGlite();
    try {
      await migrate(drizzle(client), { migrationsFolder: join(dir, 'drizzle') });
      const tables = await client.query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(['posts', 'users']);
    } finally {
      await client.close();
    }
    const status = await runCli(['migrations', 'status'], dir);
    expect(status.stdout).toContain('Status: in sync');
  });

  it('--generate without drizzle-kit in the project: one line, exit 2, the folder untouched', async () => {
    const { dir } = await forkedRepository();
    mergeWithConflicts(dir, 'feature');
    const folder = () =>
      ['drizzle', 'drizzle/meta'].flatMap((sub) =>
        readdirSync(join(dir, sub))
          .filter((name) => name.includes('.'))
          .map((name) => `${sub}/${name}:${read(dir, `${sub}/${name}`)}`),
      );
    const before = folder();
    const result = await runCli(['migrations', 'reconcile', '--generate', '--write'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain("runs the project's own drizzle-kit");
    expect(result.stdout).toBe('');
    expect(folder()).toEqual(before);
  });

  it('--generate puts the moved migration back when drizzle-kit cannot load the schema', async () => {
    const { dir, emailSql, postsSql } = await forkedRepository();
    mergeWithConflicts(dir, 'feature');
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
    // A schema module that throws when drizzle-kit loads it.
    write(dir, { 'src/db/broken.ts': "throw new Error('schema cannot load');\n" });

    const result = await runCli(['migrations', 'reconcile', '--generate', '--write'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Not regenerated: drizzle-kit generate');
    expect(result.stdout).toContain('schema cannot load');
    expect(result.stdout).toContain('Restored 0002_add_posts as reconcile left them');
    // What reconcile alone writes, intact: the moved SQL under its new name, one chain.
    await expectReconciled(dir, emailSql, postsSql);
  });
});
