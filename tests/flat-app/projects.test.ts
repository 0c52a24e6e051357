import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { archiveProjects, createProject } from '@/app/(dashboard)/projects/actions';
import { selectActivityLogs } from '@/lib/data-access/activity-logs';
import { countProjects, selectProjects } from '@/lib/data-access/projects';
import { insertTasks } from '@/lib/data-access/tasks';
import { listProjectsWithProgress } from '@/lib/db/queries';
import { activityLogs, projects } from '@/lib/db/schema';
import { createTeam } from '../../fixtures/flat-app/tests/factories/team.factory';
import { revalidatedPaths } from '../fixtures-app/support/revalidation';
import { useFreshDatabase } from './support/database';
import { signInAs } from './support/next-headers';

vi.mock('next/cache', () => import('../fixtures-app/support/revalidation'));
vi.mock('next/headers', () => import('./support/next-headers'));
useFreshDatabase();
beforeEach(() => {
  revalidatedPaths.length = 0;
});

describe('createProject (module action in app/(dashboard)/projects/actions.ts)', () => {
  it('creates the project in the member’s team and records it in the activity feed', async () => {
    const { team, users } = await createTeam(['member']);
    signInAs(users[0]!.id);

    const result = await createProject({ name: '  Launch  ', description: 'Ship v1' });

    expect(result).toMatchObject({
      success: true,
      project: { name: 'Launch', description: 'Ship v1', teamId: team.id, createdBy: users[0]!.id },
    });
    expect(await selectActivityLogs([eq(activityLogs.teamId, team.id)])).toMatchObject([
      { userId: users[0]!.id, action: 'created project "Launch"' },
    ]);
    expect(revalidatedPaths).toEqual(['/projects']);
  });

  it('returns the validation errors per field and writes nothing', async () => {
    const { users } = await createTeam();
    signInAs(users[0]!.id);

    const result = await createProject({ name: '   ' });

    expect(result).toEqual({
      success: false,
      error: 'Please fix the highlighted fields',
      fieldErrors: { name: ['Give the project a name'] },
    });
    expect(await countProjects()).toBe(0);
  });

  it('refuses a visitor without a session', async () => {
    signInAs(undefined);
    expect(await createProject({ name: 'Launch' })).toEqual({
      success: false,
      error: 'You need to sign in first',
    });
  });
});

describe('archiveProjects', () => {
  it('archives the team’s projects for an owner, and lists only the open ones with their progress', async () => {
    const { team, users, addProjects } = await createTeam(['owner']);
    const [kept, archived] = await addProjects([{ name: 'Kept' }, { name: 'Old' }]);
    await insertTasks([
      { projectId: kept!.id, title: 'A', status: 'done' },
      { projectId: kept!.id, title: 'B' },
    ]);
    const other = await createTeam();
    const [foreign] = await other.addProjects([{}]);
    signInAs(users[0]!.id);

    expect(await archiveProjects({ projectIds: [archived!.id, foreign!.id] })).toEqual({
      success: true,
      archived: 1,
    });
    expect(await listProjectsWithProgress(team.id)).toMatchObject([
      { id: kept!.id, name: 'Kept', taskCount: 2, doneCount: 1 },
    ]);
    const [untouched] = await selectProjects([eq(projects.id, foreign!.id)]);
    expect(untouched!.archivedAt).toBeNull();
  });

  it('refuses a plain member', async () => {
    const { users, addProjects } = await createTeam(['member']);
    const [project] = await addProjects([{}]);
    signInAs(users[0]!.id);

    expect(await archiveProjects({ projectIds: [project!.id] })).toEqual({
      success: false,
      error: 'Only owners and admins can archive projects',
    });
  });
});
