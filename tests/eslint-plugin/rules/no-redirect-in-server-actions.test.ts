import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../../eslint-plugin/rules/no-redirect-in-server-actions.js';
import { assertionOptions, code, projectFile } from '../rule-tester.js';

// Constructed in the suite, not imported, so eslint-plugin-eslint-plugin's test rules can find its cases.
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

const actionFile = projectFile('src/actions/tasks.ts');
const pageFile = projectFile('src/app/tasks/page.tsx');
/** What the `strict` config runs the rule with. */
const strictOptions = rule.meta.docs?.strictOptions as Options;

function noRedirect(name: string, line: number, column: number, endLine: number, endColumn: number) {
  return {
    messageId: 'noRedirect' as const,
    data: { name },
    line,
    column,
    endLine,
    endColumn,
    suggestions: [],
  };
}

ruleTester.run('no-redirect-in-server-actions', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a Server Component may redirect',
      filename: pageFile,
      code: code`
        import { redirect } from 'next/navigation';
        export default async function TasksPage() {
          const session = await auth();
          if (!session) redirect('/login');
          return <h1>Tasks</h1>;
        }
      `,
    },
    {
      name: 'a route handler without the directive',
      filename: projectFile('src/app/api/logout/route.ts'),
      code: code`
        import { redirect } from 'next/navigation';
        export async function GET() {
          await signOut();
          redirect('/');
        }
      `,
    },
    {
      name: "a 'use server' after the imports is not a directive",
      filename: actionFile,
      code: code`
        import { redirect } from 'next/navigation';
        'use server';
        export async function save() {
          redirect('/done');
        }
      `,
    },
    {
      name: 'a local redirect shadows the import',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function save(form: FormData) {
          const redirect = (to: string) => ({ success: true, redirectTo: to });
          return redirect('/done');
        }
      `,
    },
    {
      name: 'a parameter named redirect shadows the import',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function save(redirect: (to: string) => void) {
          redirect('/done');
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
          redirect('/done');
        }
      `,
    },
    {
      name: 'notFound is allowed by default',
      filename: actionFile,
      code: code`
        'use server';
        import { notFound } from 'next/navigation';
        export async function load(id: string) {
          notFound();
        }
      `,
    },
    {
      name: 'redirect referenced without a call',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        const navigate = [redirect].length;
        export async function count() {
          return { success: true, navigate };
        }
      `,
    },
    {
      name: 'an inline action and a sibling function that is not one',
      filename: pageFile,
      code: code`
        import { redirect } from 'next/navigation';
        export default function Page() {
          async function save() {
            'use server';
            return { success: true };
          }
          function leave() {
            redirect('/');
          }
          return <form action={save} onSubmit={leave} />;
        }
      `,
    },
    {
      name: "a 'use server' string inside a block is not a directive",
      filename: pageFile,
      code: code`
        import { redirect } from 'next/navigation';
        export async function handle(ok: boolean) {
          if (ok) {
            'use server';
            redirect('/');
          }
        }
      `,
    },
    {
      name: "a parenthesised ('use server') is not a directive",
      filename: actionFile,
      code: code`
        ('use server');
        import { redirect } from 'next/navigation';
        export async function save() {
          redirect('/');
        }
      `,
    },
    {
      name: 'a template literal is never a directive',
      filename: actionFile,
      code: code`
        \`use server\`;
        import { redirect } from 'next/navigation';
        export async function save() {
          redirect('/');
        }
      `,
    },
    {
      name: 'a type imported next to redirect in a Server Component',
      filename: pageFile,
      code: code`
        import { type RedirectType, redirect } from 'next/navigation';
        export default function Page({ type }: { type: RedirectType }) {
          redirect('/home', type);
        }
      `,
    },
    {
      name: "'use server' mentioned only in a comment",
      filename: actionFile,
      code: code`
        // this module is not 'use server' on purpose
        import { redirect } from 'next/navigation';
        export async function go() {
          redirect('/');
        }
      `,
    },
    {
      name: 'the client navigates with the router',
      filename: projectFile('src/app/tasks/new-task-form.tsx'),
      code: code`
        'use client';
        import { useRouter } from 'next/navigation';
        export function NewTaskForm() {
          const router = useRouter();
          return <form onSubmit={() => router.push('/tasks')} />;
        }
      `,
    },
    {
      name: 'an action returning where to go',
      filename: actionFile,
      code: code`
        'use server';
        export async function createTask(input: unknown) {
          return { success: true, redirectTo: '/tasks' };
        }
      `,
    },
    {
      name: 'NextResponse.redirect comes from next/server',
      filename: actionFile,
      code: code`
        'use server';
        import { NextResponse } from 'next/server';
        export async function legacy(url: string) {
          return NextResponse.redirect(url);
        }
      `,
    },
    {
      name: 'a .js Server Component',
      filename: projectFile('src/app/page.js'),
      code: code`
        import { redirect } from 'next/navigation';
        export default function Home() {
          redirect('/dashboard');
        }
      `,
    },
    {
      name: 'a client component calling redirect during render',
      filename: projectFile('src/app/guard.tsx'),
      code: code`
        'use client';
        import { redirect } from 'next/navigation';
        export function Guard({ ok }: { ok: boolean }) {
          if (!ok) redirect('/login');
          return null;
        }
      `,
    },
    {
      name: 'functions option replaces the defaults',
      filename: actionFile,
      options: [{ functions: ['notFound'] }],
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function save() {
          redirect('/done');
        }
      `,
    },
    {
      name: 'redirect imported as a type only',
      filename: actionFile,
      code: code`
        'use server';
        import type { redirect } from 'next/navigation';
        declare const go: typeof redirect;
        export async function save() {
          go('/done');
        }
      `,
    },
    {
      name: "an inline action whose 'use server' follows a statement is no action",
      filename: pageFile,
      code: code`
        import { redirect } from 'next/navigation';
        export default function Page() {
          async function save() {
            await audit('save');
            'use server';
            redirect('/done');
          }
          return <form action={save} />;
        }
      `,
    },
  ],
  invalid: [
    {
      name: "redirect in an exported action of a 'use server' module",
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function createTask(form: FormData) {
          await insertTasks([{ title: String(form.get('title')) }]);
          redirect('/tasks');
        }
      `,
      errors: [noRedirect('redirect', 5, 3, 5, 21)],
    },
    {
      name: 'an aliased import',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect as go } from 'next/navigation';
        export async function save() {
          go('/done');
        }
      `,
      errors: [noRedirect('redirect', 4, 3, 4, 14)],
    },
    {
      name: 'a namespace import',
      filename: actionFile,
      code: code`
        'use server';
        import * as navigation from 'next/navigation';
        export async function save() {
          navigation.redirect('/done');
        }
      `,
      errors: [noRedirect('redirect', 4, 3, 4, 31)],
    },
    {
      name: 'a namespace member read with brackets',
      filename: actionFile,
      code: code`
        'use server';
        import * as navigation from 'next/navigation';
        export async function save() {
          navigation['redirect']('/done');
        }
      `,
      errors: [noRedirect('redirect', 4, 3, 4, 34)],
    },
    {
      name: 'permanentRedirect',
      filename: actionFile,
      code: code`
        'use server';
        import { permanentRedirect } from 'next/navigation';
        export async function moveSlug(slug: string) {
          permanentRedirect(\`/tasks/\${slug}\`);
        }
      `,
      errors: [noRedirect('permanentRedirect', 4, 3, 4, 38)],
    },
    {
      name: 'an inline action inside a Server Component',
      filename: pageFile,
      code: code`
        import { redirect } from 'next/navigation';
        export default function Page() {
          async function save(form: FormData) {
            'use server';
            await insertTasks([{ title: String(form.get('title')) }]);
            redirect('/tasks');
          }
          return <form action={save} />;
        }
      `,
      errors: [noRedirect('redirect', 6, 5, 6, 23)],
    },
    {
      name: 'a nested arrow inside an inline action',
      filename: pageFile,
      code: code`
        import { redirect } from 'next/navigation';
        export default function Page() {
          const save = async (ids: string[]) => {
            'use server';
            ids.forEach((id) => {
              if (!id) redirect('/tasks');
            });
          };
          return <form action={save} />;
        }
      `,
      errors: [noRedirect('redirect', 6, 16, 6, 34)],
    },
    {
      name: 'a local helper of a use server module',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        function backToList() {
          redirect('/tasks');
        }
        export async function remove(id: string) {
          await deleteTasks([eq(tasks.id, id)]);
          backToList();
        }
      `,
      errors: [noRedirect('redirect', 4, 3, 4, 21)],
    },
    {
      name: 'an exported arrow action',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export const archive = async (id: string) => {
          await updateTasks([eq(tasks.id, id)], { archived: true });
          redirect('/tasks');
        };
      `,
      errors: [noRedirect('redirect', 5, 3, 5, 21)],
    },
    {
      name: 'inside try, where the catch swallows it',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function save() {
          try {
            await insertTasks([{ title: 'x' }]);
            redirect('/tasks');
          } catch {
            return { success: false, error: 'Could not save' };
          }
        }
      `,
      errors: [noRedirect('redirect', 6, 5, 6, 23)],
    },
    {
      name: 'inside catch',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function save() {
          try {
            await insertTasks([{ title: 'x' }]);
          } catch {
            redirect('/error');
          }
        }
      `,
      errors: [noRedirect('redirect', 7, 5, 7, 23)],
    },
    {
      name: 'notFound once the functions option lists it',
      filename: actionFile,
      options: [{ functions: ['redirect', 'notFound'] }],
      code: code`
        'use server';
        import { notFound } from 'next/navigation';
        export async function load(id: string) {
          const [task] = await selectTasks([eq(tasks.id, id)]);
          if (!task) notFound();
          return { success: true, task };
        }
      `,
      errors: [noRedirect('notFound', 5, 14, 5, 24)],
    },
    {
      name: 'a CommonJS require in a .js action module',
      filename: projectFile('src/actions/legacy.js'),
      code: code`
        'use server';
        const { redirect } = require('next/navigation');
        async function save() {
          redirect('/');
        }
        module.exports = { save };
      `,
      errors: [noRedirect('redirect', 4, 3, 4, 16)],
    },
    {
      name: 'an ES module .js action',
      filename: projectFile('src/actions/tags.js'),
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        export async function createTag(form) {
          redirect(\`/tags/\${form.get('slug')}\`);
        }
      `,
      errors: [noRedirect('redirect', 4, 3, 4, 40)],
    },
    {
      name: 'an object-literal method in a use server module',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        const steps = {
          async finish() {
            redirect('/done');
          },
        };
        export async function complete() {
          await steps.finish();
        }
      `,
      errors: [noRedirect('redirect', 5, 5, 5, 22)],
    },
    {
      name: 'a class method in a use server module',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        class Wizard {
          async done() {
            redirect('/done');
          }
        }
        export async function finish() {
          await new Wizard().done();
        }
      `,
      errors: [noRedirect('redirect', 5, 5, 5, 22)],
    },
    {
      name: 'a double-quoted directive after use strict',
      filename: actionFile,
      code: code`
        "use strict";
        "use server";
        import { redirect } from "next/navigation";
        export async function save() {
          redirect("/done");
        }
      `,
      errors: [noRedirect('redirect', 5, 3, 5, 20)],
    },
    {
      name: 'a const alias of the import',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation';
        const go = redirect;
        export async function save() {
          go('/done');
        }
      `,
      errors: [noRedirect('redirect', 5, 3, 5, 14)],
    },
    {
      name: 'destructured from a namespace import',
      filename: actionFile,
      code: code`
        'use server';
        import * as navigation from 'next/navigation';
        const { permanentRedirect: moved } = navigation;
        export async function save() {
          moved('/new');
        }
      `,
      errors: [noRedirect('permanentRedirect', 5, 3, 5, 16)],
    },
    {
      name: 'an inline arrow action assigned in a component',
      filename: pageFile,
      code: code`
        import { redirect } from 'next/navigation';
        export default function Page() {
          const save = async () => {
            'use server';
            redirect('/done');
          };
          return <form action={save} />;
        }
      `,
      errors: [noRedirect('redirect', 5, 5, 5, 22)],
    },
    {
      name: 'every call is reported',
      filename: actionFile,
      code: code`
        'use server';
        import { permanentRedirect, redirect } from 'next/navigation';
        export async function save(ok: boolean) {
          if (ok) redirect('/done');
          else permanentRedirect('/moved');
        }
      `,
      errors: [noRedirect('redirect', 4, 11, 4, 28), noRedirect('permanentRedirect', 5, 8, 5, 35)],
    },
    {
      name: 'the ESM-strict specifier next/navigation.js',
      filename: actionFile,
      code: code`
        'use server';
        import { redirect } from 'next/navigation.js';
        export async function save() {
          redirect('/done');
        }
      `,
      errors: [noRedirect('redirect', 4, 3, 4, 20)],
    },
    {
      name: 'the strict options ban every navigation that throws',
      filename: actionFile,
      options: strictOptions,
      code: code`
        'use server';
        import { forbidden, notFound, permanentRedirect, redirect, unauthorized } from 'next/navigation';
        export async function load(id: string) {
          if (!id) notFound();
          if (id === 'a') forbidden();
          if (id === 'b') unauthorized();
          if (id === 'c') permanentRedirect('/c');
          redirect('/d');
        }
      `,
      errors: [
        noRedirect('notFound', 4, 12, 4, 22),
        noRedirect('forbidden', 5, 19, 5, 30),
        noRedirect('unauthorized', 6, 19, 6, 33),
        noRedirect('permanentRedirect', 7, 19, 7, 42),
        noRedirect('redirect', 8, 3, 8, 17),
      ],
    },
  ],
});
