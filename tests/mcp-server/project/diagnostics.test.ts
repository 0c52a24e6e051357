/**
 * Files that fail to parse: parseErrorsOf gives the line and message; the index (openProject) and the
 * schema-only reading (readSchema) list each broken file in diagnostics and answer from everything else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseErrorsOf, parseSource } from '../../../mcp-server/project/parse.js';
import { closeProject, openProject, readSchema } from '../../../mcp-server/project/project-index.js';
import { createTempProject, SMALL_PROJECT, type TempProject } from '../server/projects.js';
import { source } from './in-memory.js';

describe('parseErrorsOf', () => {
  it('gives the line and message of each syntax error, and nothing for valid code', () => {
    const broken = parseSource(
      'schema.ts',
      source(
        "import { integer, pgTable } from 'drizzle-orm/pg-core';",
        '',
        "export const items = pgTable('items', {",
        '  id: integer(,',
        '});',
      ),
    );
    expect(parseErrorsOf(broken)).toEqual([
      { line: 4, message: 'Argument expression expected.' },
      { line: 5, message: 'Argument expression expected.' },
    ]);
    expect(parseErrorsOf(parseSource('page.tsx', 'export default () => <main>ok</main>;\n'))).toEqual([]);
    // The same text is an error as .ts: the file name decides the dialect of the parse.
    expect(parseErrorsOf(parseSource('page.ts', 'export default () => <main>ok</main>;\n'))).not.toEqual([]);
  });
});

describe('a project with broken files', () => {
  let project: TempProject;

  beforeAll(() => {
    project = createTempProject({
      ...SMALL_PROJECT,
      'src/lib/db/schema.broken.ts': source(
        "import { integer, pgTable } from 'drizzle-orm/pg-core';",
        '',
        "export const broken = pgTable('broken', {",
        '  id: integer(,',
        '});',
      ),
      'src/models/broken.ts': 'export const selectBroken = (\n',
      'src/actions/half.ts': source(
        "'use server';",
        'export async function ok() {',
        '  return 1;',
        '}',
        'export async function bad( {',
      ),
    });
  });

  afterAll(() => {
    closeProject(project.root);
    project.remove();
  });

  it('lists every file that fails to parse with its line, and answers from the rest', async () => {
    const index = await openProject(project.root, { watch: false });
    const { diagnostics, tables, models, actions } = index.inspection;
    expect(diagnostics).toEqual([
      { file: 'src/actions/half.ts', line: 6, message: "syntax error: '}' expected." },
      {
        file: 'src/lib/db/schema.broken.ts',
        line: 4,
        message: 'syntax error: Argument expression expected. (and 1 more)',
      },
      { file: 'src/models/broken.ts', line: 1, message: 'syntax error: Expression expected. (and 1 more)' },
    ]);
    const items = tables.find((table) => table.name === 'items')!;
    expect(items.columns.map((column) => [column.key, column.sqlType, column.notNull])).toEqual([
      ['id', 'integer', true],
      ['name', 'text', true],
    ]);
    expect(items.model).toBe('src/models/items.ts');
    expect(
      models.find((model) => model.file === 'src/models/items.ts')?.ops.map((op) => op.exportName),
    ).toEqual(['insertItems', 'selectItems']);
    expect(actions.map((action) => [action.file, action.name])).toContainEqual([
      'src/actions/items.ts',
      'createItem',
    ]);
    expect(actions.map((action) => [action.file, action.name])).toContainEqual(['src/actions/half.ts', 'ok']);
  });

  it('does the same when only the schema is read, in the same words', () => {
    const reading = readSchema(project.root);
    expect(reading.schemaFiles).toEqual(['src/lib/db/schema.broken.ts', 'src/lib/db/schema.ts']);
    expect(reading.diagnostics).toEqual([
      {
        file: 'src/lib/db/schema.broken.ts',
        line: 4,
        message: 'syntax error: Argument expression expected. (and 1 more)',
      },
    ]);
    expect(reading.tables.find((table) => table.name === 'items')?.sqlName).toBe('items');
  });
});
