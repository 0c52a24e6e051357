import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PACKAGE_JSON, runCli, TempProjects, violatingActions } from './support.js';
import { closeProject, openProject, type Inspection } from '../../mcp-server/index.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const appRoot = realpathSync(join(repoRoot, 'fixtures/app'));

const projects = new TempProjects('many-first-inspect-');
afterEach(() => {
  vi.unstubAllEnvs();
  projects.removeAll();
});

const project = (files: Record<string, string>) => projects.create({ ...PACKAGE_JSON, ...files });
const inspect = (cwd: string, args: string[], options: { tty?: boolean } = {}) =>
  runCli(['inspect', ...args], cwd, options);

async function inspectJson(cwd: string, args: string[] = []) {
  const result = await inspect(cwd, [...args, '--json']);
  expect(result.stderr).toBe('');
  return { ...result, json: JSON.parse(result.stdout) as Inspection };
}

/** The lines of one section of the report, from its heading to the blank line after it. */
function section(report: string, heading: string): string[] {
  const start = report.split('\n\n').find((block) => block.startsWith(heading));
  if (start === undefined) throw new Error(`no section '${heading}' in:\n${report}`);
  return start.split('\n');
}

const SCHEMA = `import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

export const tags = pgTable('tags', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
});

export const notes = pgTable('notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  body: text('body').notNull(),
  position: integer('position').notNull().default(0),
});
`;

const TAGS_MODEL = `import { db } from '@/lib/db';
import { tags } from '@/lib/db/schema';
import { createModelFactory } from '@/lib/models';

const { insert, select, update, delete: deleteOp } = createModelFactory(db, 'tags', tags);

export const insertTags = insert;
export const selectTags = select;
export const updateTags = update;
export const deleteTags = deleteOp;
`;

/** A small project with one violation of each plugin rule and of three structure checks. */
const VIOLATIONS: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
  'src/lib/models/index.ts': "export { createModelFactory } from 'many-first/model-factory';\n",
  'src/lib/db/schema.ts': SCHEMA,
  'src/lib/db/index.ts': `import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema';

export const db = drizzle(process.env.DATABASE_URL!, { schema });
`,
  'src/models/tags.ts': TAGS_MODEL,
  'src/models/tag-helpers.ts': `import { eq } from 'drizzle-orm';
import { tags } from '@/lib/db/schema';
import { updateTags } from '@/models/tags';

export async function updateTag(id: string, name: string) {
  const [tag] = await updateTags([eq(tags.id, id)], { name });
  return tag;
}
`,
  ...violatingActions('@/lib/db/schema'),
};

describe('many-first inspect on the fixture app', () => {
  let report: Awaited<ReturnType<typeof inspect>>;
  let fromCli: Awaited<ReturnType<typeof inspectJson>>;
  let indexed: Inspection;

  beforeAll(async () => {
    report = await inspect(repoRoot, ['fixtures/app']);
    fromCli = await inspectJson(join(repoRoot, 'fixtures'), ['app']);
    const index = await openProject(appRoot, { watch: false });
    indexed = index.inspection;
    closeProject(appRoot);
  }, 120_000);

  it('prints the root, dialect and counts, then every table, model and action, and exits 0', () => {
    expect(report.code).toBe(0);
    expect(report.stderr).toBe('');
    const [title, counts] = report.stdout.split('\n');
    expect(title).toBe(`many-first inspect ${appRoot} (pg)`);
    expect(counts).toMatch(/^30 tables \(\d+ columns\) · 30 models · 23 server actions · no findings/);

    const tables = section(report.stdout, 'Tables');
    expect(tables[0]).toBe('Tables (30, in 8 schema files)');
    expect(tables).toContain('  src/lib/db/schema.tags.ts');
    expect(tables.find((line) => line.trim().startsWith('tags '))).toMatch(
      /^ {4}tags +tags +10 columns +model src\/models\/tags\.ts$/,
    );
    // A table whose SQL name differs from its export, and one in a pgSchema.
    expect(tables.find((line) => line.trim().startsWith('agents '))).toMatch(/ agent_definitions /);
    expect(tables.find((line) => line.trim().startsWith('invoices '))).toMatch(/ billing\.invoices /);

    const models = section(report.stdout, 'Models');
    expect(models[0]).toBe('Models (30)');
    expect(models.find((line) => line.includes('src/models/tags.ts'))).toMatch(
      /^ {2}src\/models\/tags\.ts +tags +insert select update delete upsert count takeFirst \+ incrementTagUsage$/,
    );

    const actions = section(report.stdout, 'Server actions');
    expect(actions[0]).toBe('Server actions (23, in 9 files)');
    expect(actions).toContain("  src/actions/tags.ts  'use server' module");
    expect(actions.find((line) => line.trim().startsWith('createTag '))).toMatch(/:\d+ +calls insertTags$/);
    // db.transaction composing model ops is the convention, not direct database use.
    expect(actions.find((line) => line.trim().startsWith('signUp '))).toMatch(
      /calls insertUsers, insertUserPreferences$/,
    );
    expect(actions).toContain("  src/app/tags/page.tsx  'use server' in the function");

    expect(report.stdout).toContain(
      "\n\nFindings: none (the ESLint plugin's rules and the structure checks)\n",
    );
    expect(report.stdout.endsWith('\n\nParse diagnostics: none\n')).toBe(true);
    // Captured output gets no colour codes.
    expect(report.stdout).not.toContain('\u001b[');
  });

  it('--json prints the inspection model with exactly its seven keys and root-relative paths', () => {
    expect(fromCli.code).toBe(0);
    const { json } = fromCli;
    expect(Object.keys(json)).toEqual([
      'root',
      'dialect',
      'tables',
      'models',
      'actions',
      'findings',
      'diagnostics',
    ]);
    expect(json.root).toBe(appRoot);
    expect(json.dialect).toBe('pg');
    expect(json.tables).toHaveLength(indexed.tables.length);
    expect(json.tables).toHaveLength(30);
    expect(json.models).toHaveLength(indexed.models.length);
    expect(json.actions).toHaveLength(indexed.actions.length);
    expect(json.findings).toEqual([]);
    expect(json.diagnostics).toEqual([]);

    const files = [
      ...json.tables.flatMap((table) => [table.file, ...(table.model === undefined ? [] : [table.model])]),
      ...json.models.flatMap((model) => [model.file, ...model.importedBy]),
      ...json.actions.map((action) => action.file),
    ];
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect(file).toMatch(/^(src|tests|scripts)\/[\w./[\]-]+\.tsx?$/);
  });

  it('--json describes a known table the way its schema declares it', () => {
    const tags = fromCli.json.tables.find((table) => table.name === 'tags')!;
    expect(tags).toMatchObject({
      sqlName: 'tags',
      dialect: 'pg',
      file: 'src/lib/db/schema.tags.ts',
      model: 'src/models/tags.ts',
      primaryKey: ['id'],
    });
    expect(tags.columns.map((column) => column.sqlName)).toEqual([
      'id',
      'group_id',
      'parent_id',
      'owner_id',
      'name',
      'slug',
      'color',
      'usage_count',
      'created_at',
      'updated_at',
    ]);
    expect(tags.columns.find((column) => column.key === 'groupId')).toMatchObject({
      sqlType: 'integer',
      notNull: false,
      references: { table: 'tag_groups', column: 'id', onDelete: 'set null', onUpdate: 'cascade' },
    });
    expect(tags.columns.find((column) => column.key === 'usageCount')).toMatchObject({
      sqlType: 'integer',
      notNull: true,
      hasDefault: true,
      default: 'default(0)',
    });
  });
});

/** A schema file of `count` one-column tables, t0 … t<count - 1>. */
function schemaOfTables(count: number): string {
  const tables = Array.from(
    { length: count },
    (_, index) => `export const t${index} = pgTable('t${index}', { id: integer('id').primaryKey() });`,
  );
  return `import { integer, pgTable } from 'drizzle-orm/pg-core';\n\n${tables.join('\n')}\n`;
}

describe('many-first inspect on a project with findings', () => {
  it('lists the findings under each rule, and still exits 0: inspect reports, lint is the gate', async () => {
    const dir = project(VIOLATIONS);
    const result = await inspect(dir, []);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/ · 6 errors, 2 warnings · no parse diagnostics$/);
    // What the rules covered, so a clean report can be trusted; the model module counts as data access, as in
    // many-first lint's coverage line.
    expect(result.stdout.split('\n')[2]).toBe(
      '7 source files linted · data access: 1 module · database client: src/lib/db/index.ts · actions folders: src/actions/',
    );

    const findings = section(result.stdout, 'Findings');
    expect(findings[0]).toBe('Findings (8)');
    const rules = findings.filter((line) => /^ {2}\S/.test(line));
    expect(rules).toEqual([
      '  many-first/no-db-in-server-actions  1 error',
      '  many-first/no-dynamic-imports  1 error',
      '  many-first/no-redirect-in-server-actions  1 error',
      '  many-first/no-single-record-wrappers  1 error',
      '  many-first/require-use-server  1 error',
      '  structure/action-file-without-directive  1 error',
      '  structure/model-without-factory  1 warning',
      '  structure/table-without-model  1 warning',
    ]);
    // Each rule's findings follow it, with their location.
    const after = (rule: string) => findings[findings.indexOf(`  ${rule}`) + 1];
    expect(after('many-first/no-db-in-server-actions  1 error')).toMatch(
      /^ {4}src\/actions\/checkout\.ts:8:\d+ +\S/,
    );
    expect(after('structure/table-without-model  1 warning')).toMatch(
      /^ {4}src\/lib\/db\/schema\.ts:8 +table 'notes' \(notes\) has no model module/,
    );

    const tables = section(result.stdout, 'Tables');
    expect(tables.find((line) => line.trim().startsWith('notes '))).toMatch(/3 columns {2}no model$/);
    const actions = section(result.stdout, 'Server actions');
    expect(actions.find((line) => line.trim().startsWith('checkout '))).toMatch(
      /calls —; db insert:8; redirect:11$/,
    );
  });

  it('--json gives the same findings with root-relative files', async () => {
    const dir = project(VIOLATIONS);
    const { code, json } = await inspectJson(dir);
    expect(code).toBe(0);
    expect(json.root).toBe(dir);
    expect(json.findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`).sort()).toEqual([
      'src/actions/archive.ts:1 many-first/require-use-server',
      'src/actions/archive.ts:1 structure/action-file-without-directive',
      'src/actions/checkout.ts:11 many-first/no-redirect-in-server-actions',
      'src/actions/checkout.ts:8 many-first/no-db-in-server-actions',
      'src/actions/checkout.ts:9 many-first/no-dynamic-imports',
      'src/lib/db/schema.ts:8 structure/table-without-model',
      'src/models/tag-helpers.ts:1 structure/model-without-factory',
      'src/models/tag-helpers.ts:5 many-first/no-single-record-wrappers',
    ]);
  });

  it('shows how many more findings a rule has past the first twenty', async () => {
    const dir = project({
      'src/lib/db/schema.ts': schemaOfTables(26),
      // One model module: the project uses models, so each table without one is a finding of its own.
      'src/models/t0.ts': `import { createModelFactory } from 'many-first/model-factory';\nimport { db } from '../lib/db';\nimport { t0 } from '../lib/db/schema';\n\nexport const { insert: insertT0 } = createModelFactory(db, 't0', t0);\n`,
    });
    const result = await inspect(dir, []);
    const findings = section(result.stdout, 'Findings');
    expect(findings[1]).toBe('  structure/table-without-model  25 warnings');
    expect(findings.filter((line) => line.startsWith('    src/'))).toHaveLength(20);
    expect(findings.at(-1)).toBe('    … 5 more; --json lists every finding');
    expect((await inspectJson(dir)).json.findings).toHaveLength(25);
  });
});

describe('many-first inspect on a project with test factories', () => {
  it('suggests a test factory once for the modelled tables that have none, and --json names each factory', async () => {
    const dir = project({
      'tsconfig.json': VIOLATIONS['tsconfig.json']!,
      'src/lib/models/index.ts': VIOLATIONS['src/lib/models/index.ts']!,
      'src/lib/db/schema.ts': SCHEMA,
      'src/lib/db/index.ts': VIOLATIONS['src/lib/db/index.ts']!,
      'src/models/tags.ts': TAGS_MODEL,
      'src/models/notes.ts': TAGS_MODEL.replaceAll('tags', 'notes').replaceAll('Tags', 'Notes'),
      'tests/factories/tag.factory.ts': `import { defineFactory } from 'many-first/test-factory';
import { tags } from '@/lib/db/schema';
import { insertTags } from '@/models/tags';

export const tagFactory = defineFactory(tags, {
  insert: insertTags,
  defaults: ({ sequence }) => ({ name: \`Tag \${sequence}\` }),
  traits: { pinned: { name: 'pinned' }, long: () => ({ name: 'x'.repeat(40) }) },
});
`,
    });
    const result = await inspect(dir, []);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/ · 1 suggestion · no parse diagnostics$/);
    const findings = section(result.stdout, 'Findings');
    expect(findings.slice(0, 3)).toEqual([
      'Findings (1)',
      '  structure/model-without-test-factory  1 suggestion',
      expect.stringMatching(
        /^ {4}src\/lib\/db\/schema\.ts:8 +1 table with a model has no test factory: notes;/,
      ),
    ]);
    const { json } = await inspectJson(dir);
    expect(json.tables.map((table) => [table.name, table.testFactory])).toEqual([
      [
        'tags',
        { name: 'tagFactory', file: 'tests/factories/tag.factory.ts', line: 5, traits: ['pinned', 'long'] },
      ],
      ['notes', undefined],
    ]);
  });
});

describe('many-first inspect on a schema file with a syntax error', () => {
  it('lists the file under parse diagnostics and reports the rest of the project', async () => {
    const dir = project({
      ...VIOLATIONS,
      'src/lib/db/schema.broken.ts': `import { pgTable, text } from 'drizzle-orm/pg-core';\n\nexport const broken = pgTable('broken', {\n  name: text('name').notNull(,\n});\n`,
    });
    const result = await inspect(dir, []);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/ · 1 parse diagnostic$/);
    const diagnostics = section(result.stdout, 'Parse diagnostics');
    expect(diagnostics[0]).toBe('Parse diagnostics (1; the rest of the project is reported above)');
    expect(diagnostics[1]).toMatch(/^ {2}src\/lib\/db\/schema\.broken\.ts:4 +syntax error: /);
    const tables = section(result.stdout, 'Tables');
    expect(tables.some((line) => line.trim().startsWith('tags '))).toBe(true);
    expect(tables.some((line) => line.trim().startsWith('notes '))).toBe(true);
    expect(section(result.stdout, 'Models')[0]).toBe('Models (2)');

    const { json } = await inspectJson(dir);
    expect(json.diagnostics).toEqual([
      expect.objectContaining({ file: 'src/lib/db/schema.broken.ts', line: 4 }),
    ]);
    expect(json.tables.map((table) => table.name)).toEqual(expect.arrayContaining(['tags', 'notes']));
  });
});

describe('many-first inspect errors', () => {
  it('says in one line that a directory is missing or is a file, with exit code 2', async () => {
    const dir = project({ 'src/lib/db/schema.ts': SCHEMA });
    const missing = await inspect(dir, ['no-such-dir']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: "many-first inspect: project directory 'no-such-dir' does not exist\n",
    });
    const file = await inspect(dir, ['package.json', '--json']);
    expect(file.code).toBe(2);
    expect(file.stdout).toBe('');
    expect(file.stderr).toMatch(/^many-first inspect: 'package\.json' is not a directory[^\n]*\n$/);
  });

  it('says in one line, naming the file, that many-first.config.json is malformed, with exit code 1', async () => {
    const unknownKey = project({
      'src/lib/db/schema.ts': SCHEMA,
      'many-first.config.json': '{ "actoins": ["src/**"] }',
    });
    const result = await inspect(unknownKey, []);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^many-first inspect: many-first\.config\.json: [^\n]*actoins[^\n]*\n$/);

    const notJson = project({ 'many-first.config.json': '{ "models": [' });
    const broken = await inspect(notJson, ['--json']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^many-first inspect: many-first\.config\.json is not valid JSON[^\n]*\n$/);
  });

  it('rejects extra directories and unknown options as usage errors, and --help lists the flags', async () => {
    const dir = project({});
    expect(await inspect(dir, ['a', 'b'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'many-first inspect: expected at most one project directory, got 2\n',
    });
    expect(await inspect(dir, ['--jsn'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "many-first inspect: unknown option '--jsn'; the options are --json, --help\n",
    });

    const help = await inspect(dir, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: many-first inspect \[dir\] \[--json\]\n/);
    expect(help.stdout).toContain('  --json ');
    expect(help.stdout).toMatch(/Exit codes: 0 .*, 1 .*, 2 /s);
  });

  it('sums up tables without a model in one line when the project has no model module at all', async () => {
    const dir = project({
      'lib/db/schema.ts': schemaOfTables(3),
    });
    const { json } = await inspectJson(dir);
    expect(json.findings).toEqual([
      expect.objectContaining({
        rule: 'structure/table-without-model',
        file: 'lib/db/schema.ts',
        message: expect.stringMatching(/^none of the 3 tables has a model module/),
      }),
    ]);
  });

  it('says the only table has no model module when the project has one table and no model', async () => {
    const dir = project({
      'lib/db/schema.ts': schemaOfTables(1),
    });
    const { json } = await inspectJson(dir);
    expect(json.findings).toEqual([
      expect.objectContaining({
        rule: 'structure/table-without-model',
        message: expect.stringMatching(/^the only table has no model module \(/),
      }),
    ]);
  });

  it('reports an empty project as having nothing, naming where tables were looked for', async () => {
    const result = await inspect(project({}), []);
    expect(result.code).toBe(0);
    expect(section(result.stdout, 'Tables')).toEqual([
      'Tables: none found; no source file declares a drizzle table (pgTable, sqliteTable, mysqlTable), nor src/lib/db/schema*.ts, src/db/schema/**/*.ts, lib/db/schema*.ts, db/schema*.ts, db/schema/**/*.ts',
    ]);
    expect(result.stdout).toContain('\n\nModels: none found\n\nServer actions: none found\n\n');
  });
});

describe('many-first inspect colours', () => {
  it('colours the report for a terminal, unless NO_COLOR is set', async () => {
    const dir = project(VIOLATIONS);
    vi.stubEnv('NO_COLOR', '');
    const coloured = await inspect(dir, [], { tty: true });
    expect(coloured.stdout).toContain('\u001b[31m1 error\u001b[39m');
    vi.stubEnv('NO_COLOR', '1');
    const plain = await inspect(dir, [], { tty: true });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout.replace(/\n/g, '')).toBe(
      coloured.stdout.replace(/\u001b\[\d+m/g, '').replace(/\n/g, ''),
    );
  });
});
