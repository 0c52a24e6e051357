/**
 * The drizzle vocabulary (mcp-server/project/drizzle-vocabulary.ts) against drizzle-orm itself, read from
 * node_modules at test time: every column builder each dialect's core module exports is known to the
 * vocabulary or listed as deliberately unmodelled, and every name the vocabulary knows is still exported.
 * A drizzle upgrade that adds, renames or drops a builder fails here first.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { is } from 'drizzle-orm';
import { ColumnBuilder } from 'drizzle-orm/column-builder';
import * as mysqlCore from 'drizzle-orm/mysql-core';
import * as pgCore from 'drizzle-orm/pg-core';
import * as sqliteCore from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import {
  CONSTRAINT_BUILDERS,
  DIALECTS,
  UNMODELLED_BUILDERS,
  knownNames,
} from '../../../mcp-server/project/drizzle-vocabulary.js';
import type { Dialect } from '../../../mcp-server/project/model.js';

const CORES: Record<Dialect, Record<string, unknown>> = { pg: pgCore, sqlite: sqliteCore, mysql: mysqlCore };

/** The column-builders listing of each core (`getPgColumnBuilders`, what `pgTable(name, (t) => …)` hands `t`). */
const LISTINGS: Record<Dialect, string> = {
  pg: 'pg-core/columns/all.js',
  sqlite: 'sqlite-core/columns/all.js',
  mysql: 'mysql-core/columns/all.js',
};

/** drizzle-orm's folder in node_modules (its exports map hides package.json and the column modules). */
const drizzleRoot = (() => {
  let folder = dirname(createRequire(import.meta.url).resolve('drizzle-orm'));
  while (!folder.endsWith('drizzle-orm')) folder = dirname(folder);
  return folder;
})();

/** Argument shapes a schema calls builders with: none, a name and options, a name and enum values. */
const CALLS: unknown[][] = [[], ['c', {}], ['c', ['a', 'b']], ['c', { dimensions: 3, length: 3 }]];

function tryCall(fn: (...args: unknown[]) => unknown): unknown[] {
  const results: unknown[] = [];
  for (const args of CALLS) {
    try {
      results.push(fn(...args));
    } catch {
      // Not this shape; another may do.
    }
  }
  return results;
}

/**
 * What a core module exports as builders: functions returning a column builder when called as a schema
 * calls them, and factories returning a function that does (`pgEnum`, `customType`).
 */
function exportedBuilders(core: Record<string, unknown>): { columns: string[]; factories: string[] } {
  const columns: string[] = [];
  const factories: string[] = [];
  for (const [name, value] of Object.entries(core)) {
    if (typeof value !== 'function' || !/^[a-z]/.test(name)) continue;
    const results = tryCall(value as (...args: unknown[]) => unknown);
    if (results.some((result) => is(result, ColumnBuilder))) {
      columns.push(name);
      continue;
    }
    const made = results.flatMap((result) =>
      typeof result === 'function' ? tryCall(result as (...args: unknown[]) => unknown) : [],
    );
    if (made.some((result) => is(result, ColumnBuilder))) factories.push(name);
  }
  return { columns: columns.sort(), factories: factories.sort() };
}

/** The names a core's column-builders listing returns, read from its source. */
function listedBuilders(dialect: Dialect): string[] {
  const text = readFileSync(join(drizzleRoot, LISTINGS[dialect]), 'utf8');
  const body = /function get\w+ColumnBuilders\(\)\s*{\s*return\s*{([^}]*)}/.exec(text)?.[1];
  if (body === undefined) throw new Error(`no column-builders listing in ${LISTINGS[dialect]}`);
  return body
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .sort();
}

describe('the drizzle vocabulary', () => {
  it('is written for the drizzle-orm installed', () => {
    const manifest = JSON.parse(readFileSync(join(drizzleRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(manifest.version).toMatch(/^0\.45\./);
  });

  describe.each(Object.keys(CORES) as Dialect[])('%s-core', (dialect) => {
    const vocabulary = DIALECTS[dialect];
    const unmodelled = Object.keys(UNMODELLED_BUILDERS[dialect]);
    const exported = exportedBuilders(CORES[dialect]);
    const columnFunctions = [
      ...Object.keys(vocabulary.columns),
      ...Object.entries(vocabulary.enums)
        .filter(([, makes]) => makes === 'column')
        .map(([name]) => name),
    ];

    it('knows every column builder the module exports, or says why not', () => {
      expect(exported.columns.length).toBeGreaterThan(5);
      const unknown = exported.columns.filter(
        (name) => !columnFunctions.includes(name) && !unmodelled.includes(name),
      );
      expect(unknown).toEqual([]);
    });

    it('knows every builder factory the module exports (enums, custom types)', () => {
      const factories = [
        vocabulary.customType,
        ...Object.entries(vocabulary.enums)
          .filter(([, makes]) => makes === 'enum')
          .map(([name]) => name),
      ];
      expect(exported.factories.filter((name) => !unmodelled.includes(name))).toEqual(factories.sort());
    });

    it("knows every builder the callback form's listing hands a table (`(t) => ({ id: t.integer() })`)", () => {
      const listed = listedBuilders(dialect);
      expect(listed.length).toBeGreaterThan(5);
      expect(
        listed.filter(
          (name) =>
            !columnFunctions.includes(name) && name !== vocabulary.customType && !unmodelled.includes(name),
        ),
      ).toEqual([]);
    });

    it('names nothing the module no longer exports', () => {
      const core = CORES[dialect];
      const missing = [...knownNames(dialect)].filter((name) => typeof core[name] !== 'function');
      expect(missing).toEqual([]);
      expect(Object.keys(vocabulary.columns).filter((name) => !exported.columns.includes(name))).toEqual([]);
    });

    it('lists as unmodelled only what the module exports and the vocabulary does not model', () => {
      for (const name of unmodelled) {
        expect(typeof CORES[dialect][name]).toBe('function');
        expect(columnFunctions).not.toContain(name);
      }
    });
  });

  it('has the same constraint builders in every dialect', () => {
    for (const core of Object.values(CORES))
      for (const name of Object.keys(CONSTRAINT_BUILDERS)) expect(typeof core[name]).toBe('function');
  });
});
