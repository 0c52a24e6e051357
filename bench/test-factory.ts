/**
 * What `createMany(n)` of a test factory buys over n `create()` calls: n posts (1,000 by default), each
 * with an author that the post factory creates through the user factory, on PGlite in process (the
 * fixture app's test database) through the real model factory. `createMany` makes the authors in one
 * insert and the posts in another; the loop makes two inserts per post. Both ways run `--repeat` times,
 * alternating, from empty tables, and the table reports medians, so load on the machine hits them alike.
 *
 *   npm run bench:test-factory [-- --rows 1000 --repeat 5]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { createModelFactory } from '../model-factory/index.js';
import { defineFactory, resetSequences } from '../test-factory/index.js';

const users = pgTable('users', {
  id: serial().primaryKey(),
  email: text().notNull().unique(),
  name: text().notNull(),
});
const posts = pgTable('posts', {
  id: serial().primaryKey(),
  title: text().notNull(),
  body: text().notNull(),
  authorId: integer()
    .notNull()
    .references(() => users.id),
});

function readOptions() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000' },
      repeat: { type: 'string', default: '5' },
    },
  });
  const positive = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`--${name} must be a positive integer, got ${text}`);
    }
    return value;
  };
  return { rows: positive('rows', values.rows), repeat: positive('repeat', values.repeat) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main() {
  const { rows, repeat } = readOptions();
  const client = await PGlite.create();
  await client.exec(`
    create table users (id serial primary key, email text not null unique, name text not null);
    create table posts (id serial primary key, title text not null, body text not null,
      author_id integer not null references users (id));
  `);
  const db = drizzle(client, { casing: 'snake_case' });
  const userFactory = defineFactory(users, {
    insert: createModelFactory(db, 'users', users).insert,
    defaults: ({ sequence }) => ({ email: `user${sequence}@example.test`, name: `User ${sequence}` }),
  });
  const postFactory = defineFactory(posts, {
    insert: createModelFactory(db, 'posts', posts).insert,
    defaults: ({ sequence, random }) => ({
      title: `Post ${sequence}`,
      body: `Body ${Math.floor(random() * 1e6)}`,
      authorId: userFactory,
    }),
  });

  const ways: Record<'createMany' | 'create loop', () => Promise<unknown>> = {
    createMany: () => postFactory.createMany(rows),
    'create loop': async () => {
      for (let index = 0; index < rows; index++) await postFactory.create();
    },
  };
  const times: Record<keyof typeof ways, number[]> = { createMany: [], 'create loop': [] };
  // One untimed round warms PGlite and the JIT.
  for (let round = 0; round <= repeat; round++) {
    for (const name of Object.keys(ways) as (keyof typeof ways)[]) {
      await client.exec('truncate posts, users restart identity cascade');
      resetSequences();
      const started = performance.now();
      await ways[name]();
      const elapsed = performance.now() - started;
      const { rows: counted } = await client.query<{ n: number }>('select count(*)::int as n from posts');
      if (counted[0]?.n !== rows) throw new Error(`${name} stored ${counted[0]?.n} posts, expected ${rows}`);
      if (round > 0) times[name].push(elapsed);
    }
  }
  await client.close();

  const loop = median(times['create loop']);
  console.log(
    `## test-factory: ${rows.toLocaleString('en')} posts with their authors, PGlite, median of ${repeat} (load ${loadavg()[0]!.toFixed(2)})\n`,
  );
  console.log('| way | inserts | median ms | rows/s | vs the loop |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const name of Object.keys(ways) as (keyof typeof ways)[]) {
    const ms = median(times[name]);
    const inserts = name === 'createMany' ? 2 : 2 * rows;
    console.log(
      `| ${name} | ${inserts.toLocaleString('en')} | ${ms.toFixed(1)} | ${Math.round((rows / ms) * 1000).toLocaleString('en')} | ${(loop / ms).toFixed(1)}x |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
