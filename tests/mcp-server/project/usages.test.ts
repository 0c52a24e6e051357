/**
 * indexUsages on inline sources: every reference to a declaration, resolved through imports, renamed
 * exports, barrels and namespaces, with its line, its enclosing function and the layer of its file.
 */
import { describe, expect, it } from 'vitest';
import { APP } from './app-sources.js';
import { inMemoryProject, source } from './in-memory.js';

const project = inMemoryProject(APP);

describe('usages', () => {
  it('finds the callers of a model op in actions, components and tests', () => {
    expect(project.usagesOf('src/models/tags.ts', 'insertTags')).toEqual([
      { file: 'src/actions/tags.ts', line: 11, layer: 'action', enclosingFunction: 'createTag' },
      { file: 'src/app/tags/page.tsx', line: 8, layer: 'component', enclosingFunction: 'save' },
      { file: 'tests/tags.test.ts', line: 2, layer: 'test' },
    ]);
  });

  it('finds a table wherever it is used, imports left out', () => {
    expect(project.usagesOf('src/lib/db/schema.ts', 'tags')).toEqual([
      { file: 'src/actions/tags.ts', line: 18, layer: 'action', enclosingFunction: 'archiveTag' },
      { file: 'src/actions/tags.ts', line: 23, layer: 'action', enclosingFunction: 'purge' },
      { file: 'src/models/tags.ts', line: 5, layer: 'model' },
    ]);
  });

  it('follows a member of a namespace import of a barrel to the declaration', () => {
    expect(project.usagesOf('src/models/notes.ts', 'countNotes')).toEqual([
      { file: 'src/actions/rename.ts', line: 9, layer: 'action', enclosingFunction: 'renameAndCount' },
      { file: 'src/actions/tags.ts', line: 31, layer: 'action', enclosingFunction: 'countAllNotes' },
    ]);
    // `schema.notes` in the notes model.
    expect(project.usagesOf('src/lib/db/schema.ts', 'notes')).toEqual([
      { file: 'src/models/notes.ts', line: 5, layer: 'model' },
    ]);
  });

  it('keys an op exported under another name by its local declaration, export lists left out', () => {
    expect(project.graph.resolveExport('src/models/tags.ts', 'updateTags')).toEqual({
      file: 'src/models/tags.ts',
      name: 'update',
    });
    expect(project.usagesOf('src/models/tags.ts', 'update')).toEqual([
      { file: 'src/models/tags.ts', line: 14, layer: 'model', enclosingFunction: 'renameTag' },
    ]);
  });

  it('names the enclosing function, not the local a callback’s result is assigned to', () => {
    const nested = inMemoryProject({
      'src/lib/db/schema.ts': source(
        "import { integer, pgTable } from 'drizzle-orm/pg-core';",
        "export const collections = pgTable('collections', { id: integer() });",
      ),
      'src/lib/db/index.ts': 'export const db = {} as never;\n',
      'src/lib/collections.ts': source(
        "import { cache } from 'react';",
        "import { db } from '@/lib/db';",
        "import { collections } from '@/lib/db/schema';",
        'export async function createCollection() {',
        '  const result = await db.transaction(async (tx) => tx.insert(collections));',
        '  return result;',
        '}',
        'export const getCollections = cache(async () => db.select().from(collections));',
        'export async function withHandler() {',
        '  const handler = async () => collections;',
        '  return handler;',
        '}',
      ),
    });
    const usages = nested.usagesOf('src/lib/db/schema.ts', 'collections');
    expect(usages.map((usage) => [usage.line, usage.enclosingFunction])).toEqual([
      [5, 'createCollection'],
      [8, 'getCollections'],
      [10, 'handler'],
    ]);
  });

  it('counts one usage per line, leaves shadowing locals and type positions out, and keeps `typeof`', () => {
    const scoped = inMemoryProject({
      'src/lib/db/schema.ts': source(
        "import { integer, pgTable } from 'drizzle-orm/pg-core';",
        "export const items = pgTable('items', { id: integer() });",
      ),
      'src/lib/items.ts': source(
        "import { items } from '@/lib/db/schema';",
        'export type Item = typeof items.$inferSelect;',
        'export function pair() {',
        '  return [items, items];',
        '}',
        'export function label(items: string[]) {',
        '  return items.join();',
        '}',
      ),
    });
    const usages = scoped.usagesOf('src/lib/db/schema.ts', 'items');
    expect(usages.map((usage) => [usage.line, usage.enclosingFunction, usage.layer])).toEqual([
      [2, undefined, 'other'],
      [4, 'pair', 'other'],
    ]);
  });
});
