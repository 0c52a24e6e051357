import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from 'many-first/model-factory';
import { defineFactory, resetSequences } from 'many-first/test-factory';
import { badges, foods, memberships, openDatabase, posts, users } from './schema.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
beforeAll(async () => {
  database = await openDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  resetSequences();
});

const userFactory = defineFactory(users, {
  name: 'userFactory',
  insert: (rows) => database.users.insert(rows),
  defaults: ({ sequence }) => ({ email: `user${sequence}@example.test`, name: `User ${sequence}` }),
  traits: { admin: { role: 'admin' } },
});

const foodFactory = defineFactory(foods, {
  name: 'foodFactory',
  insert: (rows) => database.foods.insert(rows),
  defaults: ({ sequence }) => ({ name: `Food ${sequence}`, kind: 'whole' as const }),
  traits: {
    processed: { kind: 'processed' },
    fat: () => ({ fatGrams: 30 }),
    lean: { fatGrams: 1 },
    userSubmitted: { createdById: userFactory },
  },
});

const postFactory = defineFactory(posts, {
  name: 'postFactory',
  insert: (rows) => database.posts.insert(rows),
  defaults: ({ sequence }) => ({ title: `Post ${sequence}`, authorId: userFactory }),
  traits: { reviewed: { reviewerId: userFactory.admin() } },
});

/** How many INSERT statements reached the database while `work` ran. */
async function insertsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const mark = database.log.statements.length;
  await work();
  return database.log.insertsSince(mark).map((statement) => statement.sql);
}

describe('create', () => {
  it('inserts one row from the defaults, numbered by the sequence', async () => {
    const food = await foodFactory.create();
    expect(food).toMatchObject({ id: 1, name: 'Food 1', kind: 'whole', fatGrams: null, createdById: null });
    const [stored] = await database.foods.select([eq(foods.id, food.id)]);
    expect(stored).toEqual(food);
  });

  it('chains traits in any order; a later trait wins over an earlier one', async () => {
    const fatFirst = await foodFactory.processed().fat().lean().create();
    const leanFirst = await foodFactory.lean().fat().processed().create();
    expect(fatFirst).toMatchObject({ kind: 'processed', fatGrams: 1 });
    expect(leanFirst).toMatchObject({ kind: 'processed', fatGrams: 30 });
  });

  it('lets overrides win over traits and defaults', async () => {
    const food = await foodFactory.processed().fat().create({ fatGrams: 5, name: 'Oats' });
    expect(food).toMatchObject({ name: 'Oats', kind: 'processed', fatGrams: 5 });
  });

  it('treats an undefined override as not given', async () => {
    const food = await foodFactory.fat().create({ fatGrams: undefined });
    expect(food.fatGrams).toBe(30);
  });
});

describe('columns whose default is another factory', () => {
  it('creates the owner when the caller does not give the column', async () => {
    const statements = await insertsDuring(async () => {
      const post = await postFactory.create();
      const [author] = await database.users.select([eq(users.id, post.authorId)]);
      expect(author).toMatchObject({ email: 'user1@example.test' });
    });
    expect(statements).toHaveLength(2);
  });

  it('creates no owner when the caller gives the column', async () => {
    const author = await userFactory.create();
    const statements = await insertsDuring(() => postFactory.create({ authorId: author.id }));
    expect(statements).toHaveLength(1);
    expect(await database.users.count()).toBe(1);
  });

  it('uses the owner factory with its traits, from a trait', async () => {
    const post = await postFactory.reviewed().create();
    const [reviewer] = await database.users.select([eq(users.id, post.reviewerId!)]);
    expect(reviewer?.role).toBe('admin');
    expect(post.reviewerId).not.toBe(post.authorId);
  });

  it('creates the owners of many rows in one insert per owner factory', async () => {
    const statements = await insertsDuring(async () => {
      const created = await postFactory.reviewed().createMany(50);
      expect(new Set(created.map((post) => post.authorId)).size).toBe(50);
    });
    // authors (userFactory), reviewers (userFactory.admin()), posts
    expect(statements).toHaveLength(3);
    expect(await database.users.count()).toBe(100);
  });

  it('creates owners only for the rows that did not give the column', async () => {
    const author = await userFactory.create();
    const created = await postFactory.createMany([{ authorId: author.id }, {}, { authorId: author.id }]);
    expect(created.map((post) => post.authorId)).toEqual([author.id, 2, author.id]);
    expect(await database.users.count()).toBe(2);
  });

  it('names the factory and the column when no key of the owner can fill it', async () => {
    const membershipFactory = defineFactory(memberships, {
      name: 'membershipFactory',
      insert: (rows) => database.memberships.insert(rows),
      defaults: ({ sequence }) => ({ userId: sequence, team: 'core' }),
    });
    const badgeFactory = defineFactory(badges, {
      name: 'badgeFactory',
      insert: (rows) => database.badges.insert(rows),
      defaults: { holder: membershipFactory },
    });
    await expect(badgeFactory.create()).rejects.toThrow(
      /^badgeFactory\.create: column "holder" defaults to membershipFactory, but badges\.holder has no foreign key to memberships/,
    );
  });
});

describe('createMany', () => {
  it('inserts n rows in one insert, each with its own sequence number', async () => {
    const statements = await insertsDuring(async () => {
      const created = await foodFactory.processed().createMany(3);
      expect(created.map((food) => [food.name, food.kind])).toEqual([
        ['Food 1', 'processed'],
        ['Food 2', 'processed'],
        ['Food 3', 'processed'],
      ]);
    });
    expect(statements).toHaveLength(1);
  });

  it('inserts one row per element of an overrides array, in order', async () => {
    const created = await foodFactory.createMany([{ name: 'a' }, { name: 'b', fatGrams: 2 }]);
    expect(created.map(({ name, fatGrams }) => ({ name, fatGrams }))).toEqual([
      { name: 'a', fatGrams: null },
      { name: 'b', fatGrams: 2 },
    ]);
  });

  it('applies shared overrides to every row of a count', async () => {
    const created = await foodFactory.createMany(2, { kind: 'processed' });
    expect(created.map((food) => food.kind)).toEqual(['processed', 'processed']);
  });

  it('resolves [] without a query for 0 rows', async () => {
    const statements = await insertsDuring(async () => {
      expect(await foodFactory.createMany(0)).toEqual([]);
      expect(await foodFactory.createMany([])).toEqual([]);
    });
    expect(statements).toHaveLength(0);
  });

  it('refuses a count that is not a non-negative integer', async () => {
    await expect(foodFactory.createMany(-1)).rejects.toThrow(
      'foodFactory.createMany: expected a row count (a non-negative integer) or an array of overrides, got a number (-1)',
    );
    await expect(foodFactory.createMany(1.5)).rejects.toThrow(TypeError);
  });
});

describe('build', () => {
  it('returns the row create would insert, without a database', async () => {
    const statements = await insertsDuring(async () => {
      expect(foodFactory.processed().build({ name: 'x' })).toEqual({ name: 'x', kind: 'processed' });
    });
    expect(statements).toHaveLength(0);
  });

  it('needs the columns another factory fills, naming the column and the factory', () => {
    expect(() => postFactory.build()).toThrow(
      'postFactory.build: column "authorId" comes from userFactory, which needs a database; pass "authorId" or call create()',
    );
    expect(postFactory.build({ authorId: 7 })).toEqual({ title: 'Post 2', authorId: 7 });
    expect(() => foodFactory.userSubmitted().build()).toThrow(
      'foodFactory.userSubmitted().build: column "createdById" comes from userFactory',
    );
  });
});

describe('sequences and random values', () => {
  it('keeps one sequence per factory, shared by its trait chains, and resets it', async () => {
    expect(foodFactory.build().name).toBe('Food 1');
    expect(foodFactory.fat().build().name).toBe('Food 2');
    expect(userFactory.build().email).toBe('user1@example.test');
    foodFactory.resetSequence();
    expect(foodFactory.build().name).toBe('Food 1');
    expect(userFactory.build().email).toBe('user2@example.test');
    resetSequences();
    expect(userFactory.build().email).toBe('user1@example.test');
  });

  it('gives random() numbers in [0, 1) that repeat for the same seed and sequence', () => {
    const define = (seed: number) =>
      defineFactory(foods, {
        insert: (rows) => database.foods.insert(rows),
        seed,
        defaults: ({ random }) => ({
          name: `Food ${random()}`,
          kind: 'whole' as const,
          fatGrams: Math.floor(random() * 100),
        }),
      });
    const first = define(42);
    const again = define(42);
    const other = define(7);
    const rows = (factory: ReturnType<typeof define>) => Array.from({ length: 20 }, () => factory.build());
    const firstRows = rows(first);
    expect(rows(again)).toEqual(firstRows);
    expect(rows(other)).not.toEqual(firstRows);
    for (const row of firstRows) {
      const value = Number(row.name.slice('Food '.length));
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
    // Same seed, same numbers after a reset: a test sees the same data whatever ran before it.
    first.resetSequence();
    expect(rows(first)).toEqual(firstRows);
    expect(new Set(firstRows.map((row) => row.fatGrams)).size).toBeGreaterThan(5);
  });
});

describe('errors name the factory and the column', () => {
  it('refuses an override that is not a column (for JavaScript callers)', () => {
    expect(() => foodFactory.build({ colour: 'red' } as never)).toThrow(
      'foodFactory.build: overrides sets "colour", which is not a column of foods; its columns are id, name, kind, fatGrams, createdById',
    );
  });

  it('refuses defaults or a trait that sets a column the table does not have', () => {
    expect(() =>
      defineFactory(foods, {
        name: 'badFoods',
        insert: (rows) => database.foods.insert(rows),
        defaults: { name: 'x', kind: 'whole' },
        traits: { heavy: { weight: 3 } as never },
      }),
    ).toThrow('badFoods: trait "heavy" sets "weight", which is not a column of foods');
    const computed = defineFactory(foods, {
      name: 'computedFoods',
      insert: (rows) => database.foods.insert(rows),
      defaults: () => ({ name: 'x', kind: 'whole', colour: 'red' }) as never,
    });
    expect(() => computed.build()).toThrow(
      'computedFoods: defaults sets "colour", which is not a column of foods',
    );
  });

  it('refuses a trait named after a factory method', () => {
    expect(() =>
      defineFactory(foods, {
        insert: (rows) => database.foods.insert(rows),
        defaults: { name: 'x', kind: 'whole' },
        traits: { create: { kind: 'processed' } } as never,
      }),
    ).toThrow('factory(foods): a trait cannot be called "create", the name of a factory method');
  });

  it('wraps a database error with the factory, keeping the driver error as its cause', async () => {
    await userFactory.create({ email: 'taken@example.test' });
    const failure = await userFactory
      .create({ email: 'taken@example.test' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^userFactory\.create: inserting 1 row into users failed: /);
    expect((failure as Error).cause).toBeInstanceOf(Error);
    expect(isUniqueViolation(failure)).toBe(true);
  });

  it('refuses an insert that does not resolve to one stored row per row', async () => {
    const broken = defineFactory(foods, {
      name: 'brokenFoods',
      insert: async () => [],
      defaults: { name: 'x', kind: 'whole' },
    });
    await expect(broken.createMany(2)).rejects.toThrow(
      'brokenFoods.createMany: insert must resolve to the stored rows, one per row given (2), got an array of 0',
    );
  });
});
