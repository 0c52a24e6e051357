// How a wrong argument from a JavaScript caller (or a cast) is described (issue 16): what the error says
// it got, for the kinds of value guards.test.ts does not pass. On libsql in memory; nothing is sent.
import { createClient, type Client } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { createModelFactory, type ModelFactory } from 'many-first/model-factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteSchemaSql, sqliteTags, StatementLog } from './harness.js';

const untyped = (value: unknown) => value as never;

describe('argument errors on libsql', () => {
  let client: Client;
  let tags: ModelFactory<typeof sqliteTags>;
  const log = new StatementLog();
  beforeAll(async () => {
    client = createClient({ url: ':memory:' });
    for (const statement of sqliteSchemaSql) await client.execute(statement);
    tags = createModelFactory(drizzle(client, { logger: log, casing: 'snake_case' }), 'tags', sqliteTags);
  });
  afterAll(() => {
    client.close();
  });

  async function refusal(attempt: () => Promise<unknown>): Promise<string> {
    const mark = log.statements.length;
    const error = await attempt().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(log.statements.length).toBe(mark);
    return (error as Error).message;
  }

  it('calls an array an array, where an object belongs', async () => {
    expect(await refusal(() => tags.select([], untyped([])))).toBe(
      'tags.select: options must be an object, got an array',
    );
    expect(await refusal(() => tags.insert(untyped([[{ name: 'vegan' }]])))).toBe(
      'tags.insert: rows[0] must be an object, got an array',
    );
  });

  it('does not take an SQL expression for a row or for options', async () => {
    expect(await refusal(() => tags.insert(untyped([sql`('vegan')`])))).toBe(
      'tags.insert: rows[0] must be an object, got an SQL expression',
    );
    expect(await refusal(() => tags.count([], untyped(sql`1`)))).toBe(
      'tags.count: options must be an object, got an SQL expression',
    );
  });

  it('names the type of other values', async () => {
    expect(await refusal(() => tags.select(untyped([eq(sqliteTags.name, 'x'), () => true])))).toBe(
      'tags.select: conditions[1] must be an SQL condition such as eq(column, value), or undefined; got a function',
    );
    expect(await refusal(() => tags.insert(untyped(42)))).toBe(
      'tags.insert: rows must be an array, got a number',
    );
    // A single SQL expression gets the hint only where conditions belong.
    expect(await refusal(() => tags.insert(untyped(sql`1`)))).toBe(
      'tags.insert: rows must be an array, got an SQL expression',
    );
  });

  it('wants limit and offset as safe non-negative integers, and says what it got', async () => {
    expect(await refusal(() => tags.select([], { limit: 2 ** 53 }))).toBe(
      'tags.select: limit must be a non-negative integer, got 9007199254740992',
    );
    expect(await refusal(() => tags.select([], { offset: Number.NaN }))).toBe(
      'tags.select: offset must be a non-negative integer, got NaN',
    );
    expect(await tags.select([], { limit: 0, offset: 0 })).toEqual([]);
  });

  it('says which orderBy entry is wrong, and takes a single column or expression as well as a list', async () => {
    expect(await refusal(() => tags.select([], untyped({ orderBy: [sqliteTags.name, null] })))).toBe(
      'tags.select: orderBy[1] must be a column or an SQL expression such as desc(column), got null',
    );
    expect(await refusal(() => tags.select([], untyped({ orderBy: {} })))).toBe(
      'tags.select: orderBy must be a column or an SQL expression such as desc(column), got an object',
    );
  });
});
