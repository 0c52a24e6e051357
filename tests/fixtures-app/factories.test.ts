import { eq } from 'drizzle-orm';
import { defineFactory, resetSequences } from 'many-first/test-factory';
import { describe, expect, it } from 'vitest';
import { foods, mealPlanEntries, recipes, users } from '@/lib/db';
import { countFoods, selectFoods } from '@/models/foods';
import { selectMealPlanEntries } from '@/models/meal-plan-entries';
import { countRecipes } from '@/models/recipes';
import { countUsers, insertUsers, selectUsers } from '@/models/users';
import * as factories from '../../fixtures/app/tests/factories';
import { useFreshDatabase } from './support/database';

useFreshDatabase();

type AnyFactory = {
  create(): Promise<unknown>;
  createMany(count: number): Promise<unknown[]>;
} & Record<string, unknown>;

const methods = new Set(['build', 'create', 'createMany', 'resetSequence', 'name', 'table']);
const all = Object.entries(factories).filter(([name]) => name.endsWith('Factory')) as unknown as [
  string,
  AnyFactory,
][];
const traitsOf = (factory: AnyFactory) => Object.keys(factory).filter((key) => !methods.has(key));

describe('every factory', () => {
  it('covers every table', () => {
    expect(all).toHaveLength(30);
  });

  describe.each(all)('%s', (_name, factory) => {
    it('creates a valid row with no parameters, building its parents', async () => {
      const row = await factory.create();
      expect(row).toBeTypeOf('object');
    });

    it('creates several rows in one call', async () => {
      const rows = await factory.createMany(3);
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((row) => JSON.stringify(row))).size).toBe(3);
    });

    const traits = traitsOf(factory);
    it.each(traits.length > 0 ? traits : ['(no traits)'])('trait %s creates a valid row', async (trait) => {
      if (trait === '(no traits)') return expect(traits).toEqual([]);
      const withTrait = (factory[trait] as () => AnyFactory)();
      expect(await withTrait.create()).toBeTypeOf('object');
    });
  });
});

describe('factories', () => {
  it('chain traits: foodFactory.processed().fat()', async () => {
    const food = await factories.foodFactory.processed().fat().create();
    expect(food.processing).toBe('processed');
    expect(food.fatPer100g).toBe('35.00');
    const [stored] = await selectFoods([eq(foods.id, food.id)]);
    expect(stored).toEqual(food);
  });

  it('let overrides win over traits and defaults', async () => {
    const user = await factories.userFactory.admin().create({ role: 'owner', name: 'Grace' });
    expect(user).toMatchObject({ role: 'owner', name: 'Grace', email: 'user1@example.test' });
  });

  it('number rows from deterministic sequences that restart per test', async () => {
    const [first, second] = await factories.userFactory.createMany(2);
    expect([first?.email, second?.email]).toEqual(['user1@example.test', 'user2@example.test']);
    resetSequences();
    const tag = await factories.tagFactory.create();
    expect(tag.slug).toBe('tag-1');
  });

  it('build parents only when none is given, all of a createMany in one insert', async () => {
    const author = await factories.userFactory.create();
    await factories.recipeFactory.createMany(2, { authorId: author.id });
    expect(await countUsers()).toBe(1);
    await factories.recipeFactory.create();
    expect(await countUsers()).toBe(2);
    expect(await countRecipes([eq(recipes.authorId, author.id)])).toBe(2);
    const ratings = await factories.recipeRatingFactory.createMany(3);
    expect(new Set(ratings.map((rating) => rating.userId)).size).toBe(3);
    expect(await countUsers()).toBe(2 + 3 + 3); // three raters, and three recipe authors
  });

  it('plan a recipe instead of a food with mealPlanEntryFactory.withRecipe()', async () => {
    const entry = await factories.mealPlanEntryFactory.withRecipe().create();
    expect(entry.recipeId).toBeTypeOf('string');
    expect(entry.foodId).toBeNull();
    expect(await countFoods()).toBe(0);
    const [stored] = await selectMealPlanEntries([eq(mealPlanEntries.id, entry.id)]);
    expect(stored?.day).toBeInstanceOf(Date);
  });

  it('resolve self-references: userFactory.invited() and recipeFactory.fork()', async () => {
    const invited = await factories.userFactory.invited().create();
    const [inviter] = await selectUsers([eq(users.id, invited.invitedById!)]);
    expect(inviter?.email).toMatch(/^user\d+@example\.test$/);
    expect(inviter?.id).not.toBe(invited.id);
    const fork = await factories.recipeFactory.fork().create();
    expect(fork.forkedFromId).toBeTypeOf('string');
  });

  it('build a row without inserting it', async () => {
    const built = factories.foodFactory.branded().build();
    expect(built.barcode).toMatch(/^\d{13}$/);
    expect(await countFoods()).toBe(0);
  });

  it('reject bad counts and reserved trait names', async () => {
    await expect(factories.tagFactory.createMany(-1)).rejects.toThrow(TypeError);
    expect(() =>
      defineFactory(users, {
        insert: insertUsers,
        defaults: ({ sequence }) => ({ email: `x${sequence}@example.test`, name: 'x' }),
        traits: { create: { name: 'y' } } as never,
      }),
    ).toThrow('a trait cannot be called "create"');
  });
});
