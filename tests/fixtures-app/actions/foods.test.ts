import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyTagsToFoods, createFood } from '@/actions/foods';
import { countFoodTags } from '@/models/food-tags';
import { countFoods } from '@/models/foods';
import { foodFactory, tagFactory, userFactory } from '../../../fixtures/app/tests/factories';
import { useFreshDatabase } from '../support/database';
import { revalidatedPaths } from '../support/revalidation';

vi.mock('next/cache', () => import('../support/revalidation'));
useFreshDatabase();
beforeEach(() => {
  revalidatedPaths.length = 0;
});

describe('createFood', () => {
  it('creates a food with exact decimals and lowercase aliases', async () => {
    const user = await userFactory.create();
    const result = await createFood({
      name: 'Greek yoghurt',
      category: 'dairy',
      processing: 'minimally_processed',
      caloriesPer100g: 97,
      fatPer100g: 5,
      proteinPer100g: 9,
      aliases: ['Yogurt'],
      barcode: '4006040000123',
      createdById: user.id,
    });
    expect(result).toMatchObject({
      success: true,
      food: {
        name: 'Greek yoghurt',
        fatPer100g: '5.00',
        servingGrams: '100.00',
        aliases: ['yogurt'],
        verified: false,
      },
    });
    expect(revalidatedPaths).toEqual(['/foods']);
  });

  it('refuses negative calories and an unknown category', async () => {
    const result = await createFood({ name: 'Air', caloriesPer100g: -1, category: 'vapour' });
    expect(result).toMatchObject({ success: false });
    expect(result.success === false && Object.keys(result.fieldErrors ?? {}).sort()).toEqual([
      'caloriesPer100g',
      'category',
    ]);
    expect(await countFoods()).toBe(0);
  });

  it('reports a duplicate barcode', async () => {
    const existing = await foodFactory.branded().create();
    const result = await createFood({ name: 'Copy', caloriesPer100g: 10, barcode: existing.barcode! });
    expect(result).toEqual({ success: false, error: 'A food with this barcode already exists' });
  });
});

describe('applyTagsToFoods', () => {
  it('tags every food with every tag once', async () => {
    const foods = await foodFactory.createMany(2);
    const tags = await tagFactory.createMany(2);
    const input = { foodIds: foods.map((food) => food.id), tagIds: tags.map((tag) => tag.id) };
    expect(await applyTagsToFoods(input)).toEqual({ success: true, tagged: 4 });
    expect(await applyTagsToFoods(input)).toEqual({ success: true, tagged: 0 });
    expect(await countFoodTags()).toBe(4);
  });

  it('refuses ids of the wrong shape', async () => {
    expect(await applyTagsToFoods({ foodIds: ['nope'], tagIds: [1] })).toMatchObject({
      success: false,
      error: expect.stringContaining('foodIds.0'),
    });
  });

  it('reports a tag that does not exist', async () => {
    const food = await foodFactory.create();
    expect(await applyTagsToFoods({ foodIds: [food.id], tagIds: [4242] })).toEqual({
      success: false,
      error: 'A food or tag does not exist',
    });
    expect(await countFoodTags()).toBe(0);
  });
});
