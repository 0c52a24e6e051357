import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, invoiceLines, invoices, jobRuns, jobs, tags } from '@/lib/db';
import { startAgentRuns } from '@/models/agent-runs';
import { tagFoods } from '@/models/food-tags';
import { searchFoods } from '@/models/foods';
import { countInvoiceLines } from '@/models/invoice-lines';
import { countInvoices, issueInvoices, selectInvoices, updateInvoices } from '@/models/invoices';
import { countJobRuns, selectJobRuns } from '@/models/job-runs';
import { claimJobs, completeJobs, failJobs, selectJobs } from '@/models/jobs';
import { recordPayments } from '@/models/payments';
import { summarizeRecipeRatings } from '@/models/recipe-ratings';
import { countRecipes, createRecipesWithIngredients, selectRecipeDetails } from '@/models/recipes';
import { generateShoppingLists } from '@/models/shopping-lists';
import { selectTags } from '@/models/tags';
import {
  agentFactory,
  foodFactory,
  jobFactory,
  mealPlanEntryFactory,
  mealPlanFactory,
  recipeFactory,
  recipeIngredientFactory,
  recipeRatingFactory,
  tagFactory,
  userFactory,
} from '../../fixtures/app/tests/factories';
import { useFreshDatabase } from './support/database';

useFreshDatabase();

describe('recipes model', () => {
  it('creates recipes with numbered ingredients and tags in one transaction', async () => {
    const author = await userFactory.create();
    const [oats, milk] = await foodFactory.createMany(2);
    const tag = await tagFactory.create();
    const [recipe] = await createRecipesWithIngredients([
      {
        slug: 'porridge',
        title: 'Porridge',
        authorId: author.id,
        ingredients: [
          { foodId: oats!.id, quantity: '50.00' },
          { foodId: milk!.id, quantity: '1.00', unit: 'cup' },
        ],
        tagIds: [tag.id],
      },
    ]);
    expect(recipe?.ingredients.map((ingredient) => [ingredient.position, ingredient.unit])).toEqual([
      [1, 'g'],
      [2, 'cup'],
    ]);
    const [details] = await selectRecipeDetails(['porridge']);
    expect(details?.author.name).toBe(author.name);
    expect(details?.ingredients.map((ingredient) => ingredient.food.name)).toEqual([oats!.name, milk!.name]);
    expect(details?.tags.map((row) => row.tag.slug)).toEqual([tag.slug]);
    const [counted] = await selectTags([eq(tags.id, tag.id)]);
    expect(counted?.usageCount).toBe(1);
  });

  it('rolls every recipe back when one ingredient is bad', async () => {
    const author = await userFactory.create();
    const food = await foodFactory.create();
    const missingFood = '00000000-0000-4000-8000-000000000000';
    await expect(
      createRecipesWithIngredients([
        { slug: 'a', title: 'A', authorId: author.id, ingredients: [{ foodId: food.id, quantity: '1.00' }] },
        {
          slug: 'b',
          title: 'B',
          authorId: author.id,
          ingredients: [{ foodId: missingFood, quantity: '1.00' }],
        },
      ]),
    ).rejects.toThrow();
    expect(await countRecipes()).toBe(0);
  });

  it('composes inside a caller transaction', async () => {
    const author = await userFactory.create();
    const food = await foodFactory.create();
    await expect(
      db.transaction(async (tx) => {
        await createRecipesWithIngredients(
          [
            {
              slug: 'c',
              title: 'C',
              authorId: author.id,
              ingredients: [{ foodId: food.id, quantity: '1.00' }],
            },
          ],
          { tx },
        );
        expect(await countRecipes([], { tx })).toBe(1);
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(await countRecipes()).toBe(0);
  });

  it('summarizes ratings per recipe, best first', async () => {
    const [good, fine] = await recipeFactory.createMany(2);
    await recipeRatingFactory.fiveStars().createMany(2, { recipeId: good!.id });
    await recipeRatingFactory.oneStar().create({ recipeId: fine!.id });
    expect(await summarizeRecipeRatings([fine!.id, good!.id])).toEqual([
      { recipeId: good!.id, average: 5, ratings: 2 },
      { recipeId: fine!.id, average: 1, ratings: 1 },
    ]);
    expect(await summarizeRecipeRatings([])).toEqual([]);
  });
});

describe('foods and tags', () => {
  it('searches by name, alias, category and processing level', async () => {
    await foodFactory.create({ name: 'Rolled oats' });
    await foodFactory.withNutrients().create({ name: 'Kale' });
    await foodFactory.ultraProcessed().create({ name: 'Oat crisps' });
    expect((await searchFoods({ query: 'oat' })).map((food) => food.name)).toEqual([
      'Oat crisps',
      'Rolled oats',
    ]);
    expect((await searchFoods({ query: 'greens' })).map((food) => food.name)).toEqual(['Kale']);
    expect(
      (await searchFoods({ query: 'oat', processing: ['unprocessed'] })).map((food) => food.name),
    ).toEqual(['Rolled oats']);
    expect(await searchFoods({ query: '%' })).toEqual([]);
  });

  it('tags foods once and counts each new pair', async () => {
    const [apple, pear] = await foodFactory.createMany(2);
    const tag = await tagFactory.create();
    expect(await tagFoods([{ foodId: apple!.id, tagId: tag.id }])).toHaveLength(1);
    const again = await tagFoods([
      { foodId: apple!.id, tagId: tag.id },
      { foodId: pear!.id, tagId: tag.id },
      { foodId: pear!.id, tagId: tag.id },
    ]);
    expect(again.map((pair) => pair.foodId)).toEqual([pear!.id]);
    const [counted] = await selectTags([eq(tags.id, tag.id)]);
    expect(counted?.usageCount).toBe(2);
  });
});

describe('shopping lists', () => {
  it('sum scaled recipe ingredients and food servings per item, and replace items on regeneration', async () => {
    const plan = await mealPlanFactory.create();
    const lentils = await foodFactory.create({ name: 'Lentils' });
    const spinach = await foodFactory.create({ name: 'Spinach', servingGrams: '80.00' });
    const curry = await recipeFactory.create({ servings: 4 });
    await recipeIngredientFactory.create({ recipeId: curry.id, foodId: lentils.id, quantity: '400.00' });
    await recipeIngredientFactory.create({ recipeId: curry.id, foodId: spinach.id, quantity: '200.00' });
    await mealPlanEntryFactory.withRecipe().double().create({ mealPlanId: plan.id, recipeId: curry.id });
    await mealPlanEntryFactory.create({ mealPlanId: plan.id, foodId: spinach.id, servings: 1.5 });

    const [list] = await generateShoppingLists([plan.id]);
    const items = Object.fromEntries(
      list!.items.map((item) => [item.label, `${item.quantity} ${item.unit}`]),
    );
    expect(items).toEqual({ Lentils: '200.00 g', Spinach: '220.00 g' });

    await mealPlanEntryFactory.create({ mealPlanId: plan.id, foodId: lentils.id });
    const [again] = await generateShoppingLists([plan.id]);
    expect(again?.id).toBe(list?.id);
    expect(again?.items.find((item) => item.label === 'Lentils')?.quantity).toBe('300.00');
    expect(await generateShoppingLists([])).toEqual([]);
  });
});

describe('invoices and payments', () => {
  it('issues numbered invoices whose totals are the sum of their lines', async () => {
    const user = await userFactory.create();
    const issuedOn = new Date(Date.UTC(2025, 2, 1));
    const [first, second] = await issueInvoices(
      [
        { userId: user.id, lines: [{ description: 'Pro', unitAmountCents: 1_200 }] },
        {
          userId: user.id,
          lines: [
            { description: 'Consultation', quantity: 2, unitAmountCents: 4_500 },
            { description: 'Book', unitAmountCents: 2_900 },
          ],
        },
      ],
      { issuedOn },
    );
    expect([first?.number, second?.number]).toEqual(['INV-2025-000001', 'INV-2025-000002']);
    expect(second?.totalCents).toBe(11_900);
    expect(second?.lines.map((line) => [line.position, line.amountCents])).toEqual([
      [1, 9_000],
      [2, 2_900],
    ]);
    const [third] = await issueInvoices(
      [{ userId: user.id, lines: [{ description: 'x', unitAmountCents: 1 }] }],
      {
        issuedOn,
      },
    );
    expect(third?.number).toBe('INV-2025-000003');
  });

  it('rolls back every invoice of the call when a line breaks a constraint', async () => {
    const user = await userFactory.create();
    await expect(
      issueInvoices([
        { userId: user.id, lines: [{ description: 'ok', unitAmountCents: 100 }] },
        { userId: user.id, lines: [{ description: 'bad', quantity: 0, unitAmountCents: 100 }] },
      ]),
    ).rejects.toThrow();
    expect(await countInvoices()).toBe(0);
    expect(await countInvoiceLines([eq(invoiceLines.description, 'ok')])).toBe(0);
    await expect(issueInvoices([{ userId: user.id, lines: [] }])).rejects.toThrow('needs at least one');
  });

  it('settles an invoice once its payments reach the total, and refuses void ones', async () => {
    const user = await userFactory.create();
    const [invoice] = await issueInvoices([
      { userId: user.id, lines: [{ description: 'Pro', unitAmountCents: 1_000 }] },
    ]);
    await recordPayments([{ invoiceId: invoice!.id, amountCents: 400 }]);
    expect((await selectInvoices([]))[0]?.status).toBe('open');
    await recordPayments([{ invoiceId: invoice!.id, amountCents: 600, provider: 'manual' }]);
    const [paid] = await selectInvoices([]);
    expect(paid?.status).toBe('paid');
    expect(paid?.paidAt).toBeInstanceOf(Date);

    const [voided] = await issueInvoices([
      { userId: user.id, lines: [{ description: 'x', unitAmountCents: 5 }] },
    ]);
    await updateInvoices([eq(invoices.id, voided!.id)], { status: 'void' });
    await expect(recordPayments([{ invoiceId: voided!.id, amountCents: 5 }])).rejects.toThrow(
      /cannot pay INV-.*\(void\)/,
    );
  });
});

describe('jobs model', () => {
  it('claims due jobs by priority, each for one worker only, and records a run', async () => {
    const [old, recent] = await jobFactory.createMany(2);
    const urgent = await jobFactory.urgent().create();
    await jobFactory.delayed().create();
    await jobFactory.inAgentsQueue().create();

    const [firstClaim, secondClaim] = await Promise.all([
      claimJobs({ workerId: 'worker-a', limit: 2 }),
      claimJobs({ workerId: 'worker-b', limit: 2 }),
    ]);
    const claimedIds = [...firstClaim!, ...secondClaim!].map((job) => job.id);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    expect(claimedIds.sort()).toEqual([old!.id, recent!.id, urgent.id].sort());
    expect(firstClaim![0]?.id).toBe(urgent.id);
    expect(
      firstClaim!.every(
        (job) => job.status === 'running' && job.attempts === 1 && job.lockedBy === 'worker-a',
      ),
    ).toBe(true);
    expect(await countJobRuns()).toBe(3);
    expect(await claimJobs({ workerId: 'worker-c' })).toEqual([]);
  });

  it('completes jobs and closes their runs', async () => {
    const job = await jobFactory.create();
    await claimJobs({ workerId: 'w' });
    const [done] = await completeJobs([job.id]);
    expect(done).toMatchObject({ status: 'succeeded', lockedBy: null });
    const [run] = await selectJobRuns([eq(jobRuns.jobId, job.id)]);
    expect(run?.outcome).toBe('succeeded');
    expect(run?.finishedAt).toBeInstanceOf(Date);
    expect(await completeJobs([job.id])).toEqual([]);
  });

  it('requeues a failed job with attempts left and fails it for good after the last one', async () => {
    const job = await jobFactory.create({ maxAttempts: 2 });
    await claimJobs({ workerId: 'w' });
    const [retried] = await failJobs([job.id], 'timeout', { retryDelayMs: 0 });
    expect(retried).toMatchObject({ status: 'queued', attempts: 1, lastError: 'timeout' });
    await claimJobs({ workerId: 'w' });
    const [failed] = await failJobs([job.id], 'timeout again');
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    const runs = await selectJobRuns([eq(jobRuns.jobId, job.id)], { orderBy: jobRuns.attempt });
    expect(runs.map((run) => [run.attempt, run.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
    ]);
  });
});

describe('agent runs', () => {
  it('creates each run together with the job that executes it', async () => {
    const agent = await agentFactory.create();
    const user = await userFactory.create();
    const [started] = await startAgentRuns([
      { agentId: agent.id, requestedById: user.id, input: { prompt: 'hi' } },
    ]);
    expect(started?.run).toMatchObject({ agentId: agent.id, status: 'pending', jobId: started?.job.id });
    expect(started?.job).toMatchObject({
      queue: 'agents',
      name: 'agents.run',
      payload: { runId: started?.run.id },
    });
    const [claimed] = await claimJobs({ workerId: 'agent-worker', queue: 'agents' });
    expect(claimed?.id).toBe(started?.job.id);
  });

  it('creates neither when the run is invalid', async () => {
    await expect(
      startAgentRuns([{ agentId: '00000000-0000-4000-8000-000000000000', input: {} }]),
    ).rejects.toThrow();
    expect(await selectJobs([eq(jobs.queue, 'agents')])).toEqual([]);
  });
});
