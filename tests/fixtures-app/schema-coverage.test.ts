import { createTableRelationsHelpers, getTableName, is, Many, One, Relations, SQL } from 'drizzle-orm';
import { getTableConfig, PgTable, type IndexedColumn } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '@/lib/db';
import { timestamps } from '@/lib/db/columns';

// The fixture app is the test bed of the static analysis: these tests pin down, through drizzle's own
// runtime view, that every schema feature the inspection model promises is present somewhere.
const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
const configs = tables.map((table) => getTableConfig(table));
const config = (table: PgTable) => getTableConfig(table);
const allColumns = configs.flatMap((table) => table.columns.map((column) => ({ table: table.name, column })));

describe('the fixture schema', () => {
  it('has 30 tables across the eight schema files', () => {
    expect(tables).toHaveLength(30);
  });

  it('omits SQL names so casing decides them (drizzle reports the key until the query is built)', () => {
    const createdAt = config(schema.users).columns.find((column) => column.name === 'createdAt');
    expect(createdAt?.keyAsName).toBe(true);
    const explicit = config(schema.users).columns.find((column) => column.name === 'display_name');
    expect(explicit?.keyAsName).toBe(false);
  });

  it('spreads the shared timestamps group into many tables', () => {
    const withGroup = configs.filter((table) =>
      Object.keys(timestamps).every((key) => table.columns.some((column) => column.name === key)),
    );
    expect(withGroup.length).toBeGreaterThanOrEqual(15);
  });

  it('uses enums, arrays, typed jsonb and a varied set of SQL types', () => {
    const types = new Set(allColumns.map(({ column }) => column.getSQLType()));
    for (const type of [
      'uuid',
      'varchar(320)',
      'numeric(7, 2)',
      'integer',
      'smallint',
      'bigint',
      'boolean',
      'timestamp with time zone',
      'date',
      'double precision',
      'real',
      'char(3)',
      'inet',
      'jsonb',
      'text',
      'text[]',
      'uuid[]',
      'serial',
      'bigserial',
      'user_role',
    ]) {
      expect(types, type).toContain(type);
    }
    expect(allColumns.some(({ column }) => column.columnType === 'PgEnumColumn')).toBe(true);
    expect(allColumns.some(({ column }) => column.columnType === 'PgText' && column.enumValues?.length)).toBe(
      true,
    );
  });

  it('has every kind of default', () => {
    const columns = allColumns.map(({ column }) => column);
    const literal = columns.filter((column) => column.default !== undefined && !is(column.default, SQL));
    expect(literal.map((column) => typeof column.default)).toEqual(
      expect.arrayContaining(['string', 'number', 'boolean', 'object']),
    );
    expect(columns.some((column) => column.defaultFn !== undefined)).toBe(true);
    expect(columns.some((column) => column.onUpdateFn !== undefined)).toBe(true);
    expect(columns.some((column) => column.generatedIdentity?.type === 'always')).toBe(true);
    expect(columns.some((column) => column.generatedIdentity?.type === 'byDefault')).toBe(true);
    expect(columns.some((column) => column.generated?.type === 'always')).toBe(true);
    expect(columns.filter((column) => is(column.default, SQL)).length).toBeGreaterThanOrEqual(3);
    // defaultNow() and defaultRandom() are SQL defaults too; serial columns default through their sequence.
    expect(columns.some((column) => column.columnType === 'PgSerial' && column.hasDefault)).toBe(true);
  });

  it('has composite primary keys, unique constraints (one nulls-not-distinct) and checks', () => {
    expect(configs.filter((table) => table.primaryKeys.length > 0).map((table) => table.name)).toEqual(
      expect.arrayContaining([
        'accounts',
        'verification_tokens',
        'food_tags',
        'recipe_tags',
        'recipe_ratings',
      ]),
    );
    expect(config(schema.accounts).columns.every((column) => !column.primary)).toBe(true);
    expect(config(schema.tags).uniqueConstraints[0]?.nullsNotDistinct).toBe(true);
    expect(allColumns.filter(({ column }) => column.isUnique).length).toBeGreaterThanOrEqual(5);
    expect(configs.reduce((sum, table) => sum + table.checks.length, 0)).toBeGreaterThanOrEqual(10);
  });

  it('has indexes: plain, unique, partial (where), descending and on an expression', () => {
    const indexes = configs.flatMap((table) => table.indexes.map((index) => index.config));
    expect(indexes.some((index) => index.unique)).toBe(true);
    expect(indexes.some((index) => index.where !== undefined)).toBe(true);
    const indexColumns = indexes.flatMap((index) => index.columns);
    expect(indexColumns.some((column) => is(column, SQL))).toBe(true);
    expect(
      indexColumns.some(
        (column) => !is(column, SQL) && (column as Partial<IndexedColumn>).indexConfig?.order === 'desc',
      ),
    ).toBe(true);
    expect(indexes.some((index) => index.name === undefined)).toBe(true);
  });

  it('reads the object form of the third argument like the array form', () => {
    const tags = config(schema.tags);
    expect(tags.indexes.map((index) => index.config.name).sort()).toEqual([
      'tags_group_id_idx',
      'tags_parent_id_idx',
    ]);
    expect(tags.checks.map((check) => check.name)).toEqual(['tags_color_is_hex']);
    expect(tags.uniqueConstraints.map((unique) => unique.name)).toEqual(['tags_owner_slug_key']);
  });

  it('has foreign keys from .references() and from foreignKey(), with actions, and self-references', () => {
    const entries = config(schema.mealPlanEntries).foreignKeys;
    const named = entries.find((key) => key.getName() === 'meal_plan_entries_meal_plan_fk');
    expect(named?.onDelete).toBe('cascade');
    expect(named?.onUpdate).toBe('cascade');
    const selfReferencing = configs.filter((table) =>
      table.foreignKeys.some((key) => getTableName(key.reference().foreignTable) === table.name),
    );
    expect(selfReferencing.map((table) => table.name).sort()).toEqual([
      'agent_runs',
      'recipes',
      'tags',
      'users',
    ]);
    const actions = new Set(
      configs.flatMap((table) => table.foreignKeys.flatMap((key) => [key.onDelete, key.onUpdate])),
    );
    expect([...actions]).toEqual(expect.arrayContaining(['cascade', 'set null', 'restrict', 'no action']));
  });

  it('puts billing money in a pgSchema and prefixes the agent tables through pgTableCreator', () => {
    expect(config(schema.invoices).schema).toBe('billing');
    expect(config(schema.plans).schema).toBeUndefined();
    expect(getTableName(schema.agents)).toBe('agent_definitions');
    expect(getTableName(schema.agentRuns)).toBe('agent_runs');
  });

  it('defines relations (one and many, with relation names) for the relational query API', () => {
    const relations = (Object.values(schema) as unknown[])
      .filter((value): value is Relations => is(value, Relations))
      .flatMap((value) => Object.values(value.config(createTableRelationsHelpers(value.table))));
    expect(relations.filter((relation) => is(relation, One)).length).toBeGreaterThanOrEqual(25);
    expect(relations.filter((relation) => is(relation, Many)).length).toBeGreaterThanOrEqual(15);
    const named = relations.filter((relation) => relation.relationName !== undefined);
    expect(new Set(named.map((relation) => relation.relationName))).toEqual(
      new Set(['invitations', 'tag_tree', 'forks', 'sub_runs']),
    );
  });
});
