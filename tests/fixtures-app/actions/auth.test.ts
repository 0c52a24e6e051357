import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { signUp, updatePreferences } from '@/actions/auth';
import { userPreferences } from '@/lib/db';
import { selectUserPreferences } from '@/models/user-preferences';
import { countUsers } from '@/models/users';
import { userFactory } from '../../../fixtures/app/tests/factories';
import { useFreshDatabase } from '../support/database';
import { revalidatedPaths } from '../support/revalidation';

vi.mock('next/cache', () => import('../support/revalidation'));
useFreshDatabase();
beforeEach(() => {
  revalidatedPaths.length = 0;
});

describe('signUp', () => {
  it('creates the user and their preferences together', async () => {
    const result = await signUp({ email: 'Ada@Example.test', name: ' Ada ', diet: 'vegan' });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.user).toMatchObject({ email: 'ada@example.test', name: 'Ada', role: 'member' });
    expect(result.preferences).toMatchObject({ userId: result.user.id, diet: 'vegan', units: 'metric' });
    expect(revalidatedPaths).toEqual(['/']);
  });

  it('refuses invalid input without touching the database', async () => {
    const result = await signUp({ email: 'not-an-email', name: '' });
    expect(result).toMatchObject({ success: false, error: expect.stringMatching(/^Invalid input: email/) });
    expect(result.success === false && result.fieldErrors).toHaveProperty('name');
    expect(await countUsers()).toBe(0);
    expect(revalidatedPaths).toEqual([]);
  });

  it('reports a taken email and keeps no half-created account', async () => {
    await userFactory.create({ email: 'taken@example.test' });
    const result = await signUp({ email: 'taken@example.test', name: 'Someone' });
    expect(result).toEqual({ success: false, error: 'An account with this email already exists' });
    expect(await countUsers()).toBe(1);
    expect(await selectUserPreferences()).toEqual([]);
  });
});

describe('updatePreferences', () => {
  it('creates the preferences on first use and updates them afterwards', async () => {
    const user = await userFactory.create();
    const first = await updatePreferences({
      userId: user.id,
      dailyCalorieTarget: 2100,
      allergies: ['peanuts'],
    });
    expect(first).toMatchObject({
      success: true,
      preferences: { dailyCalorieTarget: 2100, allergies: ['peanuts'] },
    });
    const second = await updatePreferences({ userId: user.id, units: 'imperial' });
    expect(second).toMatchObject({
      success: true,
      preferences: { units: 'imperial', dailyCalorieTarget: 2100 },
    });
    expect(await selectUserPreferences([eq(userPreferences.userId, user.id)])).toHaveLength(1);
    expect(revalidatedPaths).toEqual(['/settings', '/settings']);
  });

  it('refuses a calorie target out of range', async () => {
    const user = await userFactory.create();
    const result = await updatePreferences({ userId: user.id, dailyCalorieTarget: 100 });
    expect(result).toMatchObject({ success: false, error: expect.stringContaining('dailyCalorieTarget') });
  });

  it('reports an unknown user', async () => {
    const result = await updatePreferences({
      userId: '00000000-0000-4000-8000-000000000000',
      units: 'metric',
    });
    expect(result).toEqual({ success: false, error: 'User not found' });
  });
});
