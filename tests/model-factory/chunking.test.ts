import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { splitIntoChunks } from '../../model-factory/chunking.js';
import { harnesses, WIDE_COLUMNS, wideRow, type AnyHarness } from './harness.js';
import { singlesFillingOneStatement } from './statement-sizes.js';

/** The messages of an error and of its causes, one per line (drizzle wraps the driver's error). */
function causeChain(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) messages.push(current.message);
  return messages.join('\n');
}

/**
 * A wide row whose c2 is an SQL value binding one parameter, as a plain value would: SQL cannot travel as
 * JSON, so SQLite writes such rows through `.values()`.
 */
const withSql = (row: { id: number }) => ({ ...row, c2: sql`${`c2-${row.id}`}` });

const singles = (count: number, prefix = 'v') =>
  Array.from({ length: count }, (_, index) => ({ value: `${prefix}${index}` }));

describe('splitIntoChunks', () => {
  it('packs consecutive rows while their cost fits the budget', () => {
    const rows = [1, 2, 3, 4, 5, 6, 7];
    expect(splitIntoChunks(rows, 9, () => 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(splitIntoChunks(rows, 21, () => 3)).toEqual([rows]);
  });

  it('lets a costlier row start a new chunk', () => {
    expect(splitIntoChunks(['a', 'b', 'c', 'd'], 10, (row) => (row === 'c' ? 8 : 3))).toEqual([
      ['a', 'b'],
      ['c'],
      ['d'],
    ]);
  });

  it('returns no chunk for no rows', () => {
    expect(splitIntoChunks([], 10, () => 1)).toEqual([]);
  });
});

describe.each(harnesses)('chunked inserts on $name', ({ open }) => {
  let h: AnyHarness;
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.reset();
  });

  it('fills one statement exactly at its limit (bind parameters, or unnest characters on Postgres)', async () => {
    const rows = singlesFillingOneStatement(h);
    const mark = h.log.statements.length;
    const stored = await h.singles.insert(rows);
    expect(stored).toHaveLength(rows.length);
    expect(h.log.insertsSince(mark)).toHaveLength(1);
  });

  it('splits one row past the limit into a second statement, keeping input order', async () => {
    const rows = [...singlesFillingOneStatement(h), { value: 'one more' }];
    const mark = h.log.statements.length;
    const stored = await h.singles.insert(rows);
    expect(h.log.insertsSince(mark)).toHaveLength(2);
    expect(stored.map((row) => row.value)).toEqual(rows.map((row) => row.value));
    expect(await h.singles.count()).toBe(rows.length);
  });

  it('leaves no row behind when a row of the last chunk fails', async () => {
    const rows = singlesFillingOneStatement(h);
    rows.push({ value: rows[0]!.value }); // violates the unique constraint, alone in the second chunk
    const mark = h.log.statements.length;
    await expect(h.singles.insert(rows)).rejects.toThrow();
    expect(h.log.insertsSince(mark)).toHaveLength(2);
    expect(await h.singles.count()).toBe(0);
  });
});

// The heavier cases exercise the factory's own logic, which is the same on every driver of a dialect:
// they run once per dialect to keep the suite in seconds.
describe.each(harnesses.filter(({ name }) => name === 'pglite' || name === 'libsql (memory)'))(
  'chunked inserts of many rows on $name',
  ({ open }) => {
    let h: AnyHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h.close();
    });
    beforeEach(async () => {
      await h.reset();
    });

    it('inserts 70,000 single-column rows that raw drizzle cannot insert in one statement', async () => {
      const rows = singles(70_000);
      // It must fail for the parameter count (Postgres: the bind message's 16-bit count wraps; SQLite: too
      // many variables), not for something else that would make this comparison meaningless.
      const failure = await h.rawInsertSingles(rows).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(causeChain(failure)).toMatch(/parameter|too many SQL variables/i);
      expect(await h.singles.count()).toBe(0);

      const mark = h.log.statements.length;
      const stored = await h.singles.insert(rows);
      expect(stored).toHaveLength(70_000);
      expect(await h.singles.count()).toBe(70_000);
      const inserts = h.log.insertsSince(mark);
      // Postgres sends the 70,000 values as one unnest array, SQLite as one JSON text.
      expect(inserts).toHaveLength(1);
      expect(Math.max(...inserts.map((statement) => statement.parameters))).toBeLessThanOrEqual(
        h.bindParameterLimit,
      );
    });

    it('leaves no row behind when a later chunk breaks NOT NULL', async () => {
      const rows: { value: string | null }[] = singles(h.bindParameterLimit + 20);
      rows[h.bindParameterLimit + 10] = { value: null };
      // A JavaScript caller (or a cast) can send null to a NOT NULL column; the database refuses it.
      await expect(h.singles.insert(rows as { value: string }[])).rejects.toThrow();
      expect(await h.singles.count()).toBe(0);
    });

    it('inserts 100,000 rows in one call', async () => {
      const rows = Array.from({ length: 100_000 }, (_, index) => ({ name: `tag-${index}`, useCount: index }));
      const stored = await h.tags.insert(rows);
      expect(stored).toHaveLength(100_000);
      expect(stored[99_999]).toEqual({ id: 100_000, name: 'tag-99999', color: null, useCount: 99_999 });
      expect(await h.tags.count()).toBe(100_000);
    });
  },
);

// Chunks by bind parameters: the `.values()` path, which SQLite takes for rows that cannot travel as JSON
// (here an SQL value in every row). Postgres' `.values()` path is covered in unnest.test.ts.
describe.each(harnesses.filter(({ name }) => name === 'libsql (memory)'))(
  'chunks by bind parameters on $name',
  ({ open }) => {
    let h: AnyHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h.close();
    });
    beforeEach(async () => {
      await h.reset();
    });

    it('sizes chunks from the column count: a 40-column table gets floor(limit / 40) rows per statement', async () => {
      const perStatement = Math.floor(h.bindParameterLimit / WIDE_COLUMNS);
      const rows = Array.from({ length: 2_000 }, (_, index) => withSql(wideRow(index + 1)));
      const mark = h.log.statements.length;
      const stored = await h.wide.insert(rows);
      const inserts = h.log.insertsSince(mark);
      expect(inserts).toHaveLength(Math.ceil(2_000 / perStatement));
      expect(inserts.map((statement) => statement.parameters)).toEqual(
        inserts.map((_, index) => Math.min(perStatement, 2_000 - index * perStatement) * WIDE_COLUMNS),
      );
      expect(stored).toHaveLength(2_000);
      expect(stored[1_999]).toMatchObject({ id: 2_000, c1: 'c1-2000', c2: 'c2-2000', c39: 'c39-2000' });
    });

    it('chunks upserts the same way and updates every conflicting row', async () => {
      await h.wide.insert(Array.from({ length: 2_000 }, (_, index) => withSql(wideRow(index + 1))));
      const changed = Array.from({ length: 2_000 }, (_, index) => ({
        ...withSql(wideRow(index + 1)),
        c1: 'changed',
      }));
      const mark = h.log.statements.length;
      const stored = await h.wide.upsert(changed, { target: h.tables.wide.id });
      expect(h.log.insertsSince(mark).length).toBe(
        Math.ceil(2_000 / Math.floor(h.bindParameterLimit / WIDE_COLUMNS)),
      );
      const expected = changed.map((row) => ({ ...wideRow(row.id), c1: 'changed' }));
      expect(stored).toEqual(expected);
      expect(await h.wide.select([], { orderBy: h.tables.wide.id })).toEqual(expected);
    });
  },
);
