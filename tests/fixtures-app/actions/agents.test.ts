import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptGeneration, startAgentRun } from '@/actions/agents';
import { jobs } from '@/lib/db';
import { countAgentRuns } from '@/models/agent-runs';
import { countJobs } from '@/models/jobs';
import { agentFactory, agentGenerationFactory, userFactory } from '../../../fixtures/app/tests/factories';
import { useFreshDatabase } from '../support/database';
import { revalidatedPaths } from '../support/revalidation';

vi.mock('next/cache', () => import('../support/revalidation'));
useFreshDatabase();
beforeEach(() => {
  revalidatedPaths.length = 0;
});

describe('startAgentRun', () => {
  it('queues a run of an enabled agent with its job', async () => {
    const agent = await agentFactory.withTools().create();
    const user = await userFactory.create();
    const result = await startAgentRun({
      agentSlug: agent.slug,
      requestedById: user.id,
      input: { prompt: 'Plan' },
    });
    expect(result).toMatchObject({
      success: true,
      run: { agentId: agent.id, requestedById: user.id, status: 'pending', input: { prompt: 'Plan' } },
      job: { queue: 'agents', status: 'queued' },
    });
    expect(revalidatedPaths).toEqual(['/agents']);
  });

  it('refuses input that is not an object', async () => {
    const agent = await agentFactory.create();
    expect(await startAgentRun({ agentSlug: agent.slug, input: 'plan my week' })).toMatchObject({
      success: false,
      error: expect.stringContaining('input'),
    });
    expect(await countAgentRuns()).toBe(0);
  });

  it('refuses a disabled agent, and an unknown user leaves no job behind', async () => {
    const disabled = await agentFactory.disabled().create();
    expect(await startAgentRun({ agentSlug: disabled.slug, input: {} })).toEqual({
      success: false,
      error: `No enabled agent "${disabled.slug}"`,
    });
    const agent = await agentFactory.create();
    expect(
      await startAgentRun({
        agentSlug: agent.slug,
        requestedById: '00000000-0000-4000-8000-000000000000',
        input: {},
      }),
    ).toEqual({ success: false, error: 'User not found' });
    expect(await countJobs([eq(jobs.queue, 'agents')])).toBe(0);
  });
});

describe('acceptGeneration', () => {
  it('accepts a generation once', async () => {
    const generation = await agentGenerationFactory.create();
    const result = await acceptGeneration({ generationId: generation.id });
    expect(result).toMatchObject({ success: true, generation: { id: generation.id } });
    expect(result.success && result.generation.acceptedAt).toBeInstanceOf(Date);
    expect(await acceptGeneration({ generationId: generation.id })).toEqual({
      success: false,
      error: 'Generation not found or already accepted',
    });
  });

  it('refuses a malformed id', async () => {
    expect(await acceptGeneration({})).toMatchObject({
      success: false,
      error: expect.stringContaining('generationId'),
    });
  });
});
