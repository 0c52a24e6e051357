import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deleteTasks, insertTasks } from '@/lib/data-access/tasks';
import { countComments, insertComments } from '@/lib/data-access/comments';
import { tasks } from '@/lib/db/schema';
import { createTeam } from '../../fixtures/flat-app/tests/factories/team.factory';
import { rows, useFreshDatabase } from './support/database';

useFreshDatabase();

describe('the committed migrations of fixtures/flat-app', () => {
  it('create the ten tables of lib/db/schema.ts', async () => {
    const tables = await rows<{ tablename: string }>(
      sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
    );
    expect(tables.map((table) => table.tablename)).toEqual([
      'activity_logs',
      'comments',
      'invitations',
      'labels',
      'projects',
      'task_labels',
      'tasks',
      'team_members',
      'teams',
      'users',
    ]);
  });

  it('declare the foreign key written in comments’ third argument, cascading from tasks', async () => {
    const { users, addProjects } = await createTeam();
    const [project] = await addProjects([{}]);
    const [task] = await insertTasks([{ projectId: project!.id, title: 'Write the docs' }]);
    await insertComments([
      { taskId: task!.id, authorId: users[0]!.id, body: 'First' },
      { taskId: task!.id, authorId: users[0]!.id, body: 'Second' },
    ]);
    expect(await countComments()).toBe(2);

    await deleteTasks([eq(tasks.id, task!.id)]);
    expect(await countComments()).toBe(0);
    await expect(
      insertComments([{ taskId: task!.id, authorId: users[0]!.id, body: 'Too late' }]),
    ).rejects.toThrow();
  });
});
