import { describe, expect, it } from 'vitest';
import RecipeByIdPage from '@/app/recipes/by-id/[id]/page';
import RecipePage from '@/app/recipes/[slug]/page';
import { recipeFactory, recipeIngredientFactory } from '../../fixtures/app/tests/factories';
import { useFreshDatabase } from './support/database';

useFreshDatabase();

/** Next's navigation helpers throw an error whose digest says what to do; it is their public contract. */
async function digestOf(render: Promise<unknown>): Promise<string> {
  const error = await render.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  return String((error as { digest?: unknown }).digest);
}

describe('Server Components', () => {
  it('RecipeByIdPage redirects an old id link to the slug (Server Components may redirect)', async () => {
    const recipe = await recipeFactory.create();
    const digest = await digestOf(RecipeByIdPage({ params: Promise.resolve({ id: recipe.id }) }));
    expect(digest).toMatch(new RegExp(`^NEXT_REDIRECT;replace;/recipes/${recipe.slug};307;`));
  });

  it('RecipeByIdPage answers not found for unknown and malformed ids', async () => {
    const unknown = await digestOf(
      RecipeByIdPage({ params: Promise.resolve({ id: '00000000-0000-4000-8000-000000000000' }) }),
    );
    expect(unknown).toBe('NEXT_HTTP_ERROR_FALLBACK;404');
    expect(await digestOf(RecipeByIdPage({ params: Promise.resolve({ id: 'nope' }) }))).toBe(
      'NEXT_HTTP_ERROR_FALLBACK;404',
    );
  });

  it('RecipePage renders a recipe from the relational query', async () => {
    const recipe = await recipeFactory.create({ title: 'Dal' });
    await recipeIngredientFactory.create({ recipeId: recipe.id });
    const element = await RecipePage({ params: Promise.resolve({ slug: recipe.slug }) });
    expect(JSON.stringify(element)).toContain('Dal');
  });
});
