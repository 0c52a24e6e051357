import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../../eslint-plugin/rules/server-action-exports.js';
import { assertionOptions, code, projectFile } from '../rule-tester.js';

// Constructed in the suite, not imported, so eslint-plugin-eslint-plugin's test rules can find its cases.
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

const actionFile = projectFile('app/(dashboard)/projects/actions.ts');

function notFunction(
  name: string,
  what: string,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
) {
  return {
    messageId: 'notFunction' as const,
    data: { name, what },
    line,
    column,
    endLine,
    endColumn,
    suggestions: [],
  };
}

ruleTester.run('server-action-exports', rule, {
  assertionOptions,
  valid: [
    {
      name: 'async function declarations, async arrows and async function expressions',
      filename: actionFile,
      code: code`
        'use server';
        export async function createProject(form: FormData) {
          return { success: true };
        }
        export const renameProject = async (id: string, name: string) => ({ success: true, id, name });
        export const archiveProject = async function (id: string) {
          return { success: true, id };
        };
      `,
    },
    {
      name: 'type-only exports emit nothing',
      filename: actionFile,
      code: code`
        'use server';
        import type { Project } from '@/lib/db/schema';
        export type ActionResult = { success: true; project: Project } | { success: false; error: string };
        export interface ProjectInput {
          name: string;
        }
        export type { Project };
        export { type Project as ProjectRow };
        export async function createProject(input: ProjectInput): Promise<ActionResult> {
          return { success: false, error: 'not yet' };
        }
      `,
    },
    {
      name: 'an action built by a wrapper (next-safe-action, validatedAction) is judged by the wrapper',
      filename: actionFile,
      code: code`
        'use server';
        import { actionClient } from '@/lib/safe-action';
        import { validatedAction } from '@/lib/auth/middleware';
        export const createProject = actionClient.schema(projectSchema).action(async ({ parsedInput }) => ({ ok: true }));
        export const signIn = validatedAction(signInSchema, async (data) => ({ success: true }));
      `,
    },
    {
      name: 'local async functions exported by name, and as default',
      filename: actionFile,
      code: code`
        'use server';
        async function deleteProject(id: string) {
          return { success: true, id };
        }
        const restoreProject = async (id: string) => ({ success: true, id });
        export { deleteProject, restoreProject as undoDelete };
        export default deleteProject;
      `,
    },
    {
      name: 'an async default export',
      filename: actionFile,
      code: code`
        'use server';
        export default async function submitFeedback(form: FormData) {
          return { success: true };
        }
      `,
    },
    {
      name: "re-exports from another module are that module's business",
      filename: actionFile,
      code: code`
        'use server';
        export { createTask, deleteTask } from '@/actions/tasks';
        export * from '@/actions/comments';
      `,
    },
    {
      name: "a module without 'use server' exports anything",
      filename: projectFile('lib/projects.ts'),
      code: code`
        export const MAX_PROJECTS = 10;
        export function slugify(name: string) {
          return name.toLowerCase();
        }
        export class ProjectError extends Error {}
      `,
    },
    {
      name: "an inline 'use server' function does not make its module an actions module",
      filename: projectFile('app/projects/page.tsx'),
      code: code`
        export const dynamic = 'force-dynamic';
        export default function ProjectsPage() {
          async function create(form: FormData) {
            'use server';
            return { success: true };
          }
          return <form action={create} />;
        }
      `,
    },
    {
      name: "a 'use server' after the imports is not a directive (require-use-server reports it)",
      filename: actionFile,
      code: code`
        import { db } from '@/lib/db';
        'use server';
        export const PAGE_SIZE = 20;
      `,
    },
    {
      name: 'declare forms and imported values whose kind the module cannot see',
      filename: actionFile,
      code: code`
        'use server';
        import { sendInvite } from '@/lib/invites';
        export declare const buildId: string;
        export declare function legacy(): void;
        export { sendInvite };
      `,
    },
    {
      name: 'an async generator streams from a server action',
      filename: actionFile,
      code: code`
        'use server';
        export async function* streamReport() {
          yield 'row';
        }
      `,
    },
    {
      name: 'a let reassigned after its declaration is not judged by its first value',
      filename: actionFile,
      code: code`
        'use server';
        let save = () => ({ success: false });
        save = async () => ({ success: true });
        export { save };
      `,
    },
    {
      name: 'a local without an initialiser, or read from a pattern, exported by name is not judged',
      filename: actionFile,
      code: code`
        'use server';
        const handlers = { remove: async () => {} };
        const { remove } = handlers;
        let pending;
        export { pending, remove };
      `,
    },
    {
      name: 'a name declared twice (a function, then an async var) is not judged by either declaration',
      filename: projectFile('actions/legacy.js'),
      code: code`
        'use server';
        function submit() {}
        var submit = async function () {};
        export { submit };
      `,
    },
    {
      name: 'a declared function exported by name is not judged: its body is elsewhere',
      filename: actionFile,
      code: code`
        'use server';
        declare function track(event: string): Promise<void>;
        export { track };
      `,
    },
    {
      name: 'an awaited call at the top level is accepted by default, as a call is',
      filename: actionFile,
      code: code`
        'use server';
        export const submit = await loadAction('submit');
      `,
    },
    {
      name: 'names that refer to each other in a cycle are not judged, and do not hang the rule',
      filename: actionFile,
      code: code`
        'use server';
        const first = second;
        const second = first;
        export { first };
      `,
    },
    {
      name: 'declare class and declare enum emit no value',
      filename: actionFile,
      code: code`
        'use server';
        export declare class Legacy {}
        export declare enum Status {
          Open,
        }
      `,
    },
    {
      name: 'a default export of an interface emits no value',
      filename: actionFile,
      code: code`
        'use server';
        export default interface Draft {
          title: string;
        }
      `,
    },
    {
      name: 'a default export of a function signature (declared elsewhere) emits no value',
      filename: actionFile,
      code: code`
        'use server';
        export default function submit(form: FormData): Promise<void>;
      `,
    },
  ],
  invalid: [
    {
      name: 'a constant beside the actions, the mistake Next.js reports at build time',
      filename: actionFile,
      code: code`
        'use server';
        export const MAX_PROJECTS = 10;
        export async function createProject() {
          return { success: true };
        }
      `,
      errors: [notFunction('MAX_PROJECTS', 'a number', 2, 14, 2, 26)],
    },
    {
      name: 'a sync function, with a suggestion to make it async',
      filename: actionFile,
      code: code`
        'use server';
        export function toggleTheme(theme: string) {
          return { success: true, theme };
        }
      `,
      errors: [
        {
          messageId: 'notAsyncFunction',
          data: { name: 'toggleTheme' },
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'makeAsync',
              data: { name: 'toggleTheme' },
              output: code`
                'use server';
                export async function toggleTheme(theme: string) {
                  return { success: true, theme };
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a sync arrow, with a suggestion',
      filename: actionFile,
      code: code`
        'use server';
        export const ping = () => ({ success: true });
      `,
      errors: [
        {
          messageId: 'notAsyncFunction',
          data: { name: 'ping' },
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'makeAsync',
              data: { name: 'ping' },
              output: code`
                'use server';
                export const ping = async () => ({ success: true });
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a default export of an object of actions',
      filename: actionFile,
      code: code`
        'use server';
        async function create() {}
        async function remove() {}
        export default { create, remove };
      `,
      errors: [notFunction('default', 'an object', 4, 16, 4, 34)],
    },
    {
      name: 'a class, an enum, a schema object and a string',
      filename: actionFile,
      options: [{ allowCalls: false }],
      code: code`
        'use server';
        import { z } from 'zod';
        export class ProjectService {}
        export enum Role {
          Owner,
          Member,
        }
        export const projectSchema = z.object({ name: z.string() });
        export const runtime = 'nodejs';
      `,
      errors: [
        notFunction('ProjectService', 'a class', 3, 14, 3, 28),
        notFunction('Role', 'an enum', 4, 13, 4, 17),
        notFunction('projectSchema', 'a call result', 8, 14, 8, 27),
        notFunction('runtime', 'a string', 9, 14, 9, 21),
      ],
    },
    {
      name: 'local values exported by name, one renamed',
      filename: actionFile,
      code: code`
        'use server';
        const config = { retries: 3 };
        function helper() {}
        export { config, helper as formatName };
      `,
      errors: [
        notFunction('config', 'an object', 4, 10, 4, 16),
        {
          messageId: 'notAsyncFunction',
          data: { name: 'formatName' },
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'makeAsync',
              data: { name: 'formatName' },
              output: code`
                'use server';
                const config = { retries: 3 };
                async function helper() {}
                export { config, helper as formatName };
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a sync function expression exported as default through a name',
      filename: projectFile('actions/legacy.js'),
      code: code`
        'use server';
        const handler = function () {};
        export default handler;
      `,
      errors: [
        {
          messageId: 'notAsyncFunction',
          data: { name: 'default' },
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'makeAsync',
              data: { name: 'default' },
              output: code`
                'use server';
                const handler = async function () {};
                export default handler;
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an exported default class',
      filename: actionFile,
      code: code`
        'use server';
        export default class Actions {}
      `,
      errors: [notFunction('default', 'a class', 2, 16, 2, 32)],
    },
    {
      name: 'a sync generator has no suggestion',
      filename: actionFile,
      code: code`
        'use server';
        export function* rows() {}
      `,
      errors: [
        {
          messageId: 'notAsyncFunction',
          data: { name: 'rows' },
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 22,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a destructured export and an uninitialised let',
      filename: actionFile,
      code: code`
        'use server';
        export const { a, b } = makeActions();
        export let counter;
      `,
      errors: [
        notFunction('{ a, b }', 'a destructured value', 2, 14, 2, 22),
        notFunction('counter', 'an uninitialised variable', 3, 12, 3, 19),
      ],
    },
    {
      name: 'an array, null, a boolean, a template string, a new object and a class expression are each named in the report',
      filename: actionFile,
      code: code`
        'use server';
        export const roles = ['owner', 'member'];
        export const empty = null;
        export const enabled = true;
        export const greeting = ${'`hello ${name}`'};
        export const cache = new Map();
        export const Service = class {};
      `,
      errors: [
        notFunction('roles', 'an array', 2, 14, 2, 19),
        notFunction('empty', 'null', 3, 14, 3, 19),
        notFunction('enabled', 'a boolean', 4, 14, 4, 21),
        notFunction('greeting', 'a string', 5, 14, 5, 22),
        notFunction('cache', 'an object', 6, 14, 6, 19),
        notFunction('Service', 'a class', 7, 14, 7, 21),
      ],
    },
    {
      name: 'a class and an enum declared locally and exported by name',
      filename: actionFile,
      code: code`
        'use server';
        class Store {}
        enum Level {
          Low,
        }
        export { Store, Level };
      `,
      errors: [notFunction('Store', 'a class', 6, 10, 6, 15), notFunction('Level', 'an enum', 6, 17, 6, 22)],
    },
    {
      name: 'an awaited call is reported with allowCalls off',
      filename: actionFile,
      options: [{ allowCalls: false }],
      code: code`
        'use server';
        export const submit = await loadAction('submit');
      `,
      errors: [notFunction('submit', 'a call result', 2, 14, 2, 20)],
    },
    {
      name: 'a chain of five names is followed to the value it ends in',
      filename: actionFile,
      code: code`
        'use server';
        const limit = 10;
        const a = limit;
        const b = a;
        const c = b;
        const d = c;
        export { d };
      `,
      errors: [notFunction('d', 'a number', 7, 10, 7, 11)],
    },
    {
      name: 'an export under a string name is reported by that name',
      filename: actionFile,
      code: code`
        'use server';
        const limit = 10;
        export { limit as 'max-limit' };
      `,
      errors: [notFunction('max-limit', 'a number', 3, 10, 3, 30)],
    },
  ],
});
