/**
 * The truth test: drizzle itself is the reference. For every fixture project, the schema modules are
 * imported at run time and each exported table's getTableConfig() / column.getSQLType() is compared with
 * what the static index extracted, field by field. Constraint names are compared with what drizzle-kit
 * (generate*DrizzleJson) would write to the database.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getTableColumns, getTableName, is, SQL, type Column } from 'drizzle-orm';
import { toCamelCase, toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig as mysqlConfig, MySqlTable } from 'drizzle-orm/mysql-core';
import { getTableConfig as pgConfig, PgArray, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllProjects, openProject } from '../../mcp-server/project/project-index.js';
import type { Dialect, Table } from '../../mcp-server/project/model.js';

type Casing = 'snake_case' | 'camelCase' | undefined;

interface Fixture {
  dir: string;
  dialect: Dialect;
  /** The casing the fixture declares (drizzle.config.ts or its drizzle() call). */
  casing: Casing;
}

const FIXTURES: Fixture[] = [
  { dir: 'fixtures/app', dialect: 'pg', casing: 'snake_case' },
  { dir: 'fixtures/sqlite-app', dialect: 'sqlite', casing: undefined },
  { dir: 'fixtures/mysql-app', dialect: 'mysql', casing: 'snake_case' },
  { dir: 'fixtures/schema-edge-cases', dialect: 'pg', casing: 'camelCase' },
];

const repoRoot = join(import.meta.dirname, '..', '..');

type AnyTable = PgTable | SQLiteTable | MySqlTable;

function isTable(value: unknown): value is AnyTable {
  return is(value, PgTable) || is(value, SQLiteTable) || is(value, MySqlTable);
}

function configOf(table: AnyTable) {
  if (is(table, PgTable)) return pgConfig(table);
  if (is(table, SQLiteTable)) return sqliteConfig(table);
  return mysqlConfig(table as MySqlTable);
}

function cased(column: Column | { name: string; keyAsName: boolean }, casing: Casing): string {
  if (!column.keyAsName) return column.name;
  if (casing === 'snake_case') return toSnakeCase(column.name);
  if (casing === 'camelCase') return toCamelCase(column.name);
  return column.name;
}

interface KitTable {
  foreignKeys: Record<string, { name: string; columnsFrom: string[] }>;
  indexes: Record<string, { name: string; columns: ({ expression: string } | string)[] }>;
  uniqueConstraints: Record<string, { name: string; columns: string[] }>;
}

/** drizzle-kit's snapshot of the same modules: the names it would give constraints in the database. */
async function kitSnapshot(dialect: Dialect, modules: Record<string, unknown>, casing: Casing) {
  const api = await import('drizzle-kit/api');
  if (dialect === 'pg')
    return api.generateDrizzleJson(modules, undefined, undefined, casing).tables as Record<string, KitTable>;
  if (dialect === 'sqlite')
    return (await api.generateSQLiteDrizzleJson(modules, undefined, casing)).tables as Record<
      string,
      KitTable
    >;
  return (await api.generateMySQLDrizzleJson(modules, undefined, casing)).tables as Record<string, KitTable>;
}

interface Loaded {
  fixture: Fixture;
  statics: Table[];
  runtime: Map<string, AnyTable>;
  kit: Record<string, KitTable>;
}

const loaded: Loaded[] = [];
const counts = { tables: 0, columns: 0, foreignKeys: 0, indexes: 0, uniques: 0, checks: 0 };

beforeAll(async () => {
  for (const fixture of FIXTURES) {
    const index = await openProject(join(repoRoot, fixture.dir), { watch: false });
    const statics = index.inspection.tables;
    const isSchema = picomatch([...index.schemaGlobs]);
    const runtime = new Map<string, AnyTable>();
    const modules: Record<string, unknown> = {};
    for (const file of index.fileList.filter((candidate) => isSchema(candidate))) {
      const module = (await import(pathToFileURL(join(repoRoot, fixture.dir, file)).href)) as Record<
        string,
        unknown
      >;
      for (const [name, value] of Object.entries(module)) {
        if (!isTable(value) || [...runtime.values()].includes(value)) continue;
        runtime.set(name, value);
        modules[name] = value;
      }
    }
    loaded.push({
      fixture,
      statics,
      runtime,
      kit: await kitSnapshot(fixture.dialect, modules, fixture.casing),
    });
  }
}, 120_000);

afterAll(() => {
  closeAllProjects();
  // The figures the report quotes: how much of drizzle the comparison covered.
  console.log(`truth test compared ${JSON.stringify(counts)}`);
});

describe.each(FIXTURES.map((fixture) => [fixture.dir, fixture] as const))('%s', (_dir, fixture) => {
  const data = () => loaded.find((entry) => entry.fixture === fixture)!;

  it('finds exactly the tables the schema modules export, without diagnostics', () => {
    const { statics, runtime } = data();
    expect(statics.map((table) => table.name).sort()).toEqual([...runtime.keys()].sort());
    expect(statics.length).toBeGreaterThan(0);
  });

  it('reports no schema diagnostics', async () => {
    const index = await openProject(join(repoRoot, fixture.dir), { watch: false });
    expect(index.inspection.diagnostics).toEqual([]);
  });

  it('matches getTableConfig and getSQLType for every table and column', () => {
    const { statics, runtime, kit } = data();
    for (const table of statics) {
      const runtimeTable = runtime.get(table.name)!;
      const config = configOf(runtimeTable);
      const where = `${fixture.dir}: ${table.name}`;
      counts.tables++;
      expect(table.sqlName, where).toBe(config.name);
      expect(table.dialect, where).toBe(fixture.dialect);
      expect(table.schema, where).toBe((config as { schema?: string }).schema);

      const columns = Object.entries(getTableColumns(runtimeTable));
      expect(
        table.columns.map((column) => column.key),
        where,
      ).toEqual(columns.map(([key]) => key));
      for (const [key, column] of columns) {
        const extracted = table.columns.find((candidate) => candidate.key === key)!;
        const at = `${where}.${key}`;
        counts.columns++;
        expect(
          {
            sqlName: extracted.sqlName,
            sqlType: extracted.sqlType,
            notNull: extracted.notNull,
            primaryKey: extracted.primaryKey,
            unique: extracted.unique,
            hasDefault: extracted.hasDefault,
          },
          at,
        ).toEqual({
          sqlName: cased(column, fixture.casing),
          sqlType: column.getSQLType(),
          notNull: column.notNull,
          primaryKey: column.primary,
          unique: column.isUnique,
          hasDefault: column.hasDefault,
        });
        if (column.enumValues !== undefined && !is(column, PgArray)) {
          expect(extracted.enumValues, at).toEqual(column.enumValues);
        }
      }

      const sqlNames = (items: (Column | SQL | { name: string; keyAsName: boolean })[]) =>
        items.map((item) => (is(item, SQL) ? 'sql' : cased(item as Column, fixture.casing)));

      const composite = config.primaryKeys[0];
      expect(table.primaryKey, `${where} primary key`).toEqual(
        composite === undefined
          ? columns.filter(([, column]) => column.primary).map(([, column]) => cased(column, fixture.casing))
          : sqlNames(composite.columns),
      );

      const kitTable = Object.values(kit).find(
        (candidate) => (candidate as { name?: string }).name === config.name,
      )!;
      expect(
        table.foreignKeys.map((key) => ({
          ...key,
          onDelete: key.onDelete ?? 'no action',
          onUpdate: key.onUpdate ?? 'no action',
        })),
        `${where} foreign keys`,
      ).toEqual(
        config.foreignKeys.map((key) => {
          const reference = key.reference();
          const columnsFrom = sqlNames(reference.columns);
          return {
            name: Object.values(kitTable.foreignKeys).find(
              (candidate) => candidate.columnsFrom.join() === columnsFrom.join(),
            )?.name,
            columns: columnsFrom,
            foreignTable: getTableName(reference.foreignTable),
            foreignColumns: sqlNames(reference.foreignColumns),
            onDelete: key.onDelete ?? 'no action',
            onUpdate: key.onUpdate ?? 'no action',
          };
        }),
      );
      counts.foreignKeys += config.foreignKeys.length;

      expect(table.indexes.length, `${where} indexes`).toBe(config.indexes.length);
      config.indexes.forEach((runtimeIndex, position) => {
        const extracted = table.indexes[position]!;
        const indexConfig = runtimeIndex.config as {
          name?: string;
          columns: (SQL | { name: string; keyAsName: boolean })[];
          unique: boolean;
          method?: string;
          using?: string;
          where?: unknown;
        };
        const columnNames = sqlNames(indexConfig.columns);
        const kitIndex = Object.values(kitTable.indexes)[position];
        const at = `${where} index ${position}`;
        expect(
          extracted.columns.map((column, i) => (columnNames[i] === 'sql' ? 'sql' : column)),
          at,
        ).toEqual(columnNames);
        expect(extracted.unique, at).toBe(indexConfig.unique);
        expect(extracted.name, at).toBe(indexConfig.name ?? kitIndex?.name);
        expect(extracted.where !== undefined, at).toBe(indexConfig.where !== undefined);
        const method = indexConfig.method ?? indexConfig.using;
        expect(extracted.using ?? (fixture.dialect === 'pg' ? 'btree' : undefined), at).toBe(method);
      });
      counts.indexes += config.indexes.length;

      expect(
        table.uniques.map((unique) => ({
          name: unique.name,
          columns: unique.columns,
          nullsNotDistinct: unique.nullsNotDistinct ?? false,
        })),
        `${where} unique constraints`,
      ).toEqual(
        config.uniqueConstraints.map((unique) => ({
          name: unique.name,
          columns: sqlNames(unique.columns),
          nullsNotDistinct: (unique as { nullsNotDistinct?: boolean }).nullsNotDistinct ?? false,
        })),
      );
      counts.uniques += config.uniqueConstraints.length;

      expect(
        table.checks.map((check) => check.name),
        `${where} checks`,
      ).toEqual(config.checks.map((check) => check.name));
      counts.checks += config.checks.length;
    }
  });
});
