import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelJobs, enqueueJobs, retryFailedJobs } from '@/actions/jobs';
import { jobs } from '@/lib/db';
import { countJobs, selectJobs } from '@/models/jobs';
import { jobFactory } from '../../../fixtures/app/tests/factories';
import { useFreshDatabase } from '../support/database';
import { revalidatedPaths } from '../support/revalidation';

vi.mock('next/cache', () => import('../support/revalidation'));
useFreshDatabase();
beforeEach(() => {
  revalidatedPaths.length = 0;
});

describe('enqueueJobs', () => {
  it('queues a batch in one call', async () => {
    const result = await enqueueJobs({
      jobs: [
        { name: 'emails.welcome', payload: { userId: 'u1' } },
        { name: 'reports.weekly', queue: 'reports', priority: 5, runAt: '2025-01-06T09:00:00+01:00' },
      ],
    });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.jobs.map((job) => [job.queue, job.status, job.priority])).toEqual([
      ['default', 'queued', 0],
      ['reports', 'queued', 5],
    ]);
    expect(result.jobs[1]?.runAt.toISOString()).toBe('2025-01-06T08:00:00.000Z');
    expect(revalidatedPaths).toEqual(['/jobs']);
  });

  it('refuses a bad queue name and an empty batch', async () => {
    expect(await enqueueJobs({ jobs: [{ name: 'x', queue: 'Bad Queue' }] })).toMatchObject({
      success: false,
      error: 'Invalid input: jobs.0.queue: must be lowercase letters, digits, - or _',
    });
    expect(await enqueueJobs({ jobs: [] })).toMatchObject({ success: false });
    expect(await countJobs()).toBe(0);
  });

  it('refuses the whole batch when a dedupe key is already queued', async () => {
    await enqueueJobs({ jobs: [{ name: 'sync', dedupeKey: 'user-1' }] });
    expect(
      await enqueueJobs({
        jobs: [
          { name: 'other', dedupeKey: 'user-2' },
          { name: 'sync', dedupeKey: 'user-1' },
        ],
      }),
    ).toEqual({ success: false, error: 'A job with this dedupe key is already queued' });
    expect(await countJobs()).toBe(1);
  });
});

describe('cancelJobs', () => {
  it('cancels queued jobs only', async () => {
    const queued = await jobFactory.create();
    const running = await jobFactory.running().create();
    expect(await cancelJobs({ ids: [queued.id, running.id] })).toEqual({ success: true, cancelled: 1 });
    expect((await selectJobs([eq(jobs.id, running.id)]))[0]?.status).toBe('running');
  });

  it('refuses non-integer ids', async () => {
    expect(await cancelJobs({ ids: [1.5] })).toMatchObject({ success: false });
  });
});

describe('retryFailedJobs', () => {
  it('requeues failed jobs of one queue with their attempts reset', async () => {
    await jobFactory.failed().createMany(2);
    await jobFactory.failed().inAgentsQueue().create();
    expect(await retryFailedJobs({ queue: 'default' })).toEqual({ success: true, retried: 2 });
    expect(await countJobs([eq(jobs.status, 'failed')])).toBe(1);
    const requeued = await selectJobs([eq(jobs.status, 'queued')]);
    expect(requeued.map((job) => [job.attempts, job.lastError])).toEqual([
      [0, null],
      [0, null],
    ]);
    expect(await retryFailedJobs({})).toEqual({ success: true, retried: 1 });
  });

  it('refuses an empty queue name', async () => {
    expect(await retryFailedJobs({ queue: '' })).toMatchObject({ success: false });
  });
});
