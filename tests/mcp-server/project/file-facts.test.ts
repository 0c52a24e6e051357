/**
 * collectFileFacts on inline sources: the imports, exports, declarations and directives the rest of the
 * analysis is built on, and the `casing` given to drizzle() where the database client is created, which
 * the index applies to the schema when drizzle.config.ts does not say.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { collectFileFacts } from '../../../mcp-server/project/file-facts.js';
import { parseSource } from '../../../mcp-server/project/parse.js';
import { closeProject, openProject, readSchema } from '../../../mcp-server/project/project-index.js';
import { createTempProject, type TempProject } from '../server/projects.js';
import { inMemoryProject, source } from './in-memory.js';

const DB_MODULE = source(
  "'use strict';",
  "import { drizzle } from 'drizzle-orm/node-postgres';",
  "import * as schema from './schema';",
  "import type { Pool } from 'pg';",
  'declare const pool: Pool;',
  "export const db = drizzle(pool, { schema, casing: 'snake_case' });",
  "export * from './schema';",
  'export { db as database };',
  'export default db;',
);

describe('collectFileFacts', () => {
  const facts = inMemoryProject({
    'src/lib/db/index.ts': DB_MODULE,
    'src/lib/db/schema.ts': 'export const x = 1;\n',
  }).facts('src/lib/db/index.ts');

  it('records imports with their specifier, the project file they resolve to, and type-only ones', () => {
    expect(facts.directives).toEqual(['use strict']);
    expect(facts.imports).toEqual([
      {
        local: 'drizzle',
        imported: 'drizzle',
        specifier: 'drizzle-orm/node-postgres',
        line: 2,
        typeOnly: false,
      },
      {
        local: 'schema',
        imported: '*',
        specifier: './schema',
        resolved: 'src/lib/db/schema.ts',
        line: 3,
        typeOnly: false,
      },
      { local: 'Pool', imported: 'Pool', specifier: 'pg', line: 4, typeOnly: true },
    ]);
  });

  it('records exports: declared, re-exported from a module, renamed, and default', () => {
    expect(facts.exports).toEqual([
      { exported: 'db', local: 'db', line: 6 },
      {
        exported: '*',
        from: { specifier: './schema', resolved: 'src/lib/db/schema.ts', imported: '*' },
        line: 7,
      },
      { exported: 'database', local: 'db', line: 8 },
      { exported: 'default', local: 'db', line: 9 },
    ]);
  });

  it('records declarations with the shape of their initialiser, and the casing passed to drizzle()', () => {
    expect(facts.declarations.get('db')).toEqual({
      name: 'db',
      line: 6,
      kind: 'variable',
      init: {
        kind: 'call',
        callee: ['drizzle'],
        // An object literal argument keeps its named properties (what test factories' traits are read from).
        args: [
          { kind: 'ref', path: ['pool'] },
          {
            kind: 'object',
            properties: [
              { key: 'schema', value: { kind: 'ref', path: ['schema'] } },
              { key: 'casing', value: { kind: 'string', value: 'snake_case' } },
            ],
          },
        ],
        line: 6,
      },
    });
    expect(facts.drizzleCasing).toEqual([{ casing: 'snake_case', line: 6 }]);
    expect(facts.importsDrizzleCore).toBe(false);
  });
});

describe('collectFileFacts with declarationsOnly (what the schema reading needs)', () => {
  const collect = (file: string, text: string, declarationsOnly: boolean) =>
    collectFileFacts(parseSource(file, text), { resolve: () => undefined, declarationsOnly });
  const model = source(
    "import { db } from '@/lib/db';",
    'export const listItems = async () => db.select().from(items);',
    "const items = 'items';",
  );

  it('keeps imports, exports and declarations, and leaves the deep walk out', () => {
    const full = collect('models/items.ts', model, false);
    const declarations = collect('models/items.ts', model, true);
    expect(full.references.length).toBeGreaterThan(0);
    expect(declarations.references).toEqual([]);
    expect(declarations.imports).toEqual(full.imports);
    expect(declarations.exports).toEqual(full.exports);
    expect(declarations.declarations).toEqual(full.declarations);
  });

  it('still walks a file that imports drizzle(), for its casing', () => {
    expect(collect('src/lib/db/index.ts', DB_MODULE, true).drizzleCasing).toEqual([
      { casing: 'snake_case', line: 6 },
    ]);
  });
});

describe('the casing of the drizzle() call', () => {
  let project: TempProject;
  afterAll(() => {
    closeProject(project.root);
    project.remove();
  });

  it('names key-named columns when drizzle.config.ts has no casing, in the index and the schema reading', async () => {
    project = createTempProject({
      'package.json': '{ "name": "casing-from-client" }\n',
      'drizzle.config.ts': "export default { dialect: 'postgresql', schema: './src/lib/db/schema.ts' };\n",
      'src/lib/db/index.ts': DB_MODULE,
      'src/lib/db/schema.ts': source(
        "import { integer, pgTable, timestamp } from 'drizzle-orm/pg-core';",
        "export const items = pgTable('items', { itemId: integer(), createdAt: timestamp('made_at') });",
      ),
    });
    const index = await openProject(project.root, { watch: false });
    const sqlNames = (columns: { sqlName: string }[]) => columns.map((column) => column.sqlName);
    expect(sqlNames(index.inspection.tables[0]!.columns)).toEqual(['item_id', 'made_at']);
    expect(sqlNames(readSchema(project.root).tables[0]!.columns)).toEqual(['item_id', 'made_at']);
  });
});
