import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../../eslint-plugin/rules/no-redirect-in-try.js';
import { assertionOptions, code, projectFile } from '../rule-tester.js';

// Constructed in the suite, not imported, so eslint-plugin-eslint-plugin's test rules can find its cases.
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

const actionFile = projectFile('src/actions/tasks.ts');
const pageFile = projectFile('src/app/tasks/[id]/page.tsx');

function swallowed(name: string, line: number, column: number, endLine: number, endColumn: number) {
  return {
    messageId: 'swallowed' as const,
    data: { name },
    line,
    column,
    endLine,
    endColumn,
    suggestions: [],
  };
}

ruleTester.run('no-redirect-in-try', rule, {
  assertionOptions,
  valid: [
    {
      name: 'redirect after the try/catch, the pattern Next.js documents',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function createTask(form: FormData) {
          let id: string;
          try {
            id = await save(form);
          } catch (error) {
            return { success: false, error: 'Could not save' };
          }
          redirect(\`/tasks/\${id}\`);
        }
      `,
    },
    {
      name: 'the catch lets navigation errors through with unstable_rethrow',
      filename: pageFile,
      code: code`
        import { notFound, unstable_rethrow } from 'next/navigation';
        export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
          try {
            const task = await load((await params).id);
            if (!task) notFound();
            return <h1>{task.title}</h1>;
          } catch (error) {
            unstable_rethrow(error);
            return <p>Could not load the task</p>;
          }
        }
      `,
    },
    {
      name: 'unstable_rethrow through a namespace import',
      filename: pageFile,
      code: code`
        import * as navigation from 'next/navigation';
        export default async function Page() {
          try {
            navigation.forbidden();
          } catch (error) {
            navigation.unstable_rethrow(error);
          }
        }
      `,
    },
    {
      name: 'the catch checks isRedirectError and rethrows',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        import { isRedirectError } from 'next/dist/client/components/redirect-error';
        export async function signIn(form: FormData) {
          try {
            await authenticate(form);
            redirect('/dashboard');
          } catch (error) {
            if (isRedirectError(error)) throw error;
            return { success: false, error: 'Invalid credentials' };
          }
        }
      `,
    },
    {
      name: 'the catch rethrows its own error after logging it',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function publish(id: string) {
          try {
            await publishTask(id);
            redirect('/tasks');
          } catch (err) {
            console.error(err);
            throw err;
          }
        }
      `,
    },
    {
      name: 'try/finally without a catch swallows nothing',
      filename: pageFile,
      code: code`
        import { notFound } from 'next/navigation';
        export default async function Page() {
          const lock = await acquire();
          try {
            notFound();
          } finally {
            lock.release();
          }
        }
      `,
    },
    {
      name: 'redirect in the catch block runs outside its try',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function save(form: FormData) {
          try {
            await persist(form);
          } catch {
            redirect('/error');
          }
        }
      `,
    },
    {
      name: 'redirect in a callback defined in the try runs later, outside it',
      filename: projectFile('src/components/leave-button.tsx'),
      code: code`
        'use client';
        import { redirect } from 'next/navigation';
        export function LeaveButton() {
          try {
            const onClick = () => redirect('/');
            return <button onClick={onClick}>Leave</button>;
          } catch {
            return null;
          }
        }
      `,
    },
    {
      name: 'a redirect helper from another module',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from '@/lib/navigation';
        export async function save() {
          try {
            redirect('/done');
          } catch {
            return { success: false };
          }
        }
      `,
    },
    {
      name: 'a local redirect shadows the import',
      filename: actionFile,
      code: code`
        import { redirect } from 'next/navigation';
        export async function save() {
          const redirect = (to: string) => ({ to });
          try {
            return redirect('/done');
          } catch {
            return null;
          }
        }
      `,
    },
    {
      name: 'useRouter().push does not throw',
      filename: projectFile('src/components/save-button.tsx'),
      code: code`
        'use client';
        import { useRouter } from 'next/navigation';
        export function SaveButton() {
          const router = useRouter();
          async function onClick() {
            try {
              await save();
              router.push('/tasks');
            } catch {
              alert('failed');
            }
          }
          return <button onClick={onClick}>Save</button>;
        }
      `,
    },
    {
      name: 'a function left out by the functions option',
      filename: pageFile,
      options: [{ functions: ['redirect'] }],
      code: code`
        import { notFound } from 'next/navigation';
        export default async function Page() {
          try {
            notFound();
          } catch {
            return null;
          }
        }
      `,
    },
    {
      name: 'the inner catch rethrows and nothing outer catches',
      filename: actionFile,
      code: code`
        import { redirect, unstable_rethrow } from 'next/navigation';
        export async function go() {
          try {
            redirect('/');
          } catch (error) {
            unstable_rethrow(error);
          } finally {
            await flush();
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'redirect inside try in a server action, the catch returns an error',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function createTask(form: FormData) {
          try {
            const id = await save(form);
            redirect(\`/tasks/\${id}\`);
          } catch (error) {
            return { success: false, error: String(error) };
          }
        }
      `,
      errors: [swallowed('redirect', 6, 5, 6, 29)],
    },
    {
      name: 'notFound inside try in a Server Component',
      filename: pageFile,
      code: code`
        import { notFound } from 'next/navigation';
        export default async function TaskPage() {
          try {
            const task = await load();
            if (!task) notFound();
            return <h1>{task.title}</h1>;
          } catch {
            return <p>Something went wrong</p>;
          }
        }
      `,
      errors: [swallowed('notFound', 5, 16, 5, 26)],
    },
    {
      name: 'aliased and namespace imports, permanentRedirect, forbidden, unauthorized',
      filename: pageFile,
      code: code`
        import { permanentRedirect as moved, unauthorized } from 'next/navigation';
        import * as nav from 'next/navigation';
        export default async function Page() {
          try {
            moved('/new');
            nav.forbidden();
            unauthorized();
          } catch (e) {
            console.error(e);
          }
        }
      `,
      errors: [
        swallowed('permanentRedirect', 5, 5, 5, 18),
        swallowed('forbidden', 6, 5, 6, 20),
        swallowed('unauthorized', 7, 5, 7, 19),
      ],
    },
    {
      name: 'the catch throws a new error, which replaces the redirect',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function signIn() {
          try {
            redirect('/dashboard');
          } catch (error) {
            throw new Error('sign-in failed', { cause: error });
          }
        }
      `,
      errors: [swallowed('redirect', 5, 5, 5, 27)],
    },
    {
      name: 'the catch rethrows only inside a callback, which does not run as part of it',
      filename: actionFile,
      code: code`
        import { redirect } from 'next/navigation';
        export async function go() {
          try {
            redirect('/');
          } catch (error) {
            queueMicrotask(() => {
              throw error;
            });
          }
        }
      `,
      errors: [swallowed('redirect', 4, 5, 4, 18)],
    },
    {
      name: 'the inner catch rethrows, the outer one swallows',
      filename: actionFile,
      code: code`
        import { redirect, unstable_rethrow } from 'next/navigation';
        export async function go() {
          try {
            try {
              redirect('/');
            } catch (error) {
              unstable_rethrow(error);
            }
          } catch {
            return { success: false };
          }
        }
      `,
      errors: [swallowed('redirect', 5, 7, 5, 20)],
    },
    {
      name: 'nested in an if and a loop inside the try',
      filename: pageFile,
      code: code`
        import { notFound } from 'next/navigation';
        export default async function Page({ ids }: { ids: string[] }) {
          try {
            for (const id of ids) {
              if (!(await exists(id))) notFound();
            }
          } catch {
            return null;
          }
        }
      `,
      errors: [swallowed('notFound', 5, 32, 5, 42)],
    },
    {
      name: 'a catch that rethrows a different variable',
      filename: actionFile,
      code: code`
        import { redirect } from 'next/navigation';
        export async function go(fallback: Error) {
          try {
            redirect('/');
          } catch (error) {
            throw fallback;
          }
        }
      `,
      errors: [swallowed('redirect', 4, 5, 4, 18)],
    },
    {
      name: 'redirect required from next/navigation.js in plain JavaScript',
      filename: projectFile('src/actions/legacy.js'),
      code: code`
        const { redirect } = require('next/navigation.js');
        async function go() {
          try {
            redirect('/');
          } catch {}
        }
        module.exports = { go };
      `,
      errors: [swallowed('redirect', 4, 5, 4, 18)],
    },
  ],
});
