// Type tests: `npm run typecheck` (tsc over tests/) checks them; nothing here runs. Each `@ts-expect-error`
// fails the typecheck if the line below it ever compiles.
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { createModelFactory, type ModelFactory } from 'many-first/model-factory';
import { expectTypeOf } from 'vitest';
import { mysqlTags } from './harness-mysql.js';
import { pgTags, sqliteTags } from './harness.js';

type TagInsert = typeof pgTags.$inferInsert;
type Tag = typeof pgTags.$inferSelect;

declare const pglite: PgliteDatabase;
declare const pgliteWithSchema: PgliteDatabase<{ pgTags: typeof pgTags }>;
declare const nodePostgres: NodePgDatabase;
declare const libsql: LibSQLDatabase;
declare const betterSqlite3: BetterSQLite3Database;
declare const mysql2: MySql2Database;

const tags = createModelFactory(pglite, 'tags', pgTags);
const sqliteTagOps = createModelFactory(libsql, 'tags', sqliteTags);

// The factory is typed by its table, whatever the driver and whether the db has a schema.
expectTypeOf(tags).toEqualTypeOf<ModelFactory<typeof pgTags>>();
expectTypeOf(createModelFactory(nodePostgres, 'tags', pgTags)).toEqualTypeOf<ModelFactory<typeof pgTags>>();
expectTypeOf(createModelFactory(pgliteWithSchema, 'tags', pgTags)).toEqualTypeOf<
  ModelFactory<typeof pgTags>
>();
expectTypeOf(sqliteTagOps).toEqualTypeOf<ModelFactory<typeof sqliteTags>>();

// A database of the other dialect is a compile error.
// @ts-expect-error a libsql database cannot serve a pgTable
createModelFactory(libsql, 'tags', pgTags);
// @ts-expect-error a Postgres database cannot serve a sqliteTable
createModelFactory(pglite, 'tags', sqliteTags);

// insert: an array of $inferInsert in, an array of $inferSelect out.
expectTypeOf(tags.insert).parameter(0).toEqualTypeOf<readonly TagInsert[]>();
expectTypeOf(tags.insert([{ name: 'vegan' }])).resolves.toEqualTypeOf<Tag[]>();
expectTypeOf(sqliteTagOps.insert([{ name: 'vegan' }])).resolves.toEqualTypeOf<
  (typeof sqliteTags.$inferSelect)[]
>();
// @ts-expect-error a single object where an array belongs
void tags.insert({ name: 'vegan' });
// @ts-expect-error a single object where an array belongs
void tags.upsert({ name: 'vegan' }, { target: pgTags.name });
// @ts-expect-error a required column is missing
void tags.insert([{ color: 'red' }]);
// @ts-expect-error a column the table does not have
void tags.insert([{ name: 'vegan', colour: 'red' }]);
// @ts-expect-error a value of the wrong type
void tags.insert([{ name: 42 }]);

// select, update, delete, upsert: arrays of conditions in, $inferSelect[] out.
expectTypeOf(tags.select()).resolves.toEqualTypeOf<Tag[]>();
expectTypeOf(
  tags.select([eq(pgTags.name, 'vegan'), undefined], { orderBy: desc(pgTags.id), limit: 10 }),
).resolves.toEqualTypeOf<Tag[]>();
expectTypeOf(tags.update([eq(pgTags.id, 1)], { color: 'red' })).resolves.toEqualTypeOf<Tag[]>();
expectTypeOf(
  tags.update([eq(pgTags.id, 1)], { useCount: sql`${pgTags.useCount} + 1` }),
).resolves.toEqualTypeOf<Tag[]>();
expectTypeOf(tags.delete([eq(pgTags.id, 1)])).resolves.toEqualTypeOf<Tag[]>();
expectTypeOf(tags.upsert([{ name: 'vegan' }], { target: pgTags.name })).resolves.toEqualTypeOf<Tag[]>();
// @ts-expect-error a single condition where an array belongs
void tags.select(eq(pgTags.id, 1));
// @ts-expect-error a single condition where an array belongs
void tags.delete(eq(pgTags.id, 1));
// @ts-expect-error a condition must be SQL, not an object of column values
void tags.select([{ id: 1 }]);
// @ts-expect-error update takes its conditions first, as an array
void tags.update({ id: 1 }, { color: 'red' });
// @ts-expect-error a column the table does not have, in update values
void tags.update([eq(pgTags.id, 1)], { colour: 'red' });
// @ts-expect-error a value of the wrong type, in update values
void tags.update([eq(pgTags.id, 1)], { useCount: 'many' });
// @ts-expect-error upsert needs its conflict target
void tags.upsert([{ name: 'vegan' }]);
// @ts-expect-error a column the table does not have, in upsert's set
void tags.upsert([{ name: 'vegan' }], { target: pgTags.name, set: { colour: 'red' } });

// count resolves to a number, takeFirst to one row or undefined, buildConditions to SQL or undefined.
expectTypeOf(tags.count()).resolves.toEqualTypeOf<number>();
expectTypeOf(tags.count([eq(pgTags.id, 1)])).resolves.toEqualTypeOf<number>();
expectTypeOf(tags.takeFirst([eq(pgTags.id, 1)])).resolves.toEqualTypeOf<Tag | undefined>();
expectTypeOf(tags.buildConditions([eq(pgTags.id, 1), undefined])).toEqualTypeOf<SQL | undefined>();

// { tx }: the transaction of a database of the table's dialect; another dialect's is a compile error.
void pglite.transaction(async (tx) => {
  expectTypeOf(await tags.insert([{ name: 'vegan' }], { tx })).toEqualTypeOf<Tag[]>();
  await tags.update([eq(pgTags.id, 1)], { color: 'red' }, { tx });
  await tags.delete([], { tx, all: true });
});
void libsql.transaction(async (tx) => {
  // @ts-expect-error a SQLite transaction cannot run a Postgres model's ops
  await tags.insert([{ name: 'vegan' }], { tx });
  await sqliteTagOps.insert([{ name: 'vegan' }], { tx });
});

// better-sqlite3 serves a sqliteTable like libsql; mysql2 serves a mysqlTable, and only that.
expectTypeOf(createModelFactory(betterSqlite3, 'tags', sqliteTags)).toEqualTypeOf<
  ModelFactory<typeof sqliteTags>
>();
const mysqlTagOps = createModelFactory(mysql2, 'tags', mysqlTags);
expectTypeOf(mysqlTagOps.insert([{ name: 'vegan' }])).resolves.toEqualTypeOf<
  (typeof mysqlTags.$inferSelect)[]
>();
// @ts-expect-error a MySQL database cannot serve a sqliteTable
createModelFactory(mysql2, 'tags', sqliteTags);
// @ts-expect-error a SQLite database cannot serve a mysqlTable
createModelFactory(betterSqlite3, 'tags', mysqlTags);
void mysql2.transaction(async (tx) => {
  await mysqlTagOps.insert([{ name: 'vegan' }], { tx });
  // @ts-expect-error a MySQL transaction cannot run a Postgres model's ops
  await tags.insert([{ name: 'vegan' }], { tx });
});
