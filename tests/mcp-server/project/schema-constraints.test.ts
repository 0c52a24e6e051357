/**
 * extractSchema on inline sources: the third argument of the table function in its array and object
 * forms, composite primary keys, foreignKey(), unique(), check() and indexes, with constraint names as
 * drizzle-kit writes them (its defaults follow the raw column names, then the casing).
 */
import { describe, expect, it } from 'vitest';
import { inMemoryProject, source } from './in-memory.js';

const SCHEMA = source(
  "import { sql } from 'drizzle-orm';",
  'import {',
  '  check, foreignKey, index, integer, pgTable, primaryKey, text, unique, uniqueIndex,',
  "} from 'drizzle-orm/pg-core';",
  '',
  "export const users = pgTable('users', {",
  '  id: integer().primaryKey(),',
  '  orgId: integer().notNull(),',
  '  email: text().notNull(),',
  '  age: integer(),',
  '}, (t) => [',
  "  unique('users_org_email_key').on(t.orgId, t.email),",
  "  check('users_age_check', sql`${t.age} >= 0`),",
  '  index().on(t.orgId),',
  "  uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),",
  ']);',
  '',
  "export const memberships = pgTable('memberships', {",
  '  userId: integer().notNull(),',
  '  groupId: integer().notNull(),',
  '  role: text(),',
  '}, (t) => ({',
  '  pk: primaryKey({ columns: [t.userId, t.groupId] }),',
  "  userFk: foreignKey({ columns: [t.userId], foreignColumns: [users.id], name: 'memberships_user_fk' }).onDelete('cascade'),",
  "  roleIdx: index('memberships_role_idx').using('btree', t.role).where(sql`${t.role} is not null`),",
  '  pair: unique().on(t.groupId, t.role).nullsNotDistinct(),',
  '}));',
  '',
  "export const grants = pgTable('grants', {",
  '  userId: integer(),',
  '  groupId: integer(),',
  '  scope: text(),',
  '}, (t) => [',
  "  primaryKey({ name: 'grants_pk', columns: [t.userId, t.groupId, t.scope] }),",
  "  foreignKey({ columns: [t.userId, t.groupId], foreignColumns: [memberships.userId, memberships.groupId] }).onUpdate('cascade'),",
  ']);',
);

const plain = inMemoryProject({ 'src/db/schema/access.ts': SCHEMA });
const snake = inMemoryProject({ 'src/db/schema/access.ts': SCHEMA }, { casing: 'snake_case' });

describe('the array form of the third argument', () => {
  const users = plain.table('users');

  it('reads unique() with its name and columns', () => {
    expect(users.uniques).toEqual([{ name: 'users_org_email_key', columns: ['orgId', 'email'] }]);
  });

  it('reads check() with its name, the sql text and the SQL it stands for', () => {
    expect(users.checks).toEqual([{ name: 'users_age_check', expression: '${t.age} >= 0', sql: 'age >= 0' }]);
  });

  it('writes a check as SQL: columns by SQL name (quoted when they must be), fragments spliced, literals inline', () => {
    const checks = (casing?: 'snake_case') =>
      inMemoryProject(
        {
          'src/db/schema/links.ts': source(
            "import { sql } from 'drizzle-orm';",
            "import { check, integer, pgTable, text } from 'drizzle-orm/pg-core';",
            "const httpUrl = sql`'^https?://'`;",
            'const MAX = 10;',
            "export const links = pgTable('links', {",
            '  url: text().notNull(),',
            '  clickCount: integer(),',
            "  Title: text('Title'),",
            '}, (t) => [',
            "  check('links_url_http', sql`${t.url} ~ ${httpUrl}`),",
            "  check('links_clicks_range', sql`${t.clickCount} between 0 and ${MAX}`),",
            "  check('links_title_set', sql`${t.Title} is not null`),",
            ']);',
          ),
        },
        casing === undefined ? {} : { casing },
      )
        .table('links')
        .checks.map((check) => check.sql);
    expect(checks()).toEqual([`url ~ '^https?://'`, '"clickCount" between 0 and 10', '"Title" is not null']);
    expect(checks('snake_case')).toEqual([
      `url ~ '^https?://'`,
      'click_count between 0 and 10',
      '"Title" is not null',
    ]);
  });

  it("reads indexes, naming an unnamed one as drizzle-kit does and keeping an expression's text", () => {
    expect(users.indexes).toEqual([
      { name: 'users_orgId_index', columns: ['orgId'], unique: false },
      { name: 'users_email_lower_idx', columns: ['lower(${t.email})'], unique: true },
    ]);
  });

  it('reads a named composite primaryKey() and a composite foreignKey() with onUpdate', () => {
    const grants = plain.table('grants');
    expect(grants.primaryKey).toEqual(['userId', 'groupId', 'scope']);
    expect(grants.columns.map((column) => column.primaryKey)).toEqual([false, false, false]);
    expect(grants.foreignKeys).toEqual([
      {
        name: 'grants_userId_groupId_memberships_userId_groupId_fk',
        columns: ['userId', 'groupId'],
        foreignTable: 'memberships',
        foreignColumns: ['userId', 'groupId'],
        onUpdate: 'cascade',
      },
    ]);
  });
});

describe('the object form of the third argument', () => {
  const memberships = plain.table('memberships');

  it('reads a composite key: in Table.primaryKey, and not on the columns (drizzle’s column.primary)', () => {
    expect(memberships.primaryKey).toEqual(['userId', 'groupId']);
    expect(memberships.columns.map((column) => [column.key, column.primaryKey, column.notNull])).toEqual([
      ['userId', false, true],
      ['groupId', false, true],
      ['role', false, false],
    ]);
  });

  it('reads a named foreignKey() with onDelete, and puts it on the column, as drizzle does at run time', () => {
    expect(memberships.foreignKeys).toEqual([
      {
        name: 'memberships_user_fk',
        columns: ['userId'],
        foreignTable: 'users',
        foreignColumns: ['id'],
        onDelete: 'cascade',
      },
    ]);
    expect(memberships.columns[0]!.references).toEqual({ table: 'users', column: 'id', onDelete: 'cascade' });
  });

  it('reads using() and where() of an index, and nullsNotDistinct() of an unnamed unique()', () => {
    expect(memberships.indexes).toEqual([
      {
        name: 'memberships_role_idx',
        columns: ['role'],
        unique: false,
        using: 'btree',
        where: '${t.role} is not null',
      },
    ]);
    expect(memberships.uniques).toEqual([
      { name: 'memberships_groupId_role_unique', columns: ['groupId', 'role'], nullsNotDistinct: true },
    ]);
  });
});

describe('constraints under snake_case', () => {
  it('cases the columns, default index and foreign key names, but names unique() from the raw names', () => {
    expect(snake.table('users').indexes[0]).toEqual({
      name: 'users_org_id_index',
      columns: ['org_id'],
      unique: false,
    });
    expect(snake.table('users').uniques).toEqual([
      { name: 'users_org_email_key', columns: ['org_id', 'email'] },
    ]);
    expect(snake.table('memberships').primaryKey).toEqual(['user_id', 'group_id']);
    expect(snake.table('memberships').uniques[0]).toEqual({
      name: 'memberships_groupId_role_unique',
      columns: ['group_id', 'role'],
      nullsNotDistinct: true,
    });
    expect(snake.table('grants').foreignKeys[0]).toMatchObject({
      name: 'grants_user_id_group_id_memberships_user_id_group_id_fk',
      columns: ['user_id', 'group_id'],
      foreignColumns: ['user_id', 'group_id'],
    });
  });
});

describe('column-level references', () => {
  it('reads .references() with its actions as a column reference and a foreign key', () => {
    const table = inMemoryProject({
      'src/db/schema/posts.ts': source(
        "import { integer, pgTable } from 'drizzle-orm/pg-core';",
        "export const people = pgTable('people', { id: integer().primaryKey() });",
        "export const posts = pgTable('posts', {",
        "  authorId: integer('author_id').references(() => people.id, { onDelete: 'set null', onUpdate: 'cascade' }),",
        '  parentId: integer().references((): AnyPgColumn => posts.authorId),',
        '});',
        "type AnyPgColumn = import('drizzle-orm/pg-core').AnyPgColumn;",
      ),
    }).table('posts');
    expect(table.columns.map((column) => column.references)).toEqual([
      { table: 'people', column: 'id', onDelete: 'set null', onUpdate: 'cascade' },
      { table: 'posts', column: 'author_id' },
    ]);
    expect(table.foreignKeys.map((foreignKey) => foreignKey.name)).toEqual([
      'posts_author_id_people_id_fk',
      'posts_parentId_posts_author_id_fk',
    ]);
  });
});
