// A small schema for the test-factory suites, on PGlite through the real model factory: users own foods
// and posts; a post has two user columns (author and reviewer) and a composite-key table has no single key.
import { PGlite } from '@electric-sql/pglite';
import { integer, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { createModelFactory } from 'many-first/model-factory';
import { StatementLog } from '../model-factory/harness.js';

export const users = pgTable('users', {
  id: serial().primaryKey(),
  email: text().notNull().unique(),
  name: text().notNull(),
  role: text({ enum: ['member', 'admin'] })
    .notNull()
    .default('member'),
});

export const foods = pgTable('foods', {
  id: serial().primaryKey(),
  name: text().notNull(),
  kind: text({ enum: ['whole', 'processed'] }).notNull(),
  fatGrams: integer(),
  createdById: integer().references(() => users.id),
});

export const posts = pgTable('posts', {
  id: serial().primaryKey(),
  title: text().notNull(),
  authorId: integer()
    .notNull()
    .references(() => users.id),
  reviewerId: integer().references(() => users.id),
});

/** Its key is two columns, so nothing says which one a column defaulting to its factory would take. */
export const memberships = pgTable(
  'memberships',
  { userId: integer().notNull(), team: text().notNull() },
  (table) => [primaryKey({ columns: [table.userId, table.team] })],
);

/** No foreign key to memberships, which has no single-column key: an owner default here cannot resolve. */
export const badges = pgTable('badges', { id: serial().primaryKey(), holder: text() });

const ddl = `
create table users (id serial primary key, email text not null unique, name text not null, role text not null default 'member');
create table foods (id serial primary key, name text not null, kind text not null, fat_grams integer, created_by_id integer references users (id));
create table posts (id serial primary key, title text not null, author_id integer not null references users (id), reviewer_id integer references users (id));
create table memberships (user_id integer not null, team text not null, primary key (user_id, team));
create table badges (id serial primary key, holder text);
`;

export async function openDatabase() {
  const client = await PGlite.create();
  await client.exec(ddl);
  const log = new StatementLog();
  const db = drizzle(client, { casing: 'snake_case', logger: log });
  return {
    db,
    log,
    users: createModelFactory(db, 'users', users),
    foods: createModelFactory(db, 'foods', foods),
    posts: createModelFactory(db, 'posts', posts),
    memberships: createModelFactory(db, 'memberships', memberships),
    badges: createModelFactory(db, 'badges', badges),
    reset: () => client.exec('truncate users, foods, posts, memberships, badges restart identity cascade'),
    close: () => client.close(),
  };
}
