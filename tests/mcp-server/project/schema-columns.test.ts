/**
 * extractSchema on inline sources, column by column: SQL names given or taken from the key (and cased),
 * types with their options, `.array()`, `$type`, and defaults of every kind with their source text. The
 * expected values are what drizzle-orm 0.45 reports at run time for the same code.
 */
import { describe, expect, it } from 'vitest';
import type { Casing } from '../../../mcp-server/project/drizzle-columns.js';
import type { Column } from '../../../mcp-server/project/model.js';
import { inMemoryProject, source } from './in-memory.js';

const EVENTS = source(
  "import { sql } from 'drizzle-orm';",
  'import {',
  '  bigserial, boolean, integer, jsonb, numeric, pgTable, serial, text, timestamp, uuid, varchar,',
  "} from 'drizzle-orm/pg-core';",
  '',
  "export const events = pgTable('events', {",
  '  id: uuid().primaryKey().defaultRandom(),',
  "  seq: bigserial({ mode: 'number' }),",
  '  counter: serial(),',
  '  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),',
  "  updatedAt: timestamp('changed_at', { precision: 3, mode: 'string' }).$onUpdate(() => new Date().toISOString()),",
  "  title: varchar({ length: 120 }).notNull().default('untitled'),",
  '  score: numeric({ precision: 10, scale: 2 }).default(sql`0`),',
  '  active: boolean().default(true),',
  '  tags: text().array().notNull().default(sql`ARRAY[]::text[]`),',
  '  grid: integer().array(3),',
  '  payload: jsonb().$type<{ kind: string }>().notNull(),',
  '  token: text().$defaultFn(() => crypto.randomUUID()).unique(),',
  '  rank: integer().generatedAlwaysAsIdentity({ startWith: 10 }),',
  "  legacyRef: integer('LegacyRef'),",
  '  XMLHttpRequestId: integer(),',
  '});',
);

const eventsWith = (casing?: Casing) =>
  inMemoryProject({ 'src/db/schema/events.ts': EVENTS }, casing === undefined ? {} : { casing }).table(
    'events',
  );

const byKey = (columns: Column[]) => new Map(columns.map((column) => [column.key, column]));

describe('column names', () => {
  it('uses the key when no SQL name is given, and the given name as it is written', () => {
    const columns = eventsWith().columns;
    expect(columns.map((column) => [column.key, column.sqlName])).toEqual([
      ['id', 'id'],
      ['seq', 'seq'],
      ['counter', 'counter'],
      ['createdAt', 'createdAt'],
      ['updatedAt', 'changed_at'],
      ['title', 'title'],
      ['score', 'score'],
      ['active', 'active'],
      ['tags', 'tags'],
      ['grid', 'grid'],
      ['payload', 'payload'],
      ['token', 'token'],
      ['rank', 'rank'],
      ['legacyRef', 'LegacyRef'],
      ['XMLHttpRequestId', 'XMLHttpRequestId'],
    ]);
  });

  it("applies casing: 'snake_case' to key-named columns only, as drizzle's toSnakeCase does", () => {
    const names = byKey(eventsWith('snake_case').columns);
    expect(names.get('createdAt')!.sqlName).toBe('created_at');
    expect(names.get('XMLHttpRequestId')!.sqlName).toBe('xml_http_request_id');
    expect(names.get('updatedAt')!.sqlName).toBe('changed_at');
    expect(names.get('legacyRef')!.sqlName).toBe('LegacyRef');
  });

  it("applies casing: 'camelCase' the same way", () => {
    const names = byKey(eventsWith('camelCase').columns);
    expect(names.get('XMLHttpRequestId')!.sqlName).toBe('xmlHttpRequestId');
    expect(names.get('createdAt')!.sqlName).toBe('createdAt');
    expect(names.get('updatedAt')!.sqlName).toBe('changed_at');
  });
});

describe('column types and flags', () => {
  const columns = byKey(eventsWith().columns);
  const flags = (key: string) => {
    const column = columns.get(key)!;
    return [column.sqlType, column.notNull, column.primaryKey, column.unique, column.hasDefault];
  };

  it("spells each type as drizzle's getSQLType() does", () => {
    expect(flags('id')).toEqual(['uuid', true, true, false, true]);
    expect(flags('createdAt')).toEqual(['timestamp with time zone', true, false, false, true]);
    expect(flags('updatedAt')).toEqual(['timestamp(3)', false, false, false, true]);
    expect(flags('title')).toEqual(['varchar(120)', true, false, false, true]);
    expect(flags('score')).toEqual(['numeric(10, 2)', false, false, false, true]);
    expect(flags('payload')).toEqual(['jsonb', true, false, false, false]);
  });

  it('makes serials not null with a default without any modifier', () => {
    expect(flags('seq')).toEqual(['bigserial', true, false, false, true]);
    expect(flags('counter')).toEqual(['serial', true, false, false, true]);
    expect(columns.get('counter')!.default).toBeUndefined();
  });

  it('types .array() as an array, with its size, and $type changes nothing', () => {
    expect(flags('tags')).toEqual(['text[]', true, false, false, true]);
    expect(flags('grid')).toEqual(['integer[3]', false, false, false, false]);
  });

  it('drops modifiers written before .array(), since drizzle builds a new column there', () => {
    const table = inMemoryProject({
      'src/db/schema/t.ts': source(
        "import { text, pgTable } from 'drizzle-orm/pg-core';",
        "export const t = pgTable('t', {",
        '  before: text().notNull().array(),',
        "  after: text().default('x').array().notNull(),",
        '  typed: text().array().$type<("a" | "b")[]>(),',
        '});',
      ),
    }).table('t');
    expect(
      table.columns.map((column) => [column.key, column.sqlType, column.notNull, column.hasDefault]),
    ).toEqual([
      ['before', 'text[]', false, false],
      ['after', 'text[]', true, false],
      ['typed', 'text[]', false, false],
    ]);
  });

  it('marks .unique() columns unique', () => {
    expect(flags('token')).toEqual(['text', false, false, true, true]);
  });
});

describe('defaults', () => {
  it('keeps the source text of every kind of default', () => {
    const columns = byKey(eventsWith().columns);
    const defaults = [...columns.values()]
      .filter((column) => column.default !== undefined)
      .map((column) => [column.key, column.default]);
    expect(defaults).toEqual([
      ['id', 'defaultRandom()'],
      ['createdAt', 'defaultNow()'],
      ['updatedAt', '$onUpdate(() => new Date().toISOString())'],
      ['title', "default('untitled')"],
      ['score', 'default(sql`0`)'],
      ['active', 'default(true)'],
      ['tags', 'default(sql`ARRAY[]::text[]`)'],
      ['token', '$defaultFn(() => crypto.randomUUID())'],
      ['rank', 'generatedAlwaysAsIdentity({ startWith: 10 })'],
    ]);
    expect(columns.get('rank')).toMatchObject({ notNull: true, hasDefault: true });
  });

  it('covers $default, $onUpdateFn, default(null), identity by default, and a generated column (no default)', () => {
    const table = inMemoryProject({
      'src/db/schema/t.ts': source(
        "import { sql } from 'drizzle-orm';",
        "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
        "export const t = pgTable('t', {",
        '  a: integer().$default(() => 1),',
        '  b: integer().$onUpdateFn(() => 2),',
        '  c: text().default(null),',
        '  d: integer().generatedByDefaultAsIdentity(),',
        '  e: integer().generatedAlwaysAs(sql`1 + 1`),',
        '});',
      ),
    }).table('t');
    expect(
      table.columns.map((column) => [column.key, column.notNull, column.hasDefault, column.default]),
    ).toEqual([
      ['a', false, true, '$default(() => 1)'],
      ['b', false, true, '$onUpdateFn(() => 2)'],
      ['c', false, true, 'default(null)'],
      ['d', true, true, 'generatedByDefaultAsIdentity()'],
      ['e', false, false, undefined],
    ]);
  });

  it('covers MySQL autoincrement and onUpdateNow, and SQLite sql defaults', () => {
    const project = inMemoryProject(
      {
        'm.ts': source(
          "import { datetime, int, mysqlTable, timestamp } from 'drizzle-orm/mysql-core';",
          "export const m = mysqlTable('m', {",
          '  id: int().autoincrement().primaryKey(),',
          '  at: timestamp({ fsp: 3 }).onUpdateNow(),',
          '  d: datetime({ fsp: 2 }),',
          '});',
        ),
        's.ts': source(
          "import { sql } from 'drizzle-orm';",
          "import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';",
          "export const s = sqliteTable('s', {",
          "  at: integer({ mode: 'timestamp' }).default(sql`(unixepoch())`),",
          '});',
        ),
      },
      { schemaFiles: ['m.ts', 's.ts'] },
    );
    expect(
      project
        .table('m')
        .columns.map((column) => [column.key, column.sqlType, column.hasDefault, column.default]),
    ).toEqual([
      ['id', 'int', true, 'autoincrement()'],
      ['at', 'timestamp(3)', true, 'onUpdateNow()'],
      ['d', 'datetime(2)', false, undefined],
    ]);
    expect(project.table('s').columns[0]).toMatchObject({
      sqlType: 'integer',
      hasDefault: true,
      default: 'default(sql`(unixepoch())`)',
    });
  });
});
