import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addMealPlanEntries, createMealPlan, generateShoppingList } from '@/actions/meal-plans';
import { countMealPlanEntries } from '@/models/meal-plan-entries';
import { countMealPlans } from '@/models/meal-plans';
import {
  foodFactory,
  mealPlanFactory,
  recipeFactory,
  recipeIngredientFactory,
  userFactory,
} from '../../../fixtures/app/tests/factories';
import { useFreshDatabase } from '../support/database';
import { revalidatedPaths } from '../support/revalidation';

vi.mock('next/cache', () => import('../support/revalidation'));
useFreshDatabase();
beforeEach(() => {
  revalidatedPaths.length = 0;
});

describe('createMealPlan', () => {
  it('creates a plan', async () => {
    const owner = await userFactory.create();
    const result = await createMealPlan({
      ownerId: owner.id,
      name: 'Spring week',
      startsOn: '2025-03-03',
      endsOn: '2025-03-09',
    });
    expect(result).toMatchObject({
      success: true,
      mealPlan: { name: 'Spring week', startsOn: '2025-03-03', archived: false },
    });
    expect(revalidatedPaths).toEqual(['/meal-plans']);
  });

  it('refuses a plan that ends before it starts', async () => {
    const owner = await userFactory.create();
    const result = await createMealPlan({
      ownerId: owner.id,
      name: 'Backwards',
      startsOn: '2025-03-09',
      endsOn: '2025-03-03',
    });
    expect(result).toMatchObject({
      success: false,
      error: 'Invalid input: endsOn: must not be before startsOn',
    });
    expect(await countMealPlans()).toBe(0);
  });

  it('reports an unknown owner', async () => {
    const result = await createMealPlan({
      ownerId: '00000000-0000-4000-8000-000000000000',
      name: 'Nobody',
      startsOn: '2025-03-03',
      endsOn: '2025-03-09',
    });
    expect(result).toEqual({ success: false, error: 'Owner not found' });
  });
});

describe('addMealPlanEntries', () => {
  it('adds recipe and food entries within the plan', async () => {
    const plan = await mealPlanFactory.create({ startsOn: '2025-03-03', endsOn: '2025-03-09' });
    const recipe = await recipeFactory.create();
    const food = await foodFactory.create();
    const result = await addMealPlanEntries({
      mealPlanId: plan.id,
      entries: [
        { day: '2025-03-03', slot: 'dinner', recipeId: recipe.id, servings: 2 },
        { day: '2025-03-04', slot: 'snack', foodId: food.id },
      ],
    });
    expect(result.success).toBe(true);
    expect(
      result.success && result.entries.map((entry) => [entry.day.toISOString().slice(0, 10), entry.servings]),
    ).toEqual([
      ['2025-03-03', 2],
      ['2025-03-04', 1],
    ]);
    expect(revalidatedPaths).toEqual([`/meal-plans/${plan.id}`]);
  });

  it('refuses an entry with both a recipe and a food', async () => {
    const plan = await mealPlanFactory.create();
    const recipe = await recipeFactory.create();
    const food = await foodFactory.create();
    const result = await addMealPlanEntries({
      mealPlanId: plan.id,
      entries: [{ day: plan.startsOn, slot: 'lunch', recipeId: recipe.id, foodId: food.id }],
    });
    expect(result).toMatchObject({
      success: false,
      error: 'Invalid input: entries.0: give exactly one of recipeId and foodId',
    });
  });

  it('refuses a day outside the plan and an unknown plan', async () => {
    const plan = await mealPlanFactory.create({ startsOn: '2025-03-03', endsOn: '2025-03-09' });
    const food = await foodFactory.create();
    const entries = [{ day: '2025-04-01', slot: 'lunch', foodId: food.id }];
    expect(await addMealPlanEntries({ mealPlanId: plan.id, entries })).toEqual({
      success: false,
      error: '2025-04-01 is outside the plan (2025-03-03 to 2025-03-09)',
    });
    expect(await addMealPlanEntries({ mealPlanId: '00000000-0000-4000-8000-000000000000', entries })).toEqual(
      {
        success: false,
        error: 'Meal plan not found',
      },
    );
    expect(await countMealPlanEntries()).toBe(0);
  });
});

describe('generateShoppingList', () => {
  it('builds the list from the plan', async () => {
    const plan = await mealPlanFactory.create({ startsOn: '2025-03-03', endsOn: '2025-03-09' });
    const recipe = await recipeFactory.create({ servings: 2 });
    const rice = await foodFactory.create({ name: 'Rice' });
    await recipeIngredientFactory.create({ recipeId: recipe.id, foodId: rice.id, quantity: '150.00' });
    await addMealPlanEntries({
      mealPlanId: plan.id,
      entries: [{ day: '2025-03-05', slot: 'dinner', recipeId: recipe.id, servings: 4 }],
    });
    const result = await generateShoppingList({ mealPlanId: plan.id });
    expect(result).toMatchObject({
      success: true,
      shoppingList: { mealPlanId: plan.id, items: [{ label: 'Rice', quantity: '300.00', unit: 'g' }] },
    });
  });

  it('refuses a malformed id and reports an unknown plan', async () => {
    expect(await generateShoppingList({ mealPlanId: 'plan-1' })).toMatchObject({ success: false });
    expect(await generateShoppingList({ mealPlanId: '00000000-0000-4000-8000-000000000000' })).toEqual({
      success: false,
      error: 'Meal plan not found',
    });
  });
});
