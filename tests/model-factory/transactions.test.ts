import type { Column } from 'drizzle-orm';
import type { InsertRow, ModelTable, SelectOptions, UpdateValues } from 'many-first/model-factory';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  openLibsql,
  openNodePostgres,
  openPglite,
  openPostgresJs,
  pgSingles,
  pgTags,
  sqliteSingles,
  sqliteTags,
  type Harness,
} from './harness.js';
import { openBetterSqlite3 } from './harness-better-sqlite3.js';
import { mysqlSingles, mysqlTags, openMysql } from './harness-mysql.js';
import { singlesFillingOneStatement } from './statement-sizes.js';
import { inProcessOnly } from './in-process.js';

/** What the suite writes, built per dialect so the suite itself can stay generic over the tables. */
interface Rows<TTags extends ModelTable, TSingles extends ModelTable> {
  tag(name: string): InsertRow<TTags>;
  color(color: string): UpdateValues<TTags>;
  single(value: string): InsertRow<TSingles>;
  tagColumns: { id: Column; name: Column };
}

const pgRows: Rows<typeof pgTags, typeof pgSingles> = {
  tag: (name) => ({ name }),
  color: (color) => ({ color }),
  single: (value) => ({ value }),
  tagColumns: pgTags,
};
const sqliteRows: Rows<typeof sqliteTags, typeof sqliteSingles> = {
  tag: (name) => ({ name }),
  color: (color) => ({ color }),
  single: (value) => ({ value }),
  tagColumns: sqliteTags,
};

const mysqlRows: Rows<typeof mysqlTags, typeof mysqlSingles> = {
  tag: (name) => ({ name }),
  color: (color) => ({ color }),
  single: (value) => ({ value }),
  tagColumns: mysqlTags,
};

class Rollback extends Error {}

function transactionSuite<TTags extends ModelTable, TSingles extends ModelTable>(
  name: string,
  open: () => Promise<Harness<TTags, TSingles>>,
  rows: Rows<TTags, TSingles>,
) {
  describe(`ops composed in db.transaction on ${name}`, () => {
    let h: Harness<TTags, TSingles>;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h.close();
    });
    beforeEach(async () => {
      await h.reset();
    });

    const names = async (options?: SelectOptions<TTags>) =>
      (await h.tags.select([], { orderBy: rows.tagColumns.id, ...options })).map((row) => row.name);

    it('ops given { tx } commit together, and reads with { tx } see uncommitted rows', async () => {
      await h.transaction(async (tx) => {
        await h.tags.insert([rows.tag('vegan'), rows.tag('quick'), rows.tag('cheap')], { tx });
        await h.tags.delete([], { tx, all: true });
        await h.tags.insert([rows.tag('spicy')], { tx });
        expect(await h.tags.count([], { tx })).toBe(1);
        expect(await names({ tx })).toEqual(['spicy']);
        expect(await h.tags.takeFirst([], { tx })).toMatchObject({ name: 'spicy' });
      });
      expect(await names()).toEqual(['spicy']);
    });

    it('throwing inside the transaction rolls back every op done with { tx }', async () => {
      await h.tags.insert([rows.tag('vegan'), rows.tag('quick')]);
      const attempt = h.transaction(async (tx) => {
        await h.tags.insert([rows.tag('spicy')], { tx });
        await h.tags.upsert([rows.tag('vegan')], { target: rows.tagColumns.name, tx });
        await h.tags.update([], rows.color('red'), { tx, all: true });
        await h.tags.delete([], { tx, all: true });
        expect(await h.tags.count([], { tx })).toBe(0);
        throw new Rollback('changed my mind');
      });
      await expect(attempt).rejects.toBeInstanceOf(Rollback);
      expect(await h.tags.select([], { orderBy: rows.tagColumns.id })).toEqual([
        { id: 1, name: 'vegan', color: null, useCount: 0 },
        { id: 2, name: 'quick', color: null, useCount: 0 },
      ]);
    });

    it('a chunked insert given { tx } joins the transaction and rolls back with it', async () => {
      const many = [...singlesFillingOneStatement(h), { value: 'one more' }].map(({ value }) =>
        rows.single(value),
      );
      const attempt = h.transaction(async (tx) => {
        expect(await h.singles.insert(many, { tx })).toHaveLength(many.length);
        expect(await h.singles.count([], { tx })).toBe(many.length);
        throw new Rollback('undo the import');
      });
      await expect(attempt).rejects.toBeInstanceOf(Rollback);
      expect(await h.singles.count()).toBe(0);
    });

    it('a failing chunked insert given { tx } undoes only its own chunks; the transaction goes on', async () => {
      const values = singlesFillingOneStatement(h).map(({ value }) => value);
      values.push(values[0]!); // breaks the unique constraint in the second statement
      const many = values.map((value) => rows.single(value));
      await h.transaction(async (tx) => {
        await h.tags.insert([rows.tag('before')], { tx });
        await expect(h.singles.insert(many, { tx })).rejects.toThrow();
        expect(await h.singles.count([], { tx })).toBe(0);
        await h.tags.insert([rows.tag('after')], { tx });
      });
      expect(await names()).toEqual(['before', 'after']);
      expect(await h.singles.count()).toBe(0);
    });
  });
}

transactionSuite('pglite', openPglite, pgRows);
transactionSuite('libsql (memory)', () => openLibsql('memory'), sqliteRows);
transactionSuite('libsql (file)', () => openLibsql('file'), sqliteRows);
transactionSuite('better-sqlite3 (file)', openBetterSqlite3, sqliteRows);
if (!inProcessOnly) {
  transactionSuite('node-postgres', openNodePostgres, pgRows);
  transactionSuite('postgres-js', openPostgresJs, pgRows);
  transactionSuite('mysql2 (MariaDB)', openMysql, mysqlRows);
}
