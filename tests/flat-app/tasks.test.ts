import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addComment } from '@/actions/comments';
import { createTask, updateTaskStatus } from '@/actions/tasks';
import { deleteTasks, insertTasks, selectTasks } from '@/lib/data-access/tasks';
import { searchTasks } from '@/lib/db/queries';
import { tasks } from '@/lib/db/schema';
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

/** A signed-in member of a team with one project. */
async function signedInWithProject() {
  const { team, users, addProjects } = await createTeam(['member']);
  const [project] = await addProjects([{ name: 'Website' }]);
  signInAs(users[0]!.id);
  return { team, user: users[0]!, project: project! };
}

describe('createTask (actions/tasks.ts)', () => {
  it('appends tasks to the end of the project’s board', async () => {
    const { project } = await signedInWithProject();

    const first = await createTask({ projectId: project.id, title: 'Design the logo' });
    const second = await createTask({ projectId: project.id, title: 'Pick fonts', priority: 'high' });

    expect(first).toMatchObject({ success: true, task: { position: 0, status: 'todo', priority: 'none' } });
    expect(second).toMatchObject({ success: true, task: { position: 1, priority: 'high' } });
    expect(revalidatedPaths).toEqual([`/projects/${project.id}`, `/projects/${project.id}`]);
  });

  it('does not add a task to another team’s project', async () => {
    await signedInWithProject();
    const other = await createTeam();
    const [foreign] = await other.addProjects([{}]);

    expect(await createTask({ projectId: foreign!.id, title: 'Sneaky' })).toEqual({
      success: false,
      error: 'Project not found',
    });
    expect(await selectTasks([eq(tasks.projectId, foreign!.id)])).toEqual([]);
  });
});

describe('updateTaskStatus', () => {
  it('moves the team’s tasks and leaves other teams’ tasks alone', async () => {
    const { project } = await signedInWithProject();
    const created = await createTask({ projectId: project.id, title: 'Write copy' });
    const other = await createTeam();
    const [foreignProject] = await other.addProjects([{}]);
    const [foreignTask] = await insertTasks([{ projectId: foreignProject!.id, title: 'Theirs' }]);
    if (!created.success) throw new Error(created.error);

    const result = await updateTaskStatus({ taskIds: [created.task.id, foreignTask!.id], status: 'done' });

    expect(result).toMatchObject({ success: true, tasks: [{ id: created.task.id, status: 'done' }] });
    expect(await searchTasks({ teamId: other.team.id, statuses: ['done'] })).toEqual([]);
  });
});

describe('addComment (useActionState action)', () => {
  function commentForm(taskId: string, body: string): FormData {
    const form = new FormData();
    form.set('taskId', taskId);
    form.set('body', body);
    return form;
  }

  it('adds the comment as the signed-in user', async () => {
    const { user, project } = await signedInWithProject();
    const created = await createTask({ projectId: project.id, title: 'Review' });
    if (!created.success) throw new Error(created.error);

    expect(await addComment(null, commentForm(created.task.id, 'Looks good'))).toMatchObject({
      success: true,
      comment: { taskId: created.task.id, authorId: user.id, body: 'Looks good' },
    });
  });

  it('answers { success: false } when the task was deleted meanwhile (the foreign key refuses the row)', async () => {
    const { project } = await signedInWithProject();
    const created = await createTask({ projectId: project.id, title: 'Gone soon' });
    if (!created.success) throw new Error(created.error);
    await deleteTasks([eq(tasks.id, created.task.id)]);

    expect(await addComment(null, commentForm(created.task.id, 'Hello?'))).toEqual({
      success: false,
      error: 'This task was deleted in the meantime',
    });
  });
});

describe('searchTasks (lib/db/queries.ts)', () => {
  it('finds the team’s tasks by text in the title or description', async () => {
    const { team, project } = await signedInWithProject();
    await createTask({ projectId: project.id, title: 'Fix the 100% width bug' });
    await createTask({ projectId: project.id, title: 'Polish', description: 'Width of the sidebar' });
    await createTask({ projectId: project.id, title: 'Unrelated' });

    const found = await searchTasks({ teamId: team.id, text: 'width' });
    expect(found.map((task) => task.title).sort()).toEqual(['Fix the 100% width bug', 'Polish']);
    expect(await searchTasks({ teamId: team.id, text: '100%' })).toHaveLength(1);
  });
});
