import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../../eslint-plugin/rules/require-action-auth.js';
import { assertionOptions, code, projectFile } from '../rule-tester.js';

// Constructed in the suite, not imported, so eslint-plugin-eslint-plugin's test rules can find its cases.
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

const actionFile = projectFile('src/actions/tasks.ts');
const GUARDS = 'auth, getSession, getServerSession, currentUser, …';

function dataBeforeGuard(
  name: string,
  call: string,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
  guards = GUARDS,
) {
  return {
    messageId: 'dataBeforeGuard' as const,
    data: { name, call, guards },
    line,
    column,
    endLine,
    endColumn,
  };
}

function missingGuard(
  name: string,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
  guards = GUARDS,
) {
  return { messageId: 'missingGuard' as const, data: { name, guards }, line, column, endLine, endColumn };
}

ruleTester.run('require-action-auth', rule, {
  assertionOptions,
  valid: [
    {
      name: 'the session is checked before the model op',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(form: FormData) {
          const session = await auth();
          if (!session) return { success: false, error: 'Not signed in' };
          const [task] = await insertTasks([{ title: String(form.get('title')), ownerId: session.user.id }]);
          return { success: true, task };
        }
      `,
    },
    {
      name: 'an aliased guard, and a guard in an if test',
      filename: actionFile,
      code: code`
        'use server';
        import { auth as getAuth } from '@/auth';
        import { getSession } from '@/lib/session';
        import { deleteTasks, insertTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          const { userId } = await getAuth();
          await insertTasks([{ title, userId }]);
          return { success: true };
        }
        export async function clearTasks() {
          if (!(await getSession())) throw new Error('Not signed in');
          await deleteTasks([], { all: true });
          return { success: true };
        }
      `,
    },
    {
      name: "Better Auth's auth.api.getSession and Supabase's getUser as a configured guard",
      filename: actionFile,
      options: [{ guards: ['getSession', 'getUser'] }],
      code: code`
        'use server';
        import { headers } from 'next/headers';
        import { auth } from '@/lib/auth';
        import { createClient } from '@/lib/supabase/server';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          const session = await auth.api.getSession({ headers: await headers() });
          if (!session) return { success: false };
          await insertTasks([{ title, userId: session.user.id }]);
          return { success: true };
        }
        export async function archiveTask(title: string) {
          const supabase = await createClient();
          const { data } = await supabase.auth.getUser();
          await insertTasks([{ title, userId: data.user!.id }]);
          return { success: true };
        }
      `,
    },
    {
      name: 'a wrapper that is itself a guard guards the function it wraps',
      filename: actionFile,
      options: [{ guards: ['authedAction', 'authActionClient'] }],
      code: code`
        'use server';
        import { authedAction, authActionClient } from '@/lib/safe-action';
        import { insertTasks } from '@/models/tasks';
        export const createTask = authedAction(taskSchema, async (input, user) => {
          await insertTasks([{ ...input, userId: user.id }]);
          return { success: true };
        });
        export const renameTask = authActionClient.schema(taskSchema).action(async ({ parsedInput }) => {
          await insertTasks([parsedInput]);
          return { success: true };
        });
      `,
    },
    {
      name: 'public on purpose: listed in publicActions, or marked with a reason',
      filename: projectFile('app/(auth)/actions.ts'),
      options: [{ publicActions: ['signIn'] }],
      code: code`
        'use server';
        import { insertUsers } from '@/models/users';
        import { insertContactMessages } from '@/models/contact-messages';
        export async function signIn(form: FormData) {
          return { success: true };
        }
        // many-first-public: the contact form on the landing page takes anonymous messages
        export async function sendContactMessage(form: FormData) {
          await insertContactMessages([{ body: String(form.get('body')) }]);
          return { success: true };
        }
        /* many-first-public: sign-up creates the user */
        export const signUp = async (form: FormData) => {
          await insertUsers([{ email: String(form.get('email')) }]);
          return { success: true };
        };
      `,
    },
    {
      name: 'a guard from a given module (module#name)',
      filename: actionFile,
      options: [{ guards: ['@/lib/auth#requireUser'] }],
      code: code`
        'use server';
        import { requireUser } from '@/lib/auth';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          const user = await requireUser();
          await insertTasks([{ title, userId: user.id }]);
          return { success: true };
        }
      `,
    },
    {
      name: 'a guard on both branches, and a guard inside try whose catch returns',
      filename: actionFile,
      code: code`
        'use server';
        import { auth, currentUser } from '@clerk/nextjs/server';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(title: string, asAdmin: boolean) {
          let userId: string | null;
          if (asAdmin) {
            userId = (await currentUser())?.id ?? null;
          } else {
            userId = (await auth()).userId;
          }
          await insertTasks([{ title, userId }]);
          return { success: true };
        }
        export async function importTasks(titles: string[]) {
          let userId: string | null;
          try {
            userId = (await auth()).userId;
          } catch {
            return { success: false, error: 'Auth unavailable' };
          }
          await insertTasks(titles.map((title) => ({ title, userId })));
          return { success: true };
        }
      `,
    },
    {
      name: 'the guard runs before a transaction that composes model ops',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        import { getServerSession } from 'next-auth';
        import { insertTasks, updateProjects } from '@/models/tasks';
        export async function moveTask(title: string, projectId: string) {
          const session = await getServerSession();
          if (!session) return { success: false };
          await db.transaction(async (tx) => {
            await insertTasks([{ title, projectId }], { tx });
            await updateProjects([eq(projects.id, projectId)], { touchedAt: new Date() }, { tx });
          });
          return { success: true };
        }
      `,
    },
    {
      name: 'helpers, types and modules that are not actions',
      filename: actionFile,
      code: code`
        'use server';
        import { insertTasks } from '@/models/tasks';
        export type CreateTaskResult = { success: boolean };
        async function createTaskUnchecked(title: string) {
          await insertTasks([{ title }]);
        }
      `,
    },
    {
      name: "a data-access module without 'use server' is not a server action",
      filename: projectFile('src/lib/tasks.ts'),
      code: code`
        import { insertTasks } from '@/models/tasks';
        export async function createTasksForImport(rows: { title: string }[]) {
          return insertTasks(rows);
        }
      `,
    },
    {
      name: 'an inline action inside a component is not exported (the component checks the session)',
      filename: projectFile('src/app/tasks/page.tsx'),
      code: code`
        import { insertTasks } from '@/models/tasks';
        export default async function TasksPage() {
          async function create(form: FormData) {
            'use server';
            await insertTasks([{ title: String(form.get('title')) }]);
          }
          return <form action={create} />;
        }
      `,
    },
    {
      name: 'a guard passed on through logical and conditional expressions that always run it',
      filename: actionFile,
      code: code`
        'use server';
        import { unauthorized } from 'next/navigation';
        import { verifySession } from '@/lib/dal';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          const session = (await verifySession()) ?? unauthorized();
          await insertTasks([{ title, userId: session.userId }]);
          return { success: true };
        }
        export const quickTask = async (title: string) =>
          (await verifySession()) ? insertTasks([{ title }]) : { success: false };
      `,
    },
    {
      name: 'a guard in a do-while body runs at least once, so it guards what follows',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function importTasks(titles: string[]) {
          let index = 0;
          do {
            await auth();
            index += 1;
          } while (index < titles.length);
          await insertTasks(titles.map((title) => ({ title })));
        }
      `,
    },
    {
      name: 'a guard in every case of a switch with a default guards what follows',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function moveTask(id: string, to: string) {
          switch (to) {
            case 'archive':
              await auth();
              break;
            default:
              await auth();
          }
          await deleteTasks([eq(tasks.id, id)]);
        }
      `,
    },
    {
      name: 'a guard in finally runs whatever the try did',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          try {
            console.info('creating', title);
          } finally {
            await auth();
          }
          await insertTasks([{ title }]);
        }
      `,
    },
    {
      name: 'a bare return before the guard leaves nothing unguarded',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          if (title === '') return;
          await auth();
          await insertTasks([{ title }]);
        }
      `,
    },
    {
      name: 'public marks in a JSDoc block on the export or on the local declaration exported by name',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        /** many-first-public: the contact form is open to everyone */
        export async function sendMessage(text: string) {
          await insertTasks([{ title: text }]);
        }
        // many-first-public: sign-up creates the account it would check
        async function signUp(email: string) {
          await insertTasks([{ title: email }]);
        }
        export { signUp };
      `,
    },
    {
      name: "a guard as the default export's wrapper",
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export default auth(async (title: string) => {
          await insertTasks([{ title }]);
        });
      `,
    },
  ],
  invalid: [
    {
      name: 'no guard before the model op',
      filename: actionFile,
      code: code`
        'use server';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(form: FormData) {
          const [task] = await insertTasks([{ title: String(form.get('title')) }]);
          return { success: true, task };
        }
      `,
      errors: [dataBeforeGuard('createTask', 'insertTasks', 4, 24, 4, 75)],
    },
    {
      name: 'the model op runs before the guard',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertAuditLogs, deleteTasks } from '@/models/tasks';
        export async function deleteTask(id: string) {
          await insertAuditLogs([{ action: 'delete', id }]);
          const session = await auth();
          if (!session) return { success: false };
          await deleteTasks([eq(tasks.id, id)]);
          return { success: true };
        }
      `,
      errors: [dataBeforeGuard('deleteTask', 'insertAuditLogs', 5, 9, 5, 52)],
    },
    {
      name: 'the guard runs on one path only',
      filename: actionFile,
      code: code`
        'use server';
        import { getSession } from '@/lib/session';
        import { deleteTasks } from '@/models/tasks';
        export async function clearTasks(confirm: boolean) {
          if (confirm) {
            await getSession();
          }
          await deleteTasks([], { all: true });
          return { success: true };
        }
        export async function clearDone(fast: boolean) {
          const ok = fast || (await getSession());
          await deleteTasks([eq(tasks.done, true)]);
          return { success: Boolean(ok) };
        }
      `,
      errors: [
        dataBeforeGuard('clearTasks', 'deleteTasks', 8, 9, 8, 39),
        dataBeforeGuard('clearDone', 'deleteTasks', 13, 9, 13, 44),
      ],
    },
    {
      name: 'the database client called directly, through a Drizzle chain',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        export async function purgeTasks() {
          await db.delete(tasks).where(eq(tasks.done, true));
          return { success: true };
        }
      `,
      errors: [dataBeforeGuard('purgeTasks', 'db.delete', 4, 9, 4, 18)],
    },
    {
      name: 'no guard and no data access the rule can see',
      filename: actionFile,
      code: code`
        'use server';
        import { sendInvite } from '@/lib/invites';
        export async function inviteMember(email: string) {
          await sendInvite(email);
          return { success: true };
        }
      `,
      errors: [missingGuard('inviteMember', 3, 23, 3, 35)],
    },
    {
      name: 'a public mark without a reason',
      filename: actionFile,
      code: code`
        'use server';
        import { insertTasks } from '@/models/tasks';
        // many-first-public:
        export async function createTask(title: string) {
          await insertTasks([{ title }]);
        }
      `,
      errors: [{ messageId: 'publicWithoutReason', data: {}, line: 3, column: 1, endLine: 3, endColumn: 22 }],
    },
    {
      name: 'a guard only inside a callback does not guard what follows',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          setTimeout(() => void auth(), 0);
          await insertTasks([{ title }]);
        }
      `,
      errors: [dataBeforeGuard('createTask', 'insertTasks', 6, 9, 6, 33)],
    },
    {
      name: 'exported by name and as default; a wrapper that is not a guard',
      filename: actionFile,
      code: code`
        'use server';
        import { validatedAction } from '@/lib/validated-action';
        import { insertTasks } from '@/models/tasks';
        async function create(title: string) {
          await insertTasks([{ title }]);
        }
        const rename = validatedAction(schema, async (data) => {
          await insertTasks([data]);
        });
        export { create as createTask, rename };
        export default create;
      `,
      errors: [
        dataBeforeGuard('createTask', 'insertTasks', 5, 9, 5, 33),
        dataBeforeGuard('rename', 'insertTasks', 8, 9, 8, 28),
      ],
    },
    {
      name: "an exported function with its own 'use server' in a module without one",
      filename: projectFile('src/lib/quick-actions.ts'),
      code: code`
        import { insertTasks } from '@/models/tasks';
        export async function quickAdd(title: string) {
          'use server';
          await insertTasks([{ title }]);
        }
      `,
      errors: [dataBeforeGuard('quickAdd', 'insertTasks', 4, 9, 4, 33)],
    },
    {
      name: 'a guard only in the catch',
      filename: actionFile,
      options: [{ guards: ['requireUser'] }],
      code: code`
        'use server';
        import { requireUser } from '@/lib/auth';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          try {
            await insertTasks([{ title }]);
          } catch {
            await requireUser();
          }
        }
      `,
      errors: [dataBeforeGuard('createTask', 'insertTasks', 6, 11, 6, 35, 'requireUser')],
    },
    {
      name: 'a guard of the same name from another module than the one configured',
      filename: actionFile,
      options: [{ guards: ['@/lib/auth#requireUser'] }],
      code: code`
        'use server';
        import { requireUser } from '@/lib/legacy-auth';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          await requireUser();
          await insertTasks([{ title }]);
        }
      `,
      errors: [dataBeforeGuard('createTask', 'insertTasks', 6, 9, 6, 33, '@/lib/auth#requireUser')],
    },
    {
      name: 'a guard inside a for-of body does not guard what follows the loop, which may not run',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function importTasks(titles: string[]) {
          for (const title of titles) {
            await auth();
          }
          await insertTasks([]);
        }
      `,
      errors: [dataBeforeGuard('importTasks', 'insertTasks', 8, 9, 8, 24)],
    },
    {
      name: 'a guard inside a for or while body does not guard what follows the loop',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function importTasks(titles: string[]) {
          for (let index = 0; index < titles.length; index += 1) {
            await auth();
          }
          await insertTasks([]);
        }
        export async function retryTasks(attempts: number) {
          while (attempts > 0) {
            await auth();
            attempts -= 1;
          }
          await deleteTasks([]);
        }
      `,
      errors: [
        dataBeforeGuard('importTasks', 'insertTasks', 8, 9, 8, 24),
        dataBeforeGuard('retryTasks', 'deleteTasks', 15, 9, 15, 24),
      ],
    },
    {
      name: 'data access inside a loop body, a labelled loop or a do-while before any guard',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function importTasks(titles: string[]) {
          for (const title of titles) await insertTasks([{ title }]);
          await auth();
        }
        export async function clearTasks(ids: string[]) {
          outer: for (const id of ids) {
            if (id === '') continue outer;
            await deleteTasks([eq(tasks.id, id)]);
          }
        }
        export async function drainTasks() {
          do {
            await deleteTasks([]);
          } while (await auth());
        }
      `,
      errors: [
        dataBeforeGuard('importTasks', 'insertTasks', 5, 37, 5, 61),
        dataBeforeGuard('clearTasks', 'deleteTasks', 11, 11, 11, 42),
        dataBeforeGuard('drainTasks', 'deleteTasks', 16, 11, 16, 26),
      ],
    },
    {
      name: 'a switch whose cases guard but without a default may skip them all',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function moveTask(id: string, to: string) {
          switch (to) {
            case 'archive':
              await auth();
              break;
            case 'trash':
              await auth();
          }
          await deleteTasks([eq(tasks.id, id)]);
        }
      `,
      errors: [dataBeforeGuard('moveTask', 'deleteTasks', 12, 9, 12, 40)],
    },
    {
      name: "a catch that does not guard may run before the try's guard did",
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          try {
            await auth();
          } catch (error) {
            console.error(error);
          }
          await insertTasks([{ title }]);
        }
      `,
      errors: [dataBeforeGuard('createTask', 'insertTasks', 10, 9, 10, 33)],
    },
    {
      name: 'a guard on the right of && runs only when the left is true',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function createTask(title: string, signedIn: boolean) {
          const ok = signedIn && (await auth());
          await insertTasks([{ title, ok }]);
        }
      `,
      errors: [dataBeforeGuard('createTask', 'insertTasks', 6, 9, 6, 37)],
    },
    {
      name: 'a function declared inside an action is judged with it, and its guard does not count after it',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function createTask(title: string) {
          async function save() {
            await insertTasks([{ title }]);
          }
          async function check() {
            await auth();
          }
          await check();
          await save();
        }
      `,
      errors: [dataBeforeGuard('createTask', 'insertTasks', 6, 11, 6, 35)],
    },
    {
      name: 'an action exported under two names is reported once',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        async function createTask(title: string) {
          await insertTasks([{ title }]);
        }
        export { createTask, createTask as addTask };
      `,
      errors: [dataBeforeGuard('createTask', 'insertTasks', 5, 9, 5, 33)],
    },
    {
      name: 'an anonymous default export is reported at the export, by the name default',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export default async function () {
          return { success: true };
        }
      `,
      errors: [missingGuard('default', 4, 1, 6, 2)],
    },
    {
      name: 'an action exported under a string name is reported by that name',
      filename: actionFile,
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        async function createTask() {
          return { success: true };
        }
        export { createTask as 'create-task' };
      `,
      errors: [missingGuard('create-task', 7, 10, 7, 37)],
    },
    {
      name: 'the message lists up to four guards, and says when there are more',
      filename: actionFile,
      options: [{ guards: ['auth', 'verifySession'] }],
      code: code`
        'use server';
        import { auth } from '@/auth';
        import { insertTasks, deleteTasks } from '@/models/tasks';
        export async function createTask() {
          return { success: true };
        }
      `,
      errors: [missingGuard('createTask', 4, 23, 4, 33, 'auth, verifySession')],
    },
  ],
});
