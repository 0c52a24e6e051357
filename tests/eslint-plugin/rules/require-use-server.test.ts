import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../../eslint-plugin/rules/require-use-server.js';
import { assertionOptions, code, projectFile } from '../rule-tester.js';

// Constructed in the suite, not imported, so eslint-plugin-eslint-plugin's test rules can find its cases.
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

const actionFile = projectFile('src/actions/tasks.ts');
const componentFile = projectFile('src/app/tasks/task-list.tsx');
// What the shipped configs run outside the actions folder: misplaced directives only.
const elsewhere: [{ requireModuleDirective: boolean }] = [{ requireModuleDirective: false }];
// The `reason` of an ignored directive that no move can fix.
const inBlockServer =
  "only the first statements of a module or of an async function's body are directives, never a string inside a block or another statement. Remove it, or start the module (if every export is an action) or the async function (for an inline action) with it";
const clientIsModuleWide =
  "'use client' marks a whole module and counts only at the top of the file. Remove it, or start the file with it if every export is client code";
const actionNotAsync =
  'only an async function can be an inline server action. Remove it, or make the function async and start its body with it';

ruleTester.run('require-use-server', rule, {
  assertionOptions,
  valid: [
    {
      name: 'an actions module that starts with the directive',
      filename: actionFile,
      code: code`
        'use server';
        import { insertTasks } from '@/models/tasks';
        export async function createTask(data: NewTask) {
          const [task] = await insertTasks([data]);
          return { success: true, task };
        }
      `,
    },
    {
      name: 'a license comment before the directive',
      filename: actionFile,
      code: code`
        // SPDX-License-Identifier: MIT
        /* Server actions for tasks. */
        'use server';
        export async function ping() {
          return { success: true };
        }
      `,
    },
    {
      name: "'use strict' and 'use server' together in the prologue",
      filename: projectFile('src/actions/legacy.js'),
      code: code`
        'use strict';
        'use server';
        export async function ping() {
          return { success: true };
        }
      `,
    },
    {
      name: 'a module of types alone in the actions folder',
      filename: projectFile('src/actions/types.ts'),
      code: code`
        import type { Task } from '@/models/tasks';
        export type TaskResult = { success: true; task: Task } | { success: false; error: string };
        export interface Paged {
          cursor?: string;
        }
      `,
    },
    {
      name: 'a module outside the actions folder needs no directive',
      filename: componentFile,
      options: elsewhere,
      code: code`
        import { selectTasks } from '@/models/tasks';
        export async function TaskList() {
          const rows = await selectTasks([]);
          return <ul>{rows.length}</ul>;
        }
      `,
    },
    {
      name: 'an inline action with the directive first',
      filename: componentFile,
      options: elsewhere,
      code: code`
        export function TaskForm() {
          async function save(form: FormData) {
            'use server';
            await insertTasks([{ title: String(form.get('title')) }]);
          }
          return <form action={save} />;
        }
      `,
    },
    {
      name: "a 'use client' module",
      filename: componentFile,
      options: elsewhere,
      code: code`
        'use client';
        import { useState } from 'react';
        export function Counter() {
          const [count, setCount] = useState(0);
          return <button onClick={() => setCount(count + 1)}>{count}</button>;
        }
      `,
    },
    {
      name: 'the directive text used as a value',
      filename: projectFile('src/lib/directives.ts'),
      options: elsewhere,
      code: code`
        export const SERVER = 'use server';
        export function isServerDirective(text: string) {
          return text === 'use server';
        }
      `,
    },
    {
      name: 'an inline arrow action',
      filename: componentFile,
      options: elsewhere,
      code: code`
        export function TaskForm() {
          const save = async () => {
            'use server';
            return { success: true };
          };
          return <form action={save} />;
        }
      `,
    },
    {
      name: 'a module with no exports in the actions folder',
      filename: projectFile('src/actions/register.ts'),
      code: code`
        import { registerActions } from '@/lib/registry';
        registerActions();
      `,
    },
    {
      name: 'a template literal is not a directive, wherever it stands',
      filename: componentFile,
      options: elsewhere,
      code: code`
        import { x } from './x';
        \`use client\`;
        export const y = x;
      `,
    },
    {
      name: 'an inline arrow action with the directive first, in a .jsx component',
      filename: projectFile('src/app/recipes/like-button.jsx'),
      options: elsewhere,
      code: code`
        export function LikeButton({ id }) {
          const like = async () => {
            'use server';
            await likeRecipe(id);
          };
          return <form action={like} />;
        }
      `,
    },
    {
      name: 'type-only re-exports in the actions folder',
      filename: projectFile('src/actions/index.ts'),
      code: code`
        export type { Task } from '@/models/tasks';
        export type * from './types';
      `,
    },
    {
      name: 'an actions module whose exports have no body (declare forms, a signature, export {}) exports nothing at run time',
      filename: projectFile('src/actions/contracts.ts'),
      code: code`
        export declare const buildId: string;
        export declare class Legacy {}
        export function track(event: string): void;
        export default interface TaskProps {
          title: string;
        }
        export {};
      `,
    },
    {
      name: 'assignments to other objects in the actions folder are not CommonJS exports',
      filename: projectFile('src/actions/setup.js'),
      code: code`
        import { config } from '@/lib/config';
        config.retries = 3;
        globalThis.cache = new Map();
        let ready = false;
        ready = true;
      `,
    },
    {
      name: "a 'use strict' or another string after the code is not a directive the rule knows",
      filename: componentFile,
      options: elsewhere,
      code: code`
        import { db } from '@/lib/db';
        'use strict';
        'use cache';
        export async function load() {
          await db.query.tasks.findMany();
          'use strict';
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'an actions module without the directive',
      filename: actionFile,
      code: code`
        import { insertTasks } from '@/models/tasks';
        export async function createTask(data: NewTask) {
          await insertTasks([data]);
          return { success: true };
        }
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
                'use server';
                import { insertTasks } from '@/models/tasks';
                export async function createTask(data: NewTask) {
                  await insertTasks([data]);
                  return { success: true };
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the directive after the imports',
      filename: actionFile,
      code: code`
        import { insertTasks } from '@/models/tasks';
        'use server';
        export async function createTask(data: NewTask) {
          await insertTasks([data]);
          return { success: true };
        }
      `,
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'module',
            consequence: 'ordinary server code, not actions',
          },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use server', place: 'module' },
              output: code`
                'use server';
                import { insertTasks } from '@/models/tasks';
                export async function createTask(data: NewTask) {
                  await insertTasks([data]);
                  return { success: true };
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'the inserted directive follows the file style',
      filename: projectFile('src/actions/tags.js'),
      code: code`
        import { insertTags } from "@/models/tags"
        export async function createTag(data) {
          await insertTags([data])
          return { success: true }
        }
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
                "use server"
                import { insertTags } from "@/models/tags"
                export async function createTag(data) {
                  await insertTags([data])
                  return { success: true }
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a 'use client' after the imports of a component",
      filename: componentFile,
      options: elsewhere,
      code: code`
        import { useState } from 'react';
        'use client';
        export function Toggle() {
          const [on, setOn] = useState(false);
          return <button onClick={() => setOn(!on)}>{String(on)}</button>;
        }
      `,
      errors: [
        {
          messageId: 'misplacedDirective',
          data: { directive: 'use client', place: 'module', consequence: 'a Server Component module' },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use client', place: 'module' },
              output: code`
                'use client';
                import { useState } from 'react';
                export function Toggle() {
                  const [on, setOn] = useState(false);
                  return <button onClick={() => setOn(!on)}>{String(on)}</button>;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "an inline action's directive after a statement",
      filename: componentFile,
      options: elsewhere,
      code: code`
        export function TaskForm() {
          async function save(form: FormData) {
            const title = String(form.get('title'));
            'use server';
            await insertTasks([{ title }]);
          }
          return <form action={save} />;
        }
      `,
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'function body',
            consequence: 'an ordinary function, not an action',
          },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use server', place: 'function body' },
              output: code`
                export function TaskForm() {
                  async function save(form: FormData) {
                    'use server';
                    const title = String(form.get('title'));
                    await insertTasks([{ title }]);
                  }
                  return <form action={save} />;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "'use client' inside a function is offered for removal, never moved to the top of the file",
      filename: componentFile,
      options: elsewhere,
      code: code`
        import { useState } from 'react';
        export function Toggle() {
          'use client';
          const [on, setOn] = useState(false);
          return <button onClick={() => setOn(!on)}>{String(on)}</button>;
        }
      `,
      errors: [
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use client', reason: clientIsModuleWide },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use client' },
              output: code`
                import { useState } from 'react';
                export function Toggle() {
                  const [on, setOn] = useState(false);
                  return <button onClick={() => setOn(!on)}>{String(on)}</button>;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a second directive after the code, when the prologue already has it',
      filename: actionFile,
      code: code`
        'use server';
        import { insertTasks } from '@/models/tasks';
        'use server';
        export async function createTask(data: NewTask) {
          await insertTasks([data]);
          return { success: true };
        }
      `,
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'module',
            consequence: 'ordinary server code, not actions',
          },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'removeDirective',
              data: { directive: 'use server', place: 'module' },
              output: code`
                'use server';
                import { insertTasks } from '@/models/tasks';
                export async function createTask(data: NewTask) {
                  await insertTasks([data]);
                  return { success: true };
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a CommonJS actions module',
      filename: projectFile('src/actions/legacy.cjs'),
      code: code`
        async function ping() {
          return { success: true };
        }
        module.exports = { ping };
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
                'use server';
                async function ping() {
                  return { success: true };
                }
                module.exports = { ping };
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a 'use client' module in the actions folder gets no automatic directive",
      filename: projectFile('src/actions/widget.tsx'),
      code: code`
        'use client';
        export function Widget() {
          return <div />;
        }
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [],
        },
      ],
    },
    {
      name: "a 'use server' inside a module-level if block of a lib file is offered for removal, never moved to the top of the file",
      filename: projectFile('src/lib/setup.ts'),
      options: elsewhere,
      code: code`
        if (typeof window === 'undefined') {
          'use server';
        }
        export const ready = true;
      `,
      errors: [
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use server', reason: inBlockServer },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use server' },
              output: code`
                if (typeof window === 'undefined') {
                }
                export const ready = true;
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a 'use server' in a bare block at module level is offered for removal",
      filename: projectFile('src/lib/tasks.ts'),
      options: elsewhere,
      code: code`
        import { selectTasks } from '@/models/tasks';
        {
          'use server';
        }
        export async function listTasks() {
          return selectTasks([]);
        }
      `,
      errors: [
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use server', reason: inBlockServer },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use server' },
              output: code`
                import { selectTasks } from '@/models/tasks';
                {
                }
                export async function listTasks() {
                  return selectTasks([]);
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a 'use server' inside an if block of an async function is not moved to the function's top",
      filename: componentFile,
      options: elsewhere,
      code: code`
        export function DraftForm() {
          async function saveDraft(form: FormData) {
            if (form.get('publish')) {
              'use server';
              await publishDraft(form);
            }
          }
          return <form action={saveDraft} />;
        }
      `,
      errors: [
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use server', reason: inBlockServer },
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use server' },
              output: code`
                export function DraftForm() {
                  async function saveDraft(form: FormData) {
                    if (form.get('publish')) {
                      await publishDraft(form);
                    }
                  }
                  return <form action={saveDraft} />;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a 'use server' after a statement of a function that is not async is not moved",
      filename: componentFile,
      options: elsewhere,
      code: code`
        export function TaskForm() {
          function save(form: FormData) {
            const title = String(form.get('title'));
            'use server';
            insertTasks([{ title }]);
          }
          return <form action={save} />;
        }
      `,
      errors: [
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use server', reason: actionNotAsync },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use server' },
              output: code`
                export function TaskForm() {
                  function save(form: FormData) {
                    const title = String(form.get('title'));
                    insertTasks([{ title }]);
                  }
                  return <form action={save} />;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a 'use server' as the body of an if statement gets no suggestion, since deleting it would capture the next statement",
      filename: projectFile('src/lib/setup.ts'),
      options: elsewhere,
      code: code`
        if (process.env.ACTIONS) 'use server';
        export const ready = true;
      `,
      errors: [
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use server', reason: inBlockServer },
          line: 1,
          column: 26,
          endLine: 1,
          endColumn: 39,
          suggestions: [],
        },
      ],
    },
    {
      name: "an actions module whose only 'use server' sits in a block still lacks the directive",
      filename: actionFile,
      code: code`
        import { insertTasks } from '@/models/tasks';
        {
          'use server';
        }
        export async function createTask(data: NewTask) {
          await insertTasks([data]);
          return { success: true };
        }
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
                'use server';
                import { insertTasks } from '@/models/tasks';
                {
                  'use server';
                }
                export async function createTask(data: NewTask) {
                  await insertTasks([data]);
                  return { success: true };
                }
              `,
            },
          ],
        },
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use server', reason: inBlockServer },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use server' },
              output: code`
                import { insertTasks } from '@/models/tasks';
                {
                }
                export async function createTask(data: NewTask) {
                  await insertTasks([data]);
                  return { success: true };
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a 'use client' in a block of a lib file is offered for removal, never moved to the top of the file",
      filename: projectFile('src/lib/format.ts'),
      options: elsewhere,
      code: code`
        export function formatDate(date: Date) {
          if (typeof window !== 'undefined') {
            'use client';
            return date.toLocaleDateString();
          }
          return date.toISOString();
        }
      `,
      errors: [
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use client', reason: clientIsModuleWide },
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use client' },
              output: code`
                export function formatDate(date: Date) {
                  if (typeof window !== 'undefined') {
                    return date.toLocaleDateString();
                  }
                  return date.toISOString();
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a header comment stays below the inserted directive',
      filename: actionFile,
      code: code`
        // Task actions.
        export const archiveTask = async (id: string) => ({ success: true, id });
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
                'use server';
                // Task actions.
                export const archiveTask = async (id: string) => ({ success: true, id });
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a nested arrow action's directive after a statement",
      filename: componentFile,
      options: elsewhere,
      code: code`
        export function TaskRow({ id }: { id: string }) {
          return (
            <form
              action={async () => {
                await log(id);
                'use server';
                await deleteTasks([eq(tasks.id, id)]);
              }}
            />
          );
        }
      `,
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'function body',
            consequence: 'an ordinary function, not an action',
          },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use server', place: 'function body' },
              output: code`
                export function TaskRow({ id }: { id: string }) {
                  return (
                    <form
                      action={async () => {
                        'use server';
                        await log(id);
                        await deleteTasks([eq(tasks.id, id)]);
                      }}
                    />
                  );
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a .js actions module whose directive follows 'use strict' and an import",
      filename: projectFile('src/actions/tags.js'),
      code: code`
        'use strict';
        import { insertTags } from '@/models/tags';
        'use server';
        export async function createTag(data) {
          await insertTags([data]);
          return { success: true };
        }
      `,
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'module',
            consequence: 'ordinary server code, not actions',
          },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use server', place: 'module' },
              output: code`
                'use server';
                'use strict';
                import { insertTags } from '@/models/tags';
                export async function createTag(data) {
                  await insertTags([data]);
                  return { success: true };
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "in a lib file, an inline action's late directive moves to the top of that function, not of the file",
      filename: projectFile('src/lib/archive.ts'),
      options: elsewhere,
      code: code`
        import { updateTasks } from '@/models/tasks';
        export function archiveActionFor(id: string) {
          return async () => {
            await audit(id);
            'use server';
            await updateTasks([eq(tasks.id, id)], { archived: true });
          };
        }
      `,
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'function body',
            consequence: 'an ordinary function, not an action',
          },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use server', place: 'function body' },
              output: code`
                import { updateTasks } from '@/models/tasks';
                export function archiveActionFor(id: string) {
                  return async () => {
                    'use server';
                    await audit(id);
                    await updateTasks([eq(tasks.id, id)], { archived: true });
                  };
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'an actions module that re-exports everything from another module',
      filename: projectFile('src/actions/index.ts'),
      code: code`
        export * from './tasks';
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
        'use server';
        export * from './tasks';
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'an actions module with a TypeScript export assignment',
      filename: projectFile('src/actions/legacy.ts'),
      code: code`
        async function ping() {}
        export = { ping };
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
        'use server';
        async function ping() {}
        export = { ping };
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a CommonJS module that assigns to exports, without semicolons and without strings',
      filename: projectFile('src/actions/ping.cjs'),
      code: code`
        async function ping() {}
        exports.ping = ping
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
        'use server'
        async function ping() {}
        exports.ping = ping
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a module of declarations alone takes the directive with a semicolon, in the quotes of its first string',
      filename: projectFile('src/actions/ping.js'),
      code: code`
        export async function ping() {
          return "pong"
        }
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
        "use server";
        export async function ping() {
          return "pong"
        }
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a semicolon-free module whose first statement is a constant takes the directive without one',
      filename: projectFile('src/actions/limits.js'),
      code: code`
        const limit = 10
        export async function ping() {
          return limit;
        }
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
        'use server'
        const limit = 10
        export async function ping() {
          return limit;
        }
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a semicolon-free module of exported arrows takes the directive without one',
      filename: projectFile('src/actions/arrows.js'),
      code: code`
        export const ping = async () => 1
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
        'use server'
        export const ping = async () => 1
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'the directive goes below a #! line',
      filename: projectFile('src/actions/cli.ts'),
      code: code`
        #!/usr/bin/env node
        export async function run() {}
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
        #!/usr/bin/env node
        'use server';
        export async function run() {}
      `,
            },
          ],
        },
      ],
    },
    {
      name: "a misplaced 'use client' in the actions folder is reported, and so is the missing 'use server'",
      filename: projectFile('src/actions/widget.ts'),
      code: code`
        import { track } from '@/lib/track';
        'use client';
        export async function save() {
          track('save');
        }
      `,
      errors: [
        {
          messageId: 'missingDirective',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          suggestions: [
            {
              messageId: 'addDirective',
              output: code`
                'use server';
                import { track } from '@/lib/track';
                'use client';
                export async function save() {
                  track('save');
                }
              `,
            },
          ],
        },
        {
          messageId: 'misplacedDirective',
          data: { directive: 'use client', place: 'module', consequence: 'a Server Component module' },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use client', place: 'module' },
              output: code`
                'use client';
                import { track } from '@/lib/track';
                export async function save() {
                  track('save');
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a directive sharing its line with another statement moves without taking that statement along',
      filename: actionFile,
      code: code`
        import { db } from '@/lib/db'; 'use server';
        export async function save() {
          await db.insert(tasks).values([]);
        }
      `,
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'module',
            consequence: 'ordinary server code, not actions',
          },
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 45,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use server', place: 'module' },
              output: code`
                'use server';
                import { db } from '@/lib/db'; 
                export async function save() {
                  await db.insert(tasks).values([]);
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a directive line with Windows line endings and trailing blanks is removed whole',
      filename: actionFile,
      code: "import { db } from '@/lib/db';\r\n\t'use server';  \r\nexport async function save() {}\r\n",
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'module',
            consequence: 'ordinary server code, not actions',
          },
          line: 2,
          column: 2,
          endLine: 2,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use server', place: 'module' },
              output: "'use server';\nimport { db } from '@/lib/db';\r\nexport async function save() {}\r\n",
            },
          ],
        },
      ],
    },
    {
      name: 'a directive on the last line, without a line break after it, is removed to the end of the file',
      filename: actionFile,
      code: "export async function save() {}\n'use server';",
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'module',
            consequence: 'ordinary server code, not actions',
          },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use server', place: 'module' },
              output: "'use server';\nexport async function save() {}\n",
            },
          ],
        },
      ],
    },
    {
      name: 'in a one-line function body the moved directive stays on that line',
      filename: componentFile,
      options: elsewhere,
      code: code`
        export function Row() {
          async function save() { await log(); 'use server'; }
          return <form action={save} />;
        }
      `,
      errors: [
        {
          messageId: 'misplacedDirective',
          data: {
            directive: 'use server',
            place: 'function body',
            consequence: 'an ordinary function, not an action',
          },
          line: 2,
          column: 40,
          endLine: 2,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'moveDirective',
              data: { directive: 'use server', place: 'function body' },
              output: code`
                export function Row() {
                  async function save() { 'use server'; await log();  }
                  return <form action={save} />;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      name: "a 'use server' in a switch case, a static block or a namespace is offered for removal",
      filename: projectFile('src/lib/registry.ts'),
      options: elsewhere,
      code: code`
        export function label(kind: string) {
          switch (kind) {
            case 'task':
              'use server';
              return 'Task';
          }
          return kind;
        }
        export class Registry {
          static {
            'use server';
          }
        }
        export namespace Actions {
          'use server';
        }
      `,
      errors: [
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use server', reason: inBlockServer },
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use server' },
              output: code`
                export function label(kind: string) {
                  switch (kind) {
                    case 'task':
                      return 'Task';
                  }
                  return kind;
                }
                export class Registry {
                  static {
                    'use server';
                  }
                }
                export namespace Actions {
                  'use server';
                }
              `,
            },
          ],
        },
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use server', reason: inBlockServer },
          line: 11,
          column: 5,
          endLine: 11,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use server' },
              output: code`
                export function label(kind: string) {
                  switch (kind) {
                    case 'task':
                      'use server';
                      return 'Task';
                  }
                  return kind;
                }
                export class Registry {
                  static {
                  }
                }
                export namespace Actions {
                  'use server';
                }
              `,
            },
          ],
        },
        {
          messageId: 'ignoredDirective',
          data: { directive: 'use server', reason: inBlockServer },
          line: 15,
          column: 3,
          endLine: 15,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'removeIgnoredDirective',
              data: { directive: 'use server' },
              output: code`
                export function label(kind: string) {
                  switch (kind) {
                    case 'task':
                      'use server';
                      return 'Task';
                  }
                  return kind;
                }
                export class Registry {
                  static {
                    'use server';
                  }
                }
                export namespace Actions {
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});
