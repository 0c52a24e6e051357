import { describe, expect, it } from 'vitest';
import { summarizeDatabase } from '../../fixtures/app/scripts/database-summary';
import { seedDemoData } from '../../fixtures/app/scripts/seed-data';
import { emptyDatabase, useFreshDatabase } from './support/database';

useFreshDatabase();

describe('the demo data set (npm start)', () => {
  it('fills every table through the factories and models', async () => {
    await seedDemoData();
    const summary = await summarizeDatabase();
    expect(summary.tables).toHaveLength(30);
    const empty = summary.tables.filter((table) => table.rows <= 0).map((table) => table.name);
    expect(empty).toEqual([]);
    expect(summary.domains).toEqual([
      'auth',
      'tags',
      'foods',
      'recipes',
      'meal-plans',
      'billing',
      'jobs',
      'agents',
    ]);
    const highlights = Object.fromEntries(summary.highlights);
    expect(highlights['Best recipe']).toBe('Lentil and spinach curry: 5.00 / 5 from 2 ratings');
    expect(highlights['Jobs']).toContain('1 succeeded');
  });

  it('is deterministic: an emptied database seeds to the same summary', async () => {
    await seedDemoData();
    const first = await summarizeDatabase();
    await emptyDatabase();
    await seedDemoData();
    expect(await summarizeDatabase()).toEqual(first);
    expect(first.tables.find((table) => table.name === 'billing.invoices')?.rows).toBe(3);
  });
});
