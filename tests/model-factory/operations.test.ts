import { asc, desc, eq, gt, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { harnesses, type AnyHarness } from './harness.js';

describe.each(harnesses)('model factory operations on $name', ({ open }) => {
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

  /** vegan (0 uses, green), quick (5 uses), cheap (2 uses, red), in that insertion order. */
  async function seedTags() {
    return h.tags.insert([
      { name: 'vegan', color: 'green' },
      { name: 'quick', useCount: 5 },
      { name: 'cheap', color: 'red', useCount: 2 },
    ]);
  }

  describe('insert', () => {
    it('resolves to the stored rows, in input order, with defaults filled in', async () => {
      const rows = await seedTags();
      expect(rows).toEqual([
        { id: 1, name: 'vegan', color: 'green', useCount: 0 },
        { id: 2, name: 'quick', color: null, useCount: 5 },
        { id: 3, name: 'cheap', color: 'red', useCount: 2 },
      ]);
      expect(await h.tags.count()).toBe(3);
    });

    it('sends one statement for rows that fit under the bind-parameter limit', async () => {
      const mark = h.log.statements.length;
      await seedTags();
      // MySQL has no RETURNING: the insert reads its rows back in the same transaction.
      expect(h.log.statements.slice(mark).map((statement) => statement.sql.split(' ')[0])).toEqual(
        h.dialect === 'mysql' ? ['begin', 'insert', 'select', 'commit'] : ['insert'],
      );
    });

    it('resolves [] for [] without sending any statement', async () => {
      const mark = h.log.statements.length;
      await expect(h.tags.insert([])).resolves.toEqual([]);
      expect(h.log.statements.length).toBe(mark);
    });

    it('propagates the database error of a bad row unchanged', async () => {
      await seedTags();
      const failure = await h.tags.insert([{ name: 'vegan' }]).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      // drizzle wraps the driver's error in `cause`, except on better-sqlite3, which throws it as it is.
      expect(String((failure as Error).cause ?? failure)).toMatch(/unique|duplicate/i);
    });
  });

  describe('select', () => {
    it('returns every row for no conditions, [] or only undefined conditions', async () => {
      await seedTags();
      expect(await h.tags.select()).toHaveLength(3);
      expect(await h.tags.select([])).toHaveLength(3);
      expect(await h.tags.select([undefined, undefined])).toHaveLength(3);
    });

    it('ANDs the defined conditions and skips undefined ones', async () => {
      await seedTags();
      const { tags } = h.tables;
      const colorFilter: string | undefined = undefined;
      const rows = await h.tags.select([
        gt(tags.useCount, 1),
        colorFilter === undefined ? undefined : eq(tags.color, colorFilter),
        like(tags.name, '%c%'),
      ]);
      expect(rows.map((row) => row.name).sort()).toEqual(['cheap', 'quick']);
    });

    it('orders by a column, an expression or a list of them', async () => {
      await seedTags();
      const { tags } = h.tables;
      const names = (rows: { name: string }[]) => rows.map((row) => row.name);
      expect(names(await h.tags.select([], { orderBy: tags.name }))).toEqual(['cheap', 'quick', 'vegan']);
      expect(names(await h.tags.select([], { orderBy: desc(tags.useCount) }))).toEqual([
        'quick',
        'cheap',
        'vegan',
      ]);
      await h.tags.insert([{ name: 'fast', useCount: 5 }]);
      expect(names(await h.tags.select([], { orderBy: [desc(tags.useCount), asc(tags.name)] }))).toEqual([
        'fast',
        'quick',
        'cheap',
        'vegan',
      ]);
    });

    it('pages with limit and offset, offset also without a limit', async () => {
      await seedTags();
      const { tags } = h.tables;
      const page = async (limit?: number, offset?: number) =>
        (await h.tags.select([], { orderBy: tags.id, limit, offset })).map((row) => row.id);
      expect(await page(2)).toEqual([1, 2]);
      expect(await page(2, 2)).toEqual([3]);
      expect(await page(undefined, 1)).toEqual([2, 3]);
      expect(await page(0)).toEqual([]);
    });
  });

  describe('update', () => {
    it('sets the values on the matching rows and resolves to them as updated', async () => {
      await seedTags();
      const { tags } = h.tables;
      const updated = await h.tags.update([eq(tags.name, 'vegan')], { color: 'blue', useCount: 7 });
      expect(updated).toEqual([{ id: 1, name: 'vegan', color: 'blue', useCount: 7 }]);
      expect((await h.tags.select([], { orderBy: tags.id })).map((row) => row.color)).toEqual([
        'blue',
        null,
        'red',
      ]);
    });

    it('accepts SQL expressions as values', async () => {
      await seedTags();
      const { tags } = h.tables;
      const updated = await h.tags.update([gt(tags.useCount, 0)], { useCount: sql`${tags.useCount} + 10` });
      expect(updated.map((row) => row.useCount).sort((a, b) => a - b)).toEqual([12, 15]);
    });

    it('resolves [] when nothing matches', async () => {
      await seedTags();
      expect(await h.tags.update([eq(h.tables.tags.name, 'nope')], { color: 'x' })).toEqual([]);
    });

    it('updates every row with { all: true }', async () => {
      await seedTags();
      const updated = await h.tags.update([], { color: 'grey' }, { all: true });
      expect(updated).toHaveLength(3);
      expect(await h.tags.count([eq(h.tables.tags.color, 'grey')])).toBe(3);
    });
  });

  describe('delete', () => {
    it('deletes the matching rows and resolves to them as they were', async () => {
      await seedTags();
      const deleted = await h.tags.delete([eq(h.tables.tags.name, 'quick')]);
      expect(deleted).toEqual([{ id: 2, name: 'quick', color: null, useCount: 5 }]);
      expect((await h.tags.select()).map((row) => row.name).sort()).toEqual(['cheap', 'vegan']);
    });

    it('deletes every row with { all: true }', async () => {
      await seedTags();
      expect(await h.tags.delete([undefined], { all: true })).toHaveLength(3);
      expect(await h.tags.count()).toBe(0);
    });
  });

  describe('upsert', () => {
    it('inserts new rows and updates conflicting ones with the non-target columns given', async () => {
      await seedTags();
      const { tags } = h.tables;
      const rows = await h.tags.upsert(
        [
          { name: 'vegan', color: 'teal', useCount: 1 },
          { name: 'spicy', color: 'orange', useCount: 4 },
        ],
        { target: tags.name },
      );
      expect(rows).toEqual([
        { id: 1, name: 'vegan', color: 'teal', useCount: 1 },
        { id: expect.any(Number), name: 'spicy', color: 'orange', useCount: 4 },
      ]);
      expect(await h.tags.count()).toBe(4);
    });

    it('leaves columns the rows do not give untouched', async () => {
      await seedTags();
      const [cheap] = await h.tags.upsert([{ name: 'cheap', useCount: 9 }], { target: [h.tables.tags.name] });
      expect(cheap).toEqual({ id: 3, name: 'cheap', color: 'red', useCount: 9 });
    });

    it('returns existing rows unchanged when the rows give only the target', async () => {
      await seedTags();
      const rows = await h.tags.upsert([{ name: 'quick' }, { name: 'new' }], { target: h.tables.tags.name });
      expect(rows).toEqual([
        { id: 2, name: 'quick', color: null, useCount: 5 },
        { id: expect.any(Number), name: 'new', color: null, useCount: 0 },
      ]);
    });

    it('applies an explicit set, which may use SQL', async () => {
      await seedTags();
      const { tags } = h.tables;
      const [quick] = await h.tags.upsert([{ name: 'quick', color: 'ignored' }], {
        target: tags.name,
        set: { useCount: sql`${tags.useCount} + 1` },
      });
      expect(quick).toEqual({ id: 2, name: 'quick', color: null, useCount: 6 });
    });

    it('resolves [] for [] without sending any statement', async () => {
      const mark = h.log.statements.length;
      expect(await h.tags.upsert([], { target: h.tables.tags.name })).toEqual([]);
      expect(h.log.statements.length).toBe(mark);
    });
  });

  describe('count', () => {
    it('counts every row or the rows matching the defined conditions, as a number', async () => {
      await seedTags();
      const { tags } = h.tables;
      expect(await h.tags.count()).toBe(3);
      expect(await h.tags.count([gt(tags.useCount, 1), undefined])).toBe(2);
      expect(await h.tags.count([eq(tags.name, 'nope')])).toBe(0);
    });
  });

  describe('buildConditions', () => {
    it('is undefined without a defined condition and the AND of the defined ones otherwise', async () => {
      await seedTags();
      const { tags } = h.tables;
      expect(h.tags.buildConditions([])).toBeUndefined();
      expect(h.tags.buildConditions([undefined])).toBeUndefined();
      const where = h.tags.buildConditions([gt(tags.useCount, 1), undefined, like(tags.name, 'q%')]);
      expect(where).toBeDefined();
      expect((await h.tags.select([where])).map((row) => row.name)).toEqual(['quick']);
    });
  });

  describe('takeFirst', () => {
    it('resolves to the first matching row in orderBy order', async () => {
      await seedTags();
      const { tags } = h.tables;
      expect(await h.tags.takeFirst([gt(tags.useCount, 1)], { orderBy: desc(tags.useCount) })).toEqual({
        id: 2,
        name: 'quick',
        color: null,
        useCount: 5,
      });
      const mark = h.log.statements.length;
      await h.tags.takeFirst([]);
      expect(h.log.statements[mark]?.sql).toMatch(/limit/i);
    });

    it('resolves to undefined when nothing matches', async () => {
      await seedTags();
      expect(await h.tags.takeFirst([eq(h.tables.tags.name, 'nope')])).toBeUndefined();
    });
  });
});
