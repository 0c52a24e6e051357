import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createRecipe, publishRecipes, rateRecipe } from '@/actions/recipes';
import { countRecipeIngredients } from '@/models/recipe-ingredients';
import { countRecipes } from '@/models/recipes';
import { foodFactory, recipeFactory, tagFactory, userFactory } from '../../../fixtures/app/tests/factories';
import { useFreshDatabase } from '../support/database';
import { revalidatedPaths } from '../support/revalidation';

vi.mock('next/cache', () => import('../support/revalidation'));
useFreshDatabase();
beforeEach(() => {
  revalidatedPaths.length = 0;
});

async function recipeInput() {
  const author = await userFactory.create();
  const [oats, milk] = await foodFactory.createMany(2);
  return {
    authorId: author.id,
    title: 'Overnight oats',
    servings: 1,
    steps: [{ text: 'Mix.' }, { text: 'Wait overnight.', minutes: 480 }],
    ingredients: [
      { foodId: oats!.id, quantity: 60, unit: 'g' },
      { foodId: milk!.id, quantity: 1.5, unit: 'cup' },
    ],
  };
}

describe('createRecipe', () => {
  it('creates the recipe with its ingredients and tags, and a unique slug', async () => {
    const input = await recipeInput();
    const tag = await tagFactory.create();
    const first = await createRecipe({ ...input, tagIds: [tag.id] });
    expect(first).toMatchObject({ success: true, recipe: { slug: 'overnight-oats', servings: 1 } });
    expect(first.success && first.recipe.ingredients.map((ingredient) => ingredient.quantity)).toEqual([
      '60.00',
      '1.50',
    ]);
    const second = await createRecipe(input);
    expect(second).toMatchObject({ success: true, recipe: { slug: 'overnight-oats-2' } });
    expect(revalidatedPaths).toEqual(['/recipes', '/recipes']);
  });

  it('refuses a recipe without ingredients', async () => {
    const input = await recipeInput();
    const result = await createRecipe({ ...input, ingredients: [] });
    expect(result).toMatchObject({ success: false, error: expect.stringContaining('ingredients') });
    expect(await countRecipes()).toBe(0);
  });

  it('reports an unknown food and leaves nothing behind', async () => {
    const input = await recipeInput();
    input.ingredients.push({ foodId: '00000000-0000-4000-8000-000000000000', quantity: 1, unit: 'g' });
    expect(await createRecipe(input)).toEqual({
      success: false,
      error: 'The author, a food or a tag does not exist',
    });
    expect(await countRecipes()).toBe(0);
    expect(await countRecipeIngredients()).toBe(0);
  });
});

describe('rateRecipe', () => {
  it('stores a rating and replaces it when the user rates again', async () => {
    const recipe = await recipeFactory.create();
    const user = await userFactory.create();
    expect(await rateRecipe({ recipeId: recipe.id, userId: user.id, score: 3 })).toMatchObject({
      success: true,
      rating: { score: 3 },
    });
    expect(
      await rateRecipe({ recipeId: recipe.id, userId: user.id, score: 5, comment: 'Better today' }),
    ).toMatchObject({
      success: true,
      rating: { score: 5, comment: 'Better today' },
    });
    expect(revalidatedPaths).toEqual(['/recipes/[slug] (page)', '/recipes/[slug] (page)']);
  });

  it('refuses a score outside 1 to 5', async () => {
    const recipe = await recipeFactory.create();
    const user = await userFactory.create();
    expect(await rateRecipe({ recipeId: recipe.id, userId: user.id, score: 6 })).toMatchObject({
      success: false,
      error: expect.stringContaining('score'),
    });
  });

  it('reports a missing recipe', async () => {
    const user = await userFactory.create();
    expect(
      await rateRecipe({ recipeId: '00000000-0000-4000-8000-000000000000', userId: user.id, score: 4 }),
    ).toEqual({
      success: false,
      error: 'Recipe or user not found',
    });
  });
});

describe('publishRecipes', () => {
  it('publishes drafts and leaves published recipes alone', async () => {
    const drafts = await recipeFactory.createMany(2);
    const published = await recipeFactory.published().create();
    const result = await publishRecipes({ recipeIds: [...drafts.map((recipe) => recipe.id), published.id] });
    expect(result).toEqual({ success: true, published: 2 });
  });

  it('refuses an empty list', async () => {
    expect(await publishRecipes({ recipeIds: [] })).toMatchObject({ success: false });
  });
});
