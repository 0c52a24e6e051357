/**
 * extractSchema on inline sources: which exports are tables, in each dialect, with their SQL names,
 * database schema, file and line; enums; table creators; relations(). The expected values are what
 * drizzle-orm 0.45 reports at run time for the same code (getTableConfig, column.getSQLType()).
 */
import { describe, expect, it } from 'vitest';
import { inMemoryProject, source } from './in-memory.js';

const PG_SCHEMA = source(
  "import { relations } from 'drizzle-orm';",
  "import { integer, pgEnum, pgSchema, pgTable, pgTableCreator, text } from 'drizzle-orm/pg-core';",
  '',
  "export const mood = pgEnum('mood', ['sad', 'ok', 'happy']);",
  '',
  "export const authors = pgTable('authors', {",
  '  id: integer().primaryKey(),',
  "  mood: mood('mood').notNull(),",
  '  moods: mood().array(),',
  '});',
  '',
  "export const billing = pgSchema('billing');",
  "export const invoiceStatus = billing.enum('invoice_status', ['open', 'paid']);",
  "export const invoices = billing.table('invoices', {",
  "  id: integer('id').primaryKey(),",
  "  authorId: integer('author_id').references(() => authors.id),",
  "  status: invoiceStatus('status').default('open'),",
  '});',
  '',
  'const appTable = pgTableCreator((name) => `app_${name}`);',
  "export const posts = appTable('posts', {",
  "  id: integer('id').primaryKey(),",
  "  authorId: integer('author_id').notNull(),",
  "  title: text('title'),",
  '});',
  '',
  'export const authorsRelations = relations(authors, ({ many }) => ({',
  '  posts: many(posts),',
  '}));',
  'export const postsRelations = relations(posts, ({ one }) => ({',
  "  author: one(authors, { fields: [posts.authorId], references: [authors.id], relationName: 'writer' }),",
  '}));',
);

describe('Postgres tables', () => {
  const project = inMemoryProject({ 'src/db/schema/blog.ts': PG_SCHEMA });

  it('finds every exported table, and only tables, in declaration order with file and line', () => {
    const { tables, diagnostics } = project.schema();
    expect(diagnostics).toEqual([]);
    expect(tables.map((table) => [table.name, table.sqlName, table.dialect, table.file, table.line])).toEqual(
      [
        ['authors', 'authors', 'pg', 'src/db/schema/blog.ts', 6],
        ['invoices', 'invoices', 'pg', 'src/db/schema/blog.ts', 14],
        ['posts', 'app_posts', 'pg', 'src/db/schema/blog.ts', 21],
      ],
    );
  });

  it('types enum columns by the enum name and keeps their values, arrays of enums included', () => {
    expect(project.table('authors').columns).toEqual([
      {
        key: 'id',
        sqlName: 'id',
        sqlType: 'integer',
        notNull: true,
        primaryKey: true,
        unique: false,
        hasDefault: false,
      },
      {
        key: 'mood',
        sqlName: 'mood',
        sqlType: 'mood',
        notNull: true,
        primaryKey: false,
        unique: false,
        hasDefault: false,
        enumValues: ['sad', 'ok', 'happy'],
      },
      {
        key: 'moods',
        sqlName: 'moods',
        sqlType: 'mood[]',
        notNull: false,
        primaryKey: false,
        unique: false,
        hasDefault: false,
        enumValues: ['sad', 'ok', 'happy'],
      },
    ]);
    expect(project.table('authors').primaryKey).toEqual(['id']);
  });

  it("puts pgSchema('billing').table in its schema, with the schema's enum and a reference", () => {
    const invoices = project.table('invoices');
    expect(invoices.schema).toBe('billing');
    expect(invoices.columns.map((column) => [column.key, column.sqlName, column.sqlType])).toEqual([
      ['id', 'id', 'integer'],
      ['authorId', 'author_id', 'integer'],
      ['status', 'status', 'invoice_status'],
    ]);
    expect(invoices.columns[1]!.references).toEqual({ table: 'authors', column: 'id' });
    expect(invoices.columns[2]).toMatchObject({
      hasDefault: true,
      default: "default('open')",
      enumValues: ['open', 'paid'],
    });
    expect(invoices.foreignKeys).toEqual([
      {
        name: 'invoices_author_id_authors_id_fk',
        columns: ['author_id'],
        foreignTable: 'authors',
        foreignColumns: ['id'],
      },
    ]);
    expect(project.table('authors').schema).toBeUndefined();
  });

  it("names a table built by pgTableCreator with the creator's prefix", () => {
    const posts = project.table('posts');
    expect(posts.sqlName).toBe('app_posts');
    expect(posts.columns.map((column) => column.sqlName)).toEqual(['id', 'author_id', 'title']);
  });

  it('reads relations() on both sides: kind, target export, fields, references and relationName', () => {
    expect(project.table('authors').relations).toEqual([{ name: 'posts', kind: 'many', target: 'posts' }]);
    expect(project.table('posts').relations).toEqual([
      {
        name: 'author',
        kind: 'one',
        target: 'authors',
        fields: ['authorId'],
        references: ['id'],
        relationName: 'writer',
      },
    ]);
    expect(project.table('invoices').relations).toEqual([]);
  });
});

describe('other ways to declare a table', () => {
  it('reads the columns callback form, nested arrays, and a default export', () => {
    const project = inMemoryProject({
      'src/db/schema/misc.ts': source(
        "import { index, integer, pgTable } from 'drizzle-orm/pg-core';",
        '',
        "export const labels = pgTable('labels', (t) => ({",
        '  id: t.integer().primaryKey(),',
        '  grid: t.varchar({ length: 20 }).array().array(),',
        "}), (t) => [index('labels_grid_idx').on(t.grid.desc())]);",
        '',
        "export default pgTable('fallbacks', { id: integer() });",
      ),
    });
    expect(project.schema().diagnostics).toEqual([]);
    const labels = project.table('labels');
    expect(labels.columns.map((column) => [column.key, column.sqlType, column.primaryKey])).toEqual([
      ['id', 'integer', true],
      ['grid', 'varchar(20)[][]', false],
    ]);
    expect(labels.indexes).toEqual([{ name: 'labels_grid_idx', columns: ['grid'], unique: false }]);
    expect(project.table('default')).toMatchObject({ sqlName: 'fallbacks', line: 8 });
  });
});

describe('SQLite and MySQL tables', () => {
  const project = inMemoryProject(
    {
      'src/db/schema/notes.ts': source(
        "import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';",
        '',
        "export const notes = sqliteTable('notes', {",
        '  id: integer().primaryKey({ autoIncrement: true }),',
        "  body: text('body', { length: 200 }).notNull(),",
        "  kind: text({ enum: ['plain', 'todo'] }),",
        "  meta: text({ mode: 'json' }),",
        "  done: integer('done', { mode: 'boolean' }).default(false),",
        '});',
      ),
      'src/db/schema/users.ts': source(
        "import { int, mysqlEnum, mysqlTable, serial, varchar } from 'drizzle-orm/mysql-core';",
        '',
        "export const users = mysqlTable('users', {",
        '  id: serial().primaryKey(),',
        "  email: varchar('email', { length: 255 }).notNull().unique(),",
        "  role: mysqlEnum('role', ['admin', 'member']).default('member'),",
        '  visits: int({ unsigned: true }),',
        '});',
      ),
    },
    { schemaFiles: ['src/db/schema/notes.ts', 'src/db/schema/users.ts'] },
  );

  it('reads sqliteTable: an integer primary key has a default (the rowid), text length, enum and json modes', () => {
    const notes = project.table('notes');
    expect([notes.dialect, notes.sqlName, notes.line]).toEqual(['sqlite', 'notes', 3]);
    expect(
      notes.columns.map((column) => [column.key, column.sqlType, column.notNull, column.hasDefault]),
    ).toEqual([
      ['id', 'integer', true, true],
      ['body', 'text(200)', true, false],
      ['kind', 'text', false, false],
      ['meta', 'text', false, false],
      ['done', 'integer', false, true],
    ]);
    expect(notes.columns[2]!.enumValues).toEqual(['plain', 'todo']);
    expect(notes.columns[4]!.default).toBe('default(false)');
  });

  it('reads mysqlTable: serial, unsigned ints, varchar length, unique and mysqlEnum', () => {
    const users = project.table('users');
    expect([users.dialect, users.sqlName, users.line]).toEqual(['mysql', 'users', 3]);
    expect(users.columns).toEqual([
      {
        key: 'id',
        sqlName: 'id',
        sqlType: 'serial',
        notNull: true,
        primaryKey: true,
        unique: false,
        hasDefault: true,
      },
      {
        key: 'email',
        sqlName: 'email',
        sqlType: 'varchar(255)',
        notNull: true,
        primaryKey: false,
        unique: true,
        hasDefault: false,
      },
      {
        key: 'role',
        sqlName: 'role',
        sqlType: "enum('admin','member')",
        notNull: false,
        primaryKey: false,
        unique: false,
        hasDefault: true,
        default: "default('member')",
        enumValues: ['admin', 'member'],
      },
      {
        key: 'visits',
        sqlName: 'visits',
        sqlType: 'int unsigned',
        notNull: false,
        primaryKey: false,
        unique: false,
        hasDefault: false,
      },
    ]);
  });
});
