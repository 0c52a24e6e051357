import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONVENTIONS } from '../../../conventions/index.js';
import { createConfigs } from '../../../eslint-plugin/index.js';
import rule from '../../../eslint-plugin/rules/no-db-in-server-actions.js';
import { assertionOptions, code, projectFile } from '../rule-tester.js';

// Constructed in the suite, not imported, so eslint-plugin-eslint-plugin's test rules can find its cases.
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

const actionFile = projectFile('src/actions/tasks.ts');

function noDatabase(call: string, line: number, column: number, endLine: number, endColumn: number) {
  return {
    messageId: 'noDatabase' as const,
    data: { call },
    line,
    column,
    endLine,
    endColumn,
    suggestions: [],
  };
}

ruleTester.run('no-db-in-server-actions', rule, {
  assertionOptions,
  valid: [
    {
      name: 'an action calling model ops',
      filename: actionFile,
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export async function completeTask(id: string) {
          const [task] = await updateTasks([eq(tasks.id, id)], { done: true });
          return { success: true, task };
        }
      `,
    },
    {
      name: 'db.transaction composing model ops',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        import { insertProjects } from '@/models/projects';
        import { insertTasks } from '@/models/tasks';
        export async function createProject(input: NewProject) {
          const project = await db.transaction(async (tx) => {
            const [created] = await insertProjects([input], { tx });
            await insertTasks([{ projectId: created.id, title: 'Read me' }], { tx });
            return created;
          });
          return { success: true, project };
        }
      `,
    },
    {
      name: 'a model module uses the database',
      filename: projectFile('src/models/tasks.ts'),
      code: code`
        import { db } from '@/lib/db';
        export async function selectOverdueTasks(now: Date) {
          return db.select().from(tasks).where(lt(tasks.dueAt, now));
        }
      `,
    },
    {
      name: 'a Server Component reading with Drizzle',
      filename: projectFile('src/app/tasks/page.tsx'),
      code: code`
        import { db } from '@/lib/db';
        export default async function TasksPage() {
          const rows = await db.select().from(tasks);
          return <ul>{rows.map((task) => <li key={task.id}>{task.title}</li>)}</ul>;
        }
      `,
    },
    {
      name: 'Map.prototype.delete in an action',
      filename: actionFile,
      code: code`
        'use server';
        const pending = new Map<string, number>();
        export async function cancel(id: string) {
          pending.delete(id);
          return { success: true };
        }
      `,
    },
    {
      name: "an HTTP client's get and delete",
      filename: actionFile,
      code: code`
        'use server';
        import axios from 'axios';
        export async function sync(id: string) {
          const { data } = await axios.get(\`/api/tasks/\${id}\`);
          await axios.delete(\`/api/cache/\${id}\`);
          return { success: true, data };
        }
      `,
    },
    {
      name: 'a parameter named db shadows the import',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        function forget(db: Map<string, unknown>, key: string) {
          db.delete(key);
        }
        export async function clear(key: string) {
          forget(new Map(), key);
          return { success: true };
        }
      `,
    },
    {
      name: "a 'use server' after the imports is not a directive",
      filename: projectFile('src/lib/seed.ts'),
      code: code`
        import { db } from '@/lib/db';
        'use server';
        export async function seed() {
          await db.insert(tasks).values({ title: 'hello' });
        }
      `,
    },
    {
      name: 'a db from a module that is not a database module',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/cache';
        export async function remember(key: string) {
          return { success: true, value: db.get(key) };
        }
      `,
    },
    {
      name: "Supabase's from().insert() is not Drizzle's shape",
      filename: actionFile,
      code: code`
        'use server';
        import { supabase } from '@/lib/supabase';
        export async function addNote(text: string) {
          await supabase.from('notes').insert({ text });
          return { success: true };
        }
      `,
    },
    {
      name: 'a database call outside the inline action',
      filename: projectFile('src/app/tasks/page.tsx'),
      code: code`
        import { db } from '@/lib/db';
        export default async function Page() {
          const rows = await db.select().from(tasks);
          async function refresh() {
            'use server';
            return { success: true };
          }
          return <form action={refresh}>{rows.length}</form>;
        }
      `,
    },
    {
      name: 'formData.get and Object.values in an action are not the database',
      filename: actionFile,
      code: code`
        'use server';
        import { insertTags } from '@/models/tags';
        export async function createTags(formData: FormData) {
          const names = Object.values(Object.fromEntries(formData)).map(String);
          const first = formData.get('name');
          await insertTags(names.map((name) => ({ name })));
          return { success: true, first };
        }
      `,
    },
    {
      name: "a local queue's insert method in an action",
      filename: actionFile,
      code: code`
        'use server';
        class Queue {
          insert(job: Job) {
            return job;
          }
        }
        const queue = new Queue();
        export async function enqueue(job: Job) {
          queue.insert(job);
          return { success: true };
        }
      `,
    },
    {
      name: "'use server' mentioned only in a comment",
      filename: projectFile('src/lib/tasks.ts'),
      code: code`
        // Not 'use server': route handlers call this module.
        import { db } from '@/lib/db';
        export async function listTasks() {
          return db.select().from(tasks);
        }
      `,
    },
  ],
  invalid: [
    {
      name: "insert in a 'use server' module",
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        export async function createTask(title: string) {
          await db.insert(tasks).values({ title });
          return { success: true };
        }
      `,
      errors: [noDatabase('db.insert', 4, 9, 4, 18)],
    },
    {
      name: 'a select chain',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        export async function listTasks() {
          const rows = await db.select().from(tasks);
          return { success: true, rows };
        }
      `,
      errors: [noDatabase('db.select', 4, 22, 4, 31)],
    },
    {
      name: 'the relational query API',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        export async function loadTasks() {
          return { success: true, rows: await db.query.tasks.findMany() };
        }
      `,
      errors: [noDatabase('db.query', 4, 39, 4, 47)],
    },
    {
      name: 'raw SQL through execute',
      filename: actionFile,
      code: code`
        'use server';
        import { sql } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function vacuum() {
          await db.execute(sql\`vacuum\`);
          return { success: true };
        }
      `,
      errors: [noDatabase('db.execute', 5, 9, 5, 19)],
    },
    {
      name: 'an inline action in a Server Component',
      filename: projectFile('src/app/tasks/[id]/page.tsx'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export default function Page({ id }: { id: string }) {
          async function remove() {
            'use server';
            await db.delete(tasks).where(eq(tasks.id, id));
          }
          return <form action={remove} />;
        }
      `,
      errors: [noDatabase('db.delete', 6, 11, 6, 20)],
    },
    {
      name: 'the transaction handle used directly',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        import { insertTasks } from '@/models/tasks';
        export async function moveTasks(ids: string[], projectId: string) {
          await db.transaction(async (tx) => {
            await tx.update(tasks).set({ projectId }).where(inArray(tasks.id, ids));
            await insertTasks([{ projectId, title: 'Moved' }], { tx });
          });
          return { success: true };
        }
      `,
      errors: [noDatabase('tx.update', 6, 11, 6, 20)],
    },
    {
      name: 'an aliased import of the client',
      filename: actionFile,
      code: code`
        'use server';
        import { db as database } from '@/lib/db';
        export async function rename(id: string, title: string) {
          await database.update(tasks).set({ title }).where(eq(tasks.id, id));
          return { success: true };
        }
      `,
      errors: [noDatabase('database.update', 4, 9, 4, 24)],
    },
    {
      name: 'a namespace import of the database module',
      filename: actionFile,
      code: code`
        'use server';
        import * as database from '@/lib/db';
        export async function add(title: string) {
          await database.db.insert(tasks).values({ title });
          return { success: true };
        }
      `,
      errors: [noDatabase('database.db.insert', 4, 9, 4, 27)],
    },
    {
      name: 'a database module named by the dbModules option',
      filename: actionFile,
      options: [{ dbModules: ['~/server/db'] }],
      code: code`
        'use server';
        import { db } from '~/server/db';
        export async function purge() {
          await db.execute('truncate tasks');
          return { success: true };
        }
      `,
      errors: [noDatabase('db.execute', 4, 9, 4, 19)],
    },
    {
      name: 'an unknown receiver with the shape of a Drizzle insert',
      filename: actionFile,
      code: code`
        'use server';
        import { getDb } from '@/server/connection';
        export async function add(title: string) {
          await getDb().insert(tasks).values({ title });
          return { success: true };
        }
      `,
      errors: [noDatabase('getDb().insert', 4, 9, 4, 23)],
    },
    {
      name: 'a client made with drizzle() in the action module',
      filename: projectFile('src/actions/admin.js'),
      code: code`
        'use server';
        import { drizzle } from 'drizzle-orm/node-postgres';
        const db = drizzle(process.env.DATABASE_URL);
        export async function wipe() {
          await db.delete(sessions);
        }
      `,
      errors: [noDatabase('db.delete', 5, 9, 5, 18)],
    },
    {
      name: 'a relative import of the database file',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '../lib/db';
        export async function count() {
          return { success: true, n: await db.$count(tasks) };
        }
      `,
      errors: [noDatabase('db.$count', 4, 36, 4, 45)],
    },
    {
      name: 'an object-literal method in a use server module',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        const queries = {
          async open() {
            return db.select().from(tasks).where(eq(tasks.done, false));
          },
        };
        export async function listOpenTasks() {
          return { success: true, rows: await queries.open() };
        }
      `,
      errors: [noDatabase('db.select', 5, 12, 5, 21)],
    },
    {
      name: 'a class method in a use server module',
      filename: actionFile,
      code: code`
        'use server';
        import { db } from '@/lib/db';
        class TaskWriter {
          async write(title: string) {
            await db.insert(tasks).values({ title });
          }
        }
        export async function addTask(title: string) {
          await new TaskWriter().write(title);
          return { success: true };
        }
      `,
      errors: [noDatabase('db.insert', 5, 11, 5, 20)],
    },
    {
      name: 'a nested arrow inside an inline action',
      filename: projectFile('src/app/tasks/page.tsx'),
      code: code`
        import { db } from '@/lib/db';
        export default function Page({ ids }: { ids: string[] }) {
          async function archiveAll() {
            'use server';
            await Promise.all(ids.map((id) => db.update(tasks).set({ archived: true }).where(eq(tasks.id, id))));
          }
          return <form action={archiveAll} />;
        }
      `,
      errors: [noDatabase('db.update', 5, 39, 5, 48)],
    },
    {
      name: 'an inline arrow action assigned in a component',
      filename: projectFile('src/app/tags/new-tag-form.tsx'),
      code: code`
        import { db } from '@/lib/db';
        export function NewTagForm() {
          const create = async (formData: FormData) => {
            'use server';
            await db.insert(tags).values({ name: String(formData.get('name')) });
          };
          return <form action={create} />;
        }
      `,
      errors: [noDatabase('db.insert', 5, 11, 5, 20)],
    },
    {
      name: 'a default import of the client',
      filename: actionFile,
      code: code`
        'use server';
        import db from '@/lib/db';
        export async function removeTag(id: string) {
          await db.delete(tags).where(eq(tags.id, id));
          return { success: true };
        }
      `,
      errors: [noDatabase('db.delete', 4, 9, 4, 18)],
    },
  ],
});

describe('no-db-in-server-actions in the shipped configs', () => {
  it("takes the database modules from the project's conventions", () => {
    const configs = createConfigs({ ...DEFAULT_CONVENTIONS, dbModules: ['~/server/db'] });
    const entries = configs.recommended.map((config) => config.rules?.['many-first/no-db-in-server-actions']);
    expect(entries.filter((entry) => entry !== undefined)).toEqual([
      ['error', { dbModules: ['~/server/db'] }],
    ]);
  });
});
