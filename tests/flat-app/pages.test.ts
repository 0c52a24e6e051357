import { eq } from 'drizzle-orm';
import { isValidElement, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import ProjectPage from '@/app/(dashboard)/projects/[id]/page';
import HomePage from '@/app/page';
import { selectTasks } from '@/lib/data-access/tasks';
import { tasks } from '@/lib/db/schema';
import { createTeam } from '../../fixtures/flat-app/tests/factories/team.factory';
import { revalidatedPaths } from '../fixtures-app/support/revalidation';
import { useFreshDatabase } from './support/database';
import { signInAs } from './support/next-headers';

vi.mock('next/cache', () => import('../fixtures-app/support/revalidation'));
vi.mock('next/headers', () => import('./support/next-headers'));
useFreshDatabase();

/** Next's navigation helpers throw an error whose digest says where to go; it is their public contract. */
async function digestOf(render: Promise<unknown>): Promise<string> {
  const error = await render.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return String((error as { digest?: unknown } | undefined)?.digest);
}

/** The `action` of the first `<form>` in a rendered tree whose action is a server function. */
function formAction(node: ReactNode): ((formData: FormData) => Promise<void>) | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = formAction(child as ReactNode);
      if (found) return found;
    }
    return undefined;
  }
  if (!isValidElement<{ action?: unknown; children?: ReactNode }>(node)) return undefined;
  if (node.type === 'form' && typeof node.props.action === 'function') {
    return node.props.action as (formData: FormData) => Promise<void>;
  }
  return formAction(node.props.children);
}

describe('Server Components of the flat app', () => {
  it('HomePage redirects: to sign in without a session, to the projects with one', async () => {
    signInAs(undefined);
    expect(await digestOf(HomePage())).toMatch(/^NEXT_REDIRECT;replace;\/sign-in;307;/);
    const { users } = await createTeam();
    signInAs(users[0]!.id);
    expect(await digestOf(HomePage())).toMatch(/^NEXT_REDIRECT;replace;\/projects;307;/);
  });

  it('ProjectPage’s inline server action appends a task to the project it renders', async () => {
    const { users, addProjects } = await createTeam();
    const [project] = await addProjects([{ name: 'Website' }]);
    signInAs(users[0]!.id);

    const page = await ProjectPage({ params: Promise.resolve({ id: project!.id }) });
    expect(JSON.stringify(page)).toContain('Website');
    const addTask = formAction(page);
    expect(addTask).toBeTypeOf('function');

    const form = new FormData();
    form.set('title', 'Draft the homepage');
    await addTask!(form);
    await addTask!(form);

    const added = await selectTasks([eq(tasks.projectId, project!.id)], { orderBy: tasks.position });
    expect(added.map((task) => [task.title, task.position])).toEqual([
      ['Draft the homepage', 0],
      ['Draft the homepage', 1],
    ]);
    expect(revalidatedPaths).toContain(`/projects/${project!.id}`);
  });

  it('ProjectPage answers not found for another team’s project', async () => {
    const { users } = await createTeam();
    const other = await createTeam();
    const [foreign] = await other.addProjects([{}]);
    signInAs(users[0]!.id);

    expect(await digestOf(ProjectPage({ params: Promise.resolve({ id: foreign!.id }) }))).toBe(
      'NEXT_HTTP_ERROR_FALLBACK;404',
    );
  });
});
