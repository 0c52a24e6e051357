// The parameter budget of a bulk write at its edges (issue 16): a multi-chunk upsert whose `set` binds
// parameters of its own, and a row that alone binds exactly as many parameters as one statement allows.
// On libsql, which binds one parameter per value, so a miscounted budget is a statement SQLite refuses.
import { createClient, type Client } from '@libsql/client';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createModelFactory, SQLITE_BIND_PARAMETER_LIMIT } from 'many-first/model-factory';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StatementLog } from './harness.js';

/** Four columns, each given by every row below: a row binds exactly four parameters. */
const notes = sqliteTable('notes', {
  id: integer().primaryKey(),
  title: text().notNull(),
  body: text(),
  rank: integer().notNull().default(0),
});
/** The same with a column drizzle fills from `$onUpdateFn` when an upsert's `set` leaves it out. */
const stamped = sqliteTable('stamped', {
  id: integer().primaryKey(),
  title: text().notNull(),
  body: text(),
  touched: text().$onUpdateFn(() => 'touched'),
});

const LIMIT = SQLITE_BIND_PARAMETER_LIMIT;

/**
 * An SQL text expression worth `parameters` bind parameters that evaluates to `first`. SQLite caps a
 * function's arguments (127 in older builds) and an expression's depth, so it nests coalesce() in groups.
 */
function textBinding(first: string, parameters: number): SQL {
  let parts: SQL[] = Array.from(
    { length: parameters },
    (_, index) => sql`${index === 0 ? first : `p${index}`}`,
  );
  while (parts.length > 1) {
    const groups: SQL[] = [];
    for (let start = 0; start < parts.length; start += 100) {
      groups.push(sql`coalesce(${sql.join(parts.slice(start, start + 100), sql`, `)})`);
    }
    parts = groups;
  }
  return parts[0]!;
}

/** An SQL value where a row's type wants the column's own (insert rows accept SQL at run time, as drizzle does). */
const asText = (value: SQL) => value as unknown as string;
const asNumber = (value: SQL) => value as unknown as number;

describe('the parameter budget of a bulk write on libsql', () => {
  let client: Client;
  const log = new StatementLog();
  beforeAll(async () => {
    client = createClient({ url: ':memory:' });
    await client.execute(
      'create table notes (id integer primary key, title text not null, body text, rank integer not null default 0)',
    );
    await client.execute(
      'create table stamped (id integer primary key, title text not null, body text, touched text)',
    );
  });
  afterAll(() => {
    client.close();
  });
  beforeEach(async () => {
    await client.batch(['delete from notes', 'delete from stamped']);
  });
  const db = () => drizzle(client, { logger: log });

  it('leaves room in every chunk of an upsert for the parameters its set binds', async () => {
    const factory = createModelFactory(db(), 'notes', notes);
    // With 3 of the limit taken by `set`, a chunk holds floor((limit - 3) / 4) rows; one more row than
    // that would need limit + 1 parameters in one statement.
    const perChunk = Math.floor((LIMIT - 3) / 4);
    // An SQL value in every row keeps these writes on drizzle's .values() path, whose parameter budget this
    // pins (SQLite's JSON path sends a statement's rows as one parameter).
    const rows = Array.from({ length: perChunk + 1 }, (_, index) => ({
      id: index + 1,
      title: `t${index}`,
      body: 'old',
      rank: asNumber(sql`${index}`),
    }));
    await factory.insert(rows);
    const mark = log.statements.length;
    const stored = await factory.upsert(rows, {
      target: notes.id,
      set: { body: sql`${'n'} || ${'e'} || ${'w'}` },
    });
    expect(log.insertsSince(mark).map((statement) => statement.parameters)).toEqual([
      perChunk * 4 + 3,
      4 + 3,
    ]);
    expect(stored).toHaveLength(rows.length);
    expect(stored.every((row) => row.body === 'new')).toBe(true);
    expect(await factory.count()).toBe(rows.length);
  });

  it('counts the column an upsert fills from $onUpdateFn as a parameter of its set', async () => {
    const factory = createModelFactory(db(), 'stamped', stamped);
    // `set` binds one value for body and drizzle one for touched: a chunk holds floor((limit - 2) / 4) rows.
    const perChunk = Math.floor((LIMIT - 2) / 4);
    // An SQL value in every row keeps the upsert on the .values() path, as above.
    const rows = Array.from({ length: perChunk + 1 }, (_, index) => ({
      id: index + 1,
      title: asText(sql`${`t${index}`}`),
      body: 'old',
      touched: 'never',
    }));
    await factory.insert(rows);
    const mark = log.statements.length;
    const stored = await factory.upsert(rows, { target: stamped.id, set: { body: 'new' } });
    expect(log.insertsSince(mark).map((statement) => statement.parameters)).toEqual([
      perChunk * 4 + 2,
      4 + 2,
    ]);
    expect(stored.every((row) => row.body === 'new' && row.touched === 'touched')).toBe(true);
  });

  it('writes a row that binds exactly the limit in a statement of its own', async () => {
    const factory = createModelFactory(db(), 'notes', notes);
    // id, body and rank bind one each; the title expression binds the rest of the limit.
    const exact = { id: 2, title: asText(textBinding('exact', LIMIT - 3)), body: 'b', rank: 1 };
    const mark = log.statements.length;
    const stored = await factory.insert([{ id: 1, title: 'small', body: 'a', rank: 0 }, exact]);
    expect(log.insertsSince(mark).map((statement) => statement.parameters)).toEqual([4, LIMIT]);
    expect(stored.map((row) => row.title)).toEqual(['small', 'exact']);
  });

  it('refuses a row that binds one parameter more, naming it and the limit, before sending anything', async () => {
    const factory = createModelFactory(db(), 'notes', notes);
    const over = { id: 2, title: asText(textBinding('over', LIMIT - 2)), body: 'b', rank: 1 };
    const mark = log.statements.length;
    await expect(factory.insert([{ id: 1, title: 'small' }, over])).rejects.toThrow(
      new RangeError(
        `notes.insert: rows[1] binds ${LIMIT + 1} parameters, more than one statement allows (${LIMIT})`,
      ),
    );
    expect(log.statements.length).toBe(mark);
    expect(await factory.count()).toBe(0);
  });
});
