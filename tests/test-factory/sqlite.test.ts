// The same factories on SQLite (libsql), through the real model factory: owners found from SQLite's
// foreign keys, and one insert per owner factory.
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelFactory } from 'many-first/model-factory';
import { defineFactory } from 'many-first/test-factory';
import { StatementLog } from '../model-factory/harness.js';

const users = sqliteTable('users', {
  id: integer().primaryKey({ autoIncrement: true }),
  email: text().notNull().unique(),
});
/** Posts reference its unique `id`, not its primary key `slug`: the owner's key comes from the foreign key. */
const teams = sqliteTable('teams', { slug: text().primaryKey(), id: integer().notNull().unique() });
const posts = sqliteTable('posts', {
  id: integer().primaryKey({ autoIncrement: true }),
  title: text().notNull(),
  authorId: integer()
    .notNull()
    .references(() => users.id),
  teamId: integer().references(() => teams.id),
});

const client = createClient({ url: ':memory:' });
const log = new StatementLog();
const db = drizzle(client, { casing: 'snake_case', logger: log });

const userFactory = defineFactory(users, {
  insert: createModelFactory(db, 'users', users).insert,
  defaults: ({ sequence }) => ({ email: `user${sequence}@example.test` }),
});
const teamFactory = defineFactory(teams, {
  insert: createModelFactory(db, 'teams', teams).insert,
  defaults: ({ sequence }) => ({ slug: `team-${sequence}`, id: 1000 + sequence }),
});
const postFactory = defineFactory(posts, {
  insert: createModelFactory(db, 'posts', posts).insert,
  defaults: ({ sequence }) => ({ title: `Post ${sequence}`, authorId: userFactory }),
  traits: { inTeam: { teamId: teamFactory } },
});

beforeAll(async () => {
  await client.batch([
    'pragma foreign_keys = on',
    'create table users (id integer primary key autoincrement, email text not null unique)',
    'create table teams (slug text primary key, id integer not null unique)',
    'create table posts (id integer primary key autoincrement, title text not null, author_id integer not null references users (id), team_id integer references teams (id))',
  ]);
});
afterAll(() => client.close());

describe('on libsql', () => {
  it('creates the owners of many rows in one insert each, keyed by the referenced column', async () => {
    const mark = log.statements.length;
    const created = await postFactory.inTeam().createMany(3);
    expect(log.insertsSince(mark)).toHaveLength(3); // users, teams, posts
    expect(created.map((post) => post.authorId)).toEqual([1, 2, 3]);
    expect(created.map((post) => post.teamId)).toEqual([1001, 1002, 1003]);
  });
});
