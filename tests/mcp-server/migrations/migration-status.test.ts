/**
 * `migration_status` and the `migrations` field of `project_overview` over the protocol (an SDK client on
 * an in-memory transport): the fixture app is in sync; temporary copies of its migrations folder with a
 * schema change, a second migration 0000 from another branch, or an `out` outside the root are answered
 * with the state, the listed changes and problems, or an error that says what to fix.
 */
import { cpSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../server/connect.js';
import {
  createTempProject,
  FIXTURE_APP,
  structuredOf,
  textOf,
  type TempProject,
} from '../server/projects.js';

interface Status {
  state: string;
  out: string;
  migrations: { total: number; listed: { tag: string }[] };
  problems: { kind: string; tags: string[] }[];
  schemaChanges: { kind: string; table?: string; column?: string; detail: string }[];
  comparedWith?: string;
}

const SCHEMA = [
  "import { pgTable, serial, text } from 'drizzle-orm/pg-core';",
  '',
  "export const notes = pgTable('notes', { id: serial('id').primaryKey(), body: text('body').notNull() });",
  '',
].join('\n');

const CONFIG = `export default { dialect: 'postgresql', schema: './schema.ts', out: './migrations' };\n`;

/** drizzle-kit 0.31's snapshot of SCHEMA, as `drizzle-kit generate` wrote it. */
function snapshot(id: string, prevId: string, columns: string[]) {
  const column = (name: string) => ({
    name,
    type: name === 'id' ? 'serial' : 'text',
    primaryKey: name === 'id',
    notNull: true,
  });
  return JSON.stringify({
    id,
    prevId,
    version: '7',
    dialect: 'postgresql',
    tables: {
      'public.notes': {
        name: 'notes',
        schema: '',
        columns: Object.fromEntries(columns.map((name) => [name, column(name)])),
        indexes: {},
        foreignKeys: {},
        compositePrimaryKeys: {},
        uniqueConstraints: {},
        policies: {},
        checkConstraints: {},
        isRLSEnabled: false,
      },
    },
    enums: {},
    schemas: {},
    sequences: {},
    roles: {},
    policies: {},
    views: {},
    _meta: { columns: {}, schemas: {}, tables: {} },
  });
}

const journal = (...tags: string[]) =>
  JSON.stringify({
    version: '7',
    dialect: 'postgresql',
    entries: tags.map((tag, position) => ({
      idx: Number(tag.slice(0, 4)),
      version: '7',
      when: 1_000 + position,
      tag,
      breakpoints: true,
    })),
  });

const ROOT_ID = '00000000-0000-0000-0000-000000000000';
const INIT_ID = '11111111-1111-4111-8111-111111111111';

function notesProject(files: Record<string, string> = {}): TempProject {
  return createTempProject({
    'package.json': JSON.stringify({ name: 'notes', private: true }),
    'drizzle.config.ts': CONFIG,
    'schema.ts': SCHEMA,
    'migrations/meta/_journal.json': journal('0000_init'),
    'migrations/meta/0000_snapshot.json': snapshot(INIT_ID, ROOT_ID, ['id', 'body']),
    'migrations/0000_init.sql':
      'CREATE TABLE "notes" ("id" serial PRIMARY KEY NOT NULL, "body" text NOT NULL);',
    ...files,
  });
}

let connection: Connection | undefined;
let project: TempProject | undefined;

afterEach(async () => {
  await connection?.close();
  project?.remove();
  connection = undefined;
  project = undefined;
});

async function statusOf(root: string, args: Record<string, unknown> = {}) {
  connection = await connect({ root });
  return connection.client.callTool({ name: 'migration_status', arguments: args });
}

describe('migration_status', () => {
  it('finds the fixture app in sync with its one migration, and says so in project_overview', async () => {
    const result = await statusOf(FIXTURE_APP);
    const status = structuredOf<Status>(result);
    expect(status).toMatchObject({ state: 'in-sync', out: 'drizzle', comparedWith: '0000_init' });
    const journalTags = (
      JSON.parse(readFileSync(join(FIXTURE_APP, 'drizzle/meta/_journal.json'), 'utf8')) as {
        entries: { tag: string }[];
      }
    ).entries.map((entry) => entry.tag);
    expect(status.migrations.listed.map((migration) => migration.tag)).toEqual(journalTags);
    expect(status.problems).toEqual([]);
    expect(textOf(result)).toContain('Status: in sync');

    const overview = await connection!.client.callTool({ name: 'project_overview', arguments: {} });
    expect(structuredOf<{ migrations: unknown }>(overview).migrations).toMatchObject({
      out: 'drizzle',
      state: 'in-sync',
      total: journalTags.length,
      problems: 0,
      schemaChanges: 0,
    });
    expect(textOf(overview)).toMatch(/Migrations \(drizzle\/, \d+ migrations?\): in sync/);
  });

  it('lists the schema changes no migration covers', async () => {
    project = notesProject({
      'schema.ts': SCHEMA.replace(
        "body: text('body').notNull()",
        "body: text('body'), title: text('title').notNull()",
      ),
    });
    const status = structuredOf<Status>(await statusOf(project.root));
    expect(status.state).toBe('schema-changes');
    expect(status.schemaChanges.map(({ kind, column }) => [kind, column])).toEqual([
      ['column-changed', 'body'],
      ['column-added', 'title'],
    ]);
    expect(status.schemaChanges[0]!.detail).toContain('now nullable');
  });

  it('reports two migrations with the same index that share one snapshot file', async () => {
    project = notesProject({
      'migrations/meta/_journal.json': journal('0000_init', '0001_add_a', '0001_add_b'),
      'migrations/meta/0001_snapshot.json': snapshot('22222222-2222-4222-8222-222222222222', INIT_ID, [
        'id',
        'body',
      ]),
      'migrations/0001_add_a.sql': 'SELECT 1;',
      'migrations/0001_add_b.sql': 'SELECT 1;',
    });
    const result = await statusOf(project.root);
    const status = structuredOf<Status>(result);
    expect(status.state).toBe('conflicts');
    expect(status.problems.find((problem) => problem.kind === 'duplicate-index')?.tags).toEqual([
      '0001_add_a',
      '0001_add_b',
    ]);
    expect(textOf(result)).toContain('many-first migrations reconcile');
  });

  it('reports a broken prevId chain and a journal entry without its SQL file', async () => {
    project = notesProject({
      'migrations/meta/_journal.json': journal('0000_init', '0001_gone'),
      'migrations/meta/0001_snapshot.json': snapshot(
        '33333333-3333-4333-8333-333333333333',
        '44444444-4444-4444-8444-444444444444',
        ['id', 'body'],
      ),
    });
    const status = structuredOf<Status>(await statusOf(project.root));
    expect(status.problems.map((problem) => problem.kind).sort()).toEqual(['broken-chain', 'missing-sql']);
  });

  it('reports a migration dated before the one listed ahead of it, and SQL the journal does not list', async () => {
    const laterJournal = JSON.parse(journal('0000_init', '0001_add_title')) as {
      entries: { when: number }[];
    };
    laterJournal.entries[1]!.when = 500;
    project = notesProject({
      'migrations/meta/_journal.json': JSON.stringify(laterJournal),
      'migrations/meta/0001_snapshot.json': snapshot('55555555-5555-4555-8555-555555555555', INIT_ID, [
        'id',
        'body',
      ]),
      'migrations/0001_add_title.sql': 'SELECT 1;',
      'migrations/0002_hand_written.sql': 'SELECT 1;',
    });
    const status = structuredOf<Status>(await statusOf(project.root));
    expect(status.problems.map((problem) => [problem.kind, problem.tags])).toEqual([
      ['unlisted-sql', []],
      ['when-order', ['0000_init', '0001_add_title']],
    ]);
  });

  it('sees an edit to an earlier snapshot between two calls', async () => {
    project = notesProject({
      'migrations/meta/_journal.json': journal('0000_init', '0001_same'),
      'migrations/meta/0001_snapshot.json': snapshot('66666666-6666-4666-8666-666666666666', INIT_ID, [
        'id',
        'body',
      ]),
      'migrations/0001_same.sql': 'SELECT 1;',
    });
    expect(structuredOf<Status>(await statusOf(project.root)).state).toBe('in-sync');
    const earlier = join(project.root, 'migrations/meta/0000_snapshot.json');
    project.write(
      'migrations/meta/0000_snapshot.json',
      `<<<<<<< HEAD\n${readFileSync(earlier, 'utf8')}\n=======\n{}\n>>>>>>> feature\n`,
    );
    const again = structuredOf<Status>(
      await connection!.client.callTool({ name: 'migration_status', arguments: {} }),
    );
    expect(again.state).toBe('conflicts');
    expect(again.problems.map((problem) => problem.kind)).toContain('unreadable');
  });

  it('refuses a migrations folder that is a symlink to outside the root', async () => {
    project = notesProject();
    cpSync(join(project.root, 'migrations'), join(project.base, 'elsewhere'), { recursive: true });
    rmSync(join(project.root, 'migrations'), { recursive: true });
    symlinkSync(join(project.base, 'elsewhere'), join(project.root, 'migrations'), 'dir');
    const result = await statusOf(project.root);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('migrations: resolves outside the project root');
  });

  it('refuses an out folder that leaves the root, and the overview still answers', async () => {
    project = notesProject({ 'drizzle.config.ts': CONFIG.replace('./migrations', '../elsewhere') });
    cpSync(join(project.root, 'migrations'), join(project.base, 'elsewhere'), { recursive: true });
    const result = await statusOf(project.root);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("'../elsewhere' is outside the project root");
    const overview = await connection!.client.callTool({ name: 'project_overview', arguments: {} });
    expect(structuredOf<{ migrations?: unknown }>(overview).migrations).toBeUndefined();
    expect(textOf(overview)).toContain('Migrations: cannot be read');
  });
});
