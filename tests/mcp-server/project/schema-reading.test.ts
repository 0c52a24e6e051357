/**
 * `readSchema` reads the schema alone (issue 10, schema only): the schema files and what they import,
 * without discovering the rest of the layout. The database client, whose `drizzle({ casing })` names
 * key-named columns, is looked for only when a column takes its name from its key; without a schema in
 * the config, the layout finds the files that declare tables. Parses are counted where they happen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseCounts } from '../../../mcp-server/project/parse.js';
import { closeAllProjects, openProject, readSchema } from '../../../mcp-server/project/project-index.js';
import { createTempProject, type TempProject } from '../server/projects.js';
import { source } from './in-memory.js';

const CLIENT = source(
  "import { drizzle } from 'drizzle-orm/node-postgres';",
  "export const db = drizzle(process.env.DATABASE_URL!, { casing: 'snake_case' });",
);

const MODEL = source(
  "import { db } from '@/server/database';",
  "import { items } from '@/db/tables';",
  'export async function listItems() {',
  '  return db.select().from(items);',
  '}',
);

let project: TempProject | undefined;
afterEach(() => {
  closeAllProjects();
  project?.remove();
  project = undefined;
});

function parsedSince(before: ReadonlyMap<string, number>): string[] {
  return [...parseCounts()]
    .filter(([file, count]) => count > (before.get(file) ?? 0))
    .map(([file]) => file)
    .sort();
}

describe('readSchema', () => {
  it('finds the client in any folder for the casing of key-named columns, as the index does', async () => {
    project = createTempProject({
      'package.json': '{ "name": "client-elsewhere" }\n',
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }\n',
      'drizzle.config.ts': "export default { dialect: 'postgresql', schema: './db/tables.ts' };\n",
      'server/database.ts': CLIENT,
      'db/tables.ts': source(
        "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
        "export const items = pgTable('items', { itemId: integer().primaryKey(), displayName: text('label') });",
      ),
      'models/items.ts': MODEL,
    });
    const reading = readSchema(project.root);
    const sqlNames = reading.tables[0]!.columns.map((column) => column.sqlName);
    expect(sqlNames).toEqual(['item_id', 'label']);
    const index = await openProject(project.root, { watch: false });
    expect(index.inspection.tables[0]!.columns.map((column) => column.sqlName)).toEqual(sqlNames);
  });

  it('parses only the schema files, what they import and the database client, for its casing', () => {
    project = createTempProject({
      'package.json': '{ "name": "named-columns" }\n',
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }\n',
      'drizzle.config.ts': "export default { dialect: 'postgresql', schema: './db/tables.ts' };\n",
      'server/database.ts': CLIENT,
      'db/columns.ts': source(
        "import { timestamp } from 'drizzle-orm/pg-core';",
        "export const timestamps = { createdAt: timestamp('created_at').notNull().defaultNow() };",
      ),
      'db/tables.ts': source(
        "import { integer, pgTable } from 'drizzle-orm/pg-core';",
        "import { timestamps } from './columns';",
        "export const items = pgTable('items', { id: integer('id').primaryKey(), ...timestamps });",
      ),
      'models/items.ts': MODEL,
    });
    const before = parseCounts();
    const reading = readSchema(project.root);
    expect(reading.tables[0]!.columns.map((column) => column.sqlName)).toEqual(['id', 'created_at']);
    // drizzle.config.ts is parsed statically too, and the client for a drizzle({ casing }): each schema
    // file's reading is kept while the casing stays the same, so it is known up front. The model is not.
    expect(parsedSince(before)).toEqual([
      'db/columns.ts',
      'db/tables.ts',
      'drizzle.config.ts',
      'server/database.ts',
    ]);
  });

  it('finds the files that declare tables when no config names the schema', () => {
    project = createTempProject({
      'package.json': '{ "name": "no-config" }\n',
      'server/database.ts': CLIENT,
      'persistence/records.ts': source(
        "import { pgTable, serial } from 'drizzle-orm/pg-core';",
        "export const records = pgTable('records', { id: serial('id').primaryKey() });",
      ),
      'models/items.ts': MODEL,
    });
    const reading = readSchema(project.root);
    expect(reading.schemaFiles).toEqual(['persistence/records.ts']);
    expect(reading.tables.map((table) => table.sqlName)).toEqual(['records']);
  });

  it('reads the schema globs a many-first config gives, before drizzle.config.ts', () => {
    project = createTempProject({
      'package.json': '{ "name": "configured", "manyFirst": { "schema": ["db/main.ts"] } }\n',
      'drizzle.config.ts': "export default { dialect: 'postgresql', schema: './db/other.ts' };\n",
      'db/main.ts': source(
        "import { pgTable, serial } from 'drizzle-orm/pg-core';",
        "export const main = pgTable('main', { id: serial('id').primaryKey() });",
      ),
      'db/other.ts': source(
        "import { pgTable, serial } from 'drizzle-orm/pg-core';",
        "export const other = pgTable('other', { id: serial('id').primaryKey() });",
      ),
    });
    expect(readSchema(project.root).tables.map((table) => table.sqlName)).toEqual(['main']);
  });
});
