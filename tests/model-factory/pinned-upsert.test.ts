// Upsert decisions no other suite states (issue 16), on libsql in memory: what the default `set` leaves
// alone, and how a bad row is reported when that default is built from the rows.
import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createModelFactory } from 'many-first/model-factory';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StatementLog } from './harness.js';

/** Handles compare case-insensitively (`collate nocase`), as citext or a case-insensitive collation do. */
const usersTable = sqliteTable('users', {
  id: integer().primaryKey(),
  handle: text().notNull().unique(),
  name: text(),
});

describe('upsert on libsql', () => {
  let client: Client;
  const log = new StatementLog();
  beforeAll(async () => {
    client = createClient({ url: ':memory:' });
    await client.execute(
      'create table users (id integer primary key, handle text collate nocase not null unique, name text)',
    );
  });
  afterAll(() => {
    client.close();
  });
  beforeEach(async () => {
    await client.execute('delete from users');
  });
  const factory = () => createModelFactory(drizzle(client, { logger: log }), 'users', usersTable);

  it('keeps the stored spelling of the conflict target: the default set updates the other columns only', async () => {
    const users = factory();
    await users.insert([{ id: 1, handle: 'Ada', name: 'Ada L.' }]);
    const stored = await users.upsert([{ handle: 'ADA', name: 'Ada Lovelace' }], {
      target: usersTable.handle,
    });
    expect(stored).toEqual([{ id: 1, handle: 'Ada', name: 'Ada Lovelace' }]);
  });

  it('reports a row that is not an object by its index, before sending anything', async () => {
    const users = factory();
    const mark = log.statements.length;
    const rows = [{ handle: 'ada' }, null] as unknown as { handle: string }[];
    await expect(users.upsert(rows, { target: usersTable.handle })).rejects.toThrow(
      new TypeError('users.upsert: rows[1] must be an object, got null'),
    );
    expect(log.statements.length).toBe(mark);
    expect(await users.count()).toBe(0);
  });
});
