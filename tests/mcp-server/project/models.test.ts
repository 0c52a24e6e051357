/**
 * analyseModels on inline sources: which modules are models, the createModelFactory call (from the package
 * or the project's own factory module, by any local name), the table it is built on, and the names each op
 * is exported under, however the module renames them.
 */
import { describe, expect, it } from 'vitest';
import { symbolKey } from '../../../mcp-server/project/module-graph.js';
import { APP } from './app-sources.js';
import { inMemoryProject, source } from './in-memory.js';

const project = inMemoryProject(APP);

describe('model modules', () => {
  it('lists the modules under src/models and any module calling the factory, but not a barrel', () => {
    expect(project.models().models.map((model) => model.file)).toEqual([
      'src/models/ghosts.ts',
      'src/models/legacy.ts',
      'src/models/notes.ts',
      'src/models/tags.ts',
    ]);
  });

  it('follows the factory re-exported by the project, destructured ops, renames and aliases', () => {
    expect(project.model('src/models/tags.ts')).toEqual({
      file: 'src/models/tags.ts',
      table: 'tags',
      tableName: 'tags',
      factoryCall: { line: 5 },
      ops: [
        { exportName: 'insertTags', op: 'insert', line: 7 },
        { exportName: 'selectTags', op: 'select', line: 8 },
        { exportName: 'updateTags', op: 'update', line: 9 },
        { exportName: 'deleteTags', op: 'delete', line: 9 },
        { exportName: 'upsertTags', op: 'upsert', line: 11 },
      ],
      otherExports: ['renameTag'],
      importedBy: [
        'src/actions/rename.ts',
        'src/actions/tags.ts',
        'src/app/tags/page.tsx',
        'tests/tags.test.ts',
      ],
    });
  });

  it('follows an aliased package import, a table from a namespace, members and destructuring of a model object', () => {
    expect(project.model('src/models/notes.ts')).toEqual({
      file: 'src/models/notes.ts',
      table: 'notes',
      tableName: 'notes',
      factoryCall: { line: 5 },
      ops: [
        { exportName: 'insertNotes', op: 'insert', line: 6 },
        { exportName: 'countNotes', op: 'count', line: 7 },
        { exportName: 'takeFirstNotes', op: 'takeFirst', line: 8 },
      ],
      otherExports: [],
      // The action imports the barrel (src/models/index.ts), not this file.
      importedBy: [],
    });
  });

  it('keeps a model module without the factory, with its exports as business logic', () => {
    const legacy = project.model('src/models/legacy.ts');
    expect(legacy.factoryCall).toBeUndefined();
    expect(legacy.table).toBeUndefined();
    expect(legacy.ops).toEqual([]);
    expect(legacy.otherExports).toEqual(['loadLegacy']);
  });

  it('reports a factory call on a name the schema does not export as an unknown table', () => {
    const { unknownTables } = project.models();
    expect(unknownTables.map(({ model, table }) => [model.file, table])).toEqual([
      ['src/models/ghosts.ts', 'ghosts'],
    ]);
    expect(project.model('src/models/ghosts.ts')).toMatchObject({
      tableName: 'ghosts',
      factoryCall: { line: 4 },
      ops: [{ exportName: 'insertGhosts', op: 'insert', line: 4 }],
    });
    expect(project.model('src/models/ghosts.ts').table).toBeUndefined();
  });

  it('maps each op declaration to its export, for callers that import it', () => {
    const { opsBySymbol } = project.models();
    expect(
      opsBySymbol.get(symbolKey({ file: 'src/models/tags.ts', name: 'insertTags' }))?.op.exportName,
    ).toBe('insertTags');
    // `export { update as updateTags }`: the declaration is the local `update`.
    expect(opsBySymbol.get(symbolKey({ file: 'src/models/tags.ts', name: 'update' }))?.op).toEqual({
      exportName: 'updateTags',
      op: 'update',
      line: 9,
    });
  });
});

describe('other ways to reach the factory', () => {
  it('accepts a namespace import of the package and a factory defined in the model module itself', () => {
    const other = inMemoryProject({
      'src/lib/db/schema.ts': source(
        "import { integer, pgTable } from 'drizzle-orm/pg-core';",
        "export const items = pgTable('items', { id: integer() });",
      ),
      'src/models/items.ts': source(
        "import * as mf from 'many-first/model-factory';",
        "import { items } from '@/lib/db/schema';",
        'declare const db: never;',
        "const model = mf.createModelFactory(db, 'items', items);",
        'export const selectItems = model.select;',
        'export const buildItemConditions = model.buildConditions;',
      ),
      'src/features/boxes/model.ts': source(
        "import { items } from '@/lib/db/schema';",
        'function createModelFactory(db: unknown, name: string, table: unknown) {',
        '  return { db, name, table } as never;',
        '}',
        "export const { insert: insertBoxes } = createModelFactory(null, 'boxes', items);",
      ),
    });
    expect(other.model('src/models/items.ts')).toMatchObject({
      table: 'items',
      factoryCall: { line: 4 },
      ops: [
        { exportName: 'selectItems', op: 'select', line: 5 },
        { exportName: 'buildItemConditions', op: 'buildConditions', line: 6 },
      ],
    });
    // Outside src/models, a module is a model because it calls the factory.
    expect(other.model('src/features/boxes/model.ts')).toMatchObject({
      table: 'items',
      tableName: 'boxes',
      factoryCall: { line: 5 },
      ops: [{ exportName: 'insertBoxes', op: 'insert', line: 5 }],
    });
  });
});
