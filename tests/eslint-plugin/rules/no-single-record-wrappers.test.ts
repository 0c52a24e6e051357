import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../../eslint-plugin/rules/no-single-record-wrappers.js';
import { assertionOptions, code, projectFile } from '../rule-tester.js';

// Constructed in the suite, not imported, so eslint-plugin-eslint-plugin's test rules can find its cases.
const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

const modelFile = projectFile('src/models/tasks.ts');
const libFile = projectFile('src/lib/tasks.ts');

ruleTester.run('no-single-record-wrappers', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a list by foreign key is many rows, not one record',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTasksByProject(projectId: string) {
          return selectTasks([eq(tasks.projectId, projectId)]);
        }
      `,
    },
    {
      name: 'a function that takes an array is a batch',
      filename: modelFile,
      code: code`
        import { insertTasks, type NewTask } from '@/models/tasks';
        export async function createTasks(rows: NewTask[]) {
          return insertTasks(rows);
        }
      `,
    },
    {
      name: 'inArray over the ids selects many rows',
      filename: libFile,
      code: code`
        import { inArray } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export const getTasksByIds = (ids) => selectTasks([inArray(tasks.id, ids)]);
      `,
    },
    {
      name: 'a session-derived helper has no key parameter',
      filename: projectFile('src/lib/session.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectUsers } from '@/models/users';
        export async function getCurrentUser() {
          const session = await auth();
          return (await selectUsers([eq(users.id, session.userId)]))[0];
        }
      `,
    },
    {
      name: 'a createItem server action returning { success } in a use server module',
      filename: projectFile('src/actions/items.ts'),
      code: code`
        'use server';
        import { insertItems } from '@/models/items';
        export async function createItem(data: NewItem) {
          const [item] = await insertItems([data]);
          return { success: true, item };
        }
      `,
    },
    {
      name: 'an inline server action inside a Server Component',
      filename: projectFile('src/app/tasks/[id]/page.tsx'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export default function TaskPage({ id }: { id: string }) {
          async function updateTitle(taskId: string, title: string) {
            'use server';
            await updateTasks([eq(tasks.id, taskId)], { title });
          }
          return <form action={updateTitle.bind(null, id)} />;
        }
      `,
    },
    {
      name: 'a function returning a result object is action-like, not a wrapper',
      filename: libFile,
      code: code`
        import { insertItems } from '@/models/items';
        export async function createItem(data: NewItem) {
          const [item] = await insertItems([data]);
          return { success: true, item };
        }
      `,
    },
    {
      name: 'Map.prototype.delete is not a data operation',
      filename: libFile,
      code: code`
        const cache = new Map<string, Task>();
        export function deleteCachedTask(id: string) {
          return cache.delete(id);
        }
      `,
    },
    {
      name: "an HTTP client's get is not Drizzle",
      filename: projectFile('src/lib/api.ts'),
      code: code`
        import axios from 'axios';
        const api = axios.create({ baseURL: '/api' });
        export async function getUser(id: string) {
          const { data } = await api.get(\`/users/\${id}\`);
          return data;
        }
      `,
    },
    {
      name: 'a getUser that reads an API with fetch',
      filename: projectFile('src/lib/github.ts'),
      code: code`
        export async function getUser(login: string) {
          const response = await fetch(\`https://api.github.com/users/\${login}\`);
          return response.json();
        }
      `,
    },
    {
      name: 'the shape alone is not enough: the name must start with a CRUD verb',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function taskById(id: string) {
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task;
        }
      `,
    },
    {
      name: 'names listed in allow, with a glob',
      filename: libFile,
      options: [{ allow: ['get*ForAdmin'] }],
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTaskForAdmin(id: string) {
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task;
        }
      `,
    },
    {
      name: 'a use case with a side effect (a welcome email) is more than a wrapper',
      filename: projectFile('src/lib/signup.ts'),
      code: code`
        import { insertUsers } from '@/models/users';
        export async function createUser(data: NewUser) {
          const [user] = await insertUsers([data]);
          await sendWelcomeEmail(user.email);
          return user;
        }
      `,
    },
    {
      name: 'ops keyed by different parameters compose two records',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectProjects } from '@/models/projects';
        import { updateTasks } from '@/models/tasks';
        export async function moveTask(taskId: string, projectId: string) {
          const [project] = await selectProjects([eq(projects.id, projectId)]);
          if (!project) throw new Error('no such project');
          return updateTasks([eq(tasks.id, taskId)], { projectId: project.id });
        }
      `,
    },
    {
      name: 'an op inside a loop is a batch (however slow)',
      filename: projectFile('src/lib/tags.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTags } from '@/models/tags';
        export async function renameTags(renames) {
          for (const rename of renames) {
            await updateTags([eq(tags.id, rename.id)], { name: rename.name });
          }
        }
      `,
    },
    {
      name: 'an aggregate over a foreign key',
      filename: libFile,
      code: code`
        import { count, eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function getTaskCount(projectId: string) {
          const [row] = await db.select({ n: count() }).from(tasks).where(eq(tasks.projectId, projectId));
          return row.n;
        }
      `,
    },
    {
      name: 'a search with like filters',
      filename: libFile,
      code: code`
        import { ilike } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function findTasks(query: string) {
          return db.select().from(tasks).where(ilike(tasks.title, \`%\${query}%\`)).limit(1);
        }
      `,
    },
    {
      name: 'a local Map named db is not Drizzle',
      filename: libFile,
      code: code`
        const db = new Map<string, Task>();
        export function getTask(id: string) {
          return db.get(id);
        }
        export function deleteTask(id: string) {
          db.delete(id);
        }
      `,
    },
    {
      name: 'one insert per element of a map callback is a batch',
      filename: projectFile('src/lib/tags.ts'),
      code: code`
        import { insertTags } from '@/models/tags';
        export async function createTags(items) {
          return Promise.all(items.map(async (item) => insertTags([item])));
        }
      `,
    },
    {
      name: 'a key parameter that never reaches the op',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getOpenTask(id: string) {
          log(id);
          const [task] = await selectTasks([eq(tasks.status, 'open')]);
          return task;
        }
      `,
    },
    {
      name: 'the model module re-exporting the factory ops',
      filename: modelFile,
      code: code`
        import { db } from '@/lib/db';
        import { createModelFactory } from '@/lib/models';
        const { select, update } = createModelFactory(db, 'tasks', tasks);
        export const selectTasks = select;
        export const updateTasks = update;
      `,
    },
    {
      name: 'a use server module is all server actions',
      filename: projectFile('src/actions/tasks.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTask(id: string) {
          return (await selectTasks([eq(tasks.id, id)]))[0];
        }
      `,
    },
    {
      name: 'a class method that takes an array of ids',
      filename: projectFile('src/lib/task-service.ts'),
      code: code`
        import { inArray } from 'drizzle-orm';
        export class TaskService {
          async removeMany(ids: readonly string[]) {
            await this.db.delete(tasks).where(inArray(tasks.id, ids));
          }
        }
      `,
    },
    {
      name: 'an anonymous default export has no name to judge',
      filename: projectFile('src/lib/load-task.js'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export default async (id) => (await selectTasks([eq(tasks.id, id)]))[0];
      `,
    },
    {
      name: 'an update keyed by a foreign key touches many rows',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export function archiveProjectTasks(projectId: string) {
          return updateTasks([eq(tasks.projectId, projectId)], { archived: true });
        }
      `,
    },
    {
      name: 'an inline arrow action in a component',
      filename: projectFile('src/app/tasks/task-title.tsx'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export function TaskTitle({ id }: { id: string }) {
          const renameTask = async (taskId: string, title: string) => {
            'use server';
            await updateTasks([eq(tasks.id, taskId)], { title });
          };
          return <form action={renameTask.bind(null, id)} />;
        }
      `,
    },
    {
      name: "an HTTP client's delete keyed by a token",
      filename: projectFile('src/lib/sessions.ts'),
      code: code`
        import ky from 'ky';
        export async function deleteSession(token: string) {
          await ky.delete(\`sessions/\${token}\`);
        }
      `,
    },
    {
      name: 'an op-named parameter of a function the rule does not examine',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        async function run(selectTasks: (c: unknown[]) => Promise<unknown[]>, id: string) {
          return (await selectTasks([eq(tasks.id, id)]))[0];
        }
      `,
    },
    {
      name: 'an op-named parameter is an injected function, not the model op',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        export async function getTaskWith(selectTasks: (c: unknown[]) => Promise<Task[]>, id: string) {
          return (await selectTasks([eq(tasks.id, id)]))[0];
        }
      `,
    },
    {
      name: 'a local const shadowing the imported op',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getCachedTask(id: string) {
          const selectTasks = (conditions: SQL[]) => taskCache.lookup(conditions);
          return (await selectTasks([eq(tasks.id, id)]))[0];
        }
      `,
    },
    {
      name: 'a local function declared inside the wrapper with an op name',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        export async function findDraftTask(id: string) {
          async function insertTasks(rows: Task[]) {
            drafts.push(...rows);
            return rows;
          }
          const [task] = await insertTasks([{ id, title: 'Draft' }]);
          return task;
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a select by id destructured to one row',
      filename: modelFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTaskById(id: string) {
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTaskById', op: 'selectTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 34,
          suggestions: [],
        },
      ],
    },
    {
      name: 'updateStatus(id, status) around updateTasks([eq(tasks.id, id)], { status })',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export const updateStatus = (id: string, status: TaskStatus) => updateTasks([eq(tasks.id, id)], { status });
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'updateStatus', op: 'updateTasks' },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      name: 'one data object inserted, with a derived field',
      filename: modelFile,
      code: code`
        import { insertTasks } from '@/models/tasks';
        export async function createTask(data: NewTask) {
          const [task] = await insertTasks([{ ...data, slug: slugify(data.title) }]);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'createTask', op: 'insertTasks' },
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 33,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a local (not exported) delete by id',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/models/tasks';
        async function removeTask(id: string) {
          await deleteTasks([eq(tasks.id, id)]);
        }
        export const cleanup = () => removeTask('t1');
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'removeTask', op: 'deleteTasks' },
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a cache(async (id) => …) wrapper over select…where(eq).limit(1)',
      filename: projectFile('src/lib/users.ts'),
      code: code`
        import { cache } from 'react';
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export const getUser = cache(async (id: string) =>
          db.select().from(users).where(eq(users.id, id)).limit(1),
        );
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'getUser', operation: 'select', op: 'selectUsers' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 21,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a select by email narrowed with .then((rows) => rows[0])',
      filename: projectFile('src/lib/users.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export function findUserByEmail(email: string) {
          return db.select().from(users).where(eq(users.email, email)).then((rows) => rows[0]);
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'findUserByEmail', operation: 'select', op: 'selectUsers' },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 32,
          suggestions: [],
        },
      ],
    },
    {
      name: 'db.query.t.findFirst with an eq condition',
      filename: projectFile('src/lib/users.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function loadUser(id: string) {
          return db.query.users.findFirst({ where: eq(users.id, id) });
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'loadUser', operation: 'select', op: 'selectUsers' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      name: 'update(t).set(v).where(eq(t.id, id)).returning() destructured',
      filename: projectFile('src/lib/users.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function renameUser(id: string, name: string) {
          const [user] = await db.update(users).set({ name }).where(eq(users.id, id)).returning();
          return user;
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'renameUser', operation: 'update', op: 'updateUsers' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 33,
          suggestions: [],
        },
      ],
    },
    {
      name: 'insert(t).values(data) of a typed record, returning() destructured',
      filename: projectFile('src/lib/tags.ts'),
      code: code`
        import { db } from '@/lib/db';
        export async function createTag(data: NewTag) {
          const [tag] = await db.insert(tags).values(data).returning();
          return tag;
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'createTag', operation: 'insert', op: 'insertTags' },
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 32,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a method of a repository object with a relational where callback',
      filename: projectFile('src/lib/task-repository.ts'),
      code: code`
        import { db } from '@/lib/db';
        export const taskRepository = {
          async findById(id: string) {
            return db.query.tasks.findFirst({ where: (t, { eq }) => eq(t.id, id) });
          },
        };
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'findById', operation: 'select', op: 'selectTasks' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 17,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a class method deleting one row through this.db',
      filename: projectFile('src/lib/task-service.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        export class TaskService {
          constructor(private readonly db: Database) {}
          async remove(id: string) {
            await this.db.delete(tasks).where(eq(tasks.id, id));
          }
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'remove', operation: 'delete', op: 'deleteTasks' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 15,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an ownership filter does not make it more than one record',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export async function editTask(id: string, userId: string, values: TaskPatch) {
          const [task] = await updateTasks([eq(tasks.id, id), eq(tasks.ownerId, userId)], values);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'editTask', op: 'updateTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      name: 'error wrapping around the op',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTaskOrThrow(id: string) {
          try {
            const [task] = await selectTasks([eq(tasks.id, id)]);
            if (!task) throw new NotFoundError(\`task \${id}\`);
            return task;
          } catch (error) {
            reportError(error);
            throw error;
          }
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTaskOrThrow', op: 'selectTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 37,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a cascade keyed by the same id',
      filename: projectFile('src/lib/projects.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteProjects } from '@/models/projects';
        import { deleteTasks } from '@/models/tasks';
        export async function deleteProject(id: string) {
          await deleteTasks([eq(tasks.projectId, id)]);
          await deleteProjects([eq(projects.id, id)]);
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'deleteProject', op: 'deleteProjects' },
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 36,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a composite key of a join table',
      filename: projectFile('src/lib/task-tags.ts'),
      code: code`
        import { and, eq } from 'drizzle-orm';
        import { deleteTaskTags } from '@/models/task-tags';
        export const removeTagFromTask = (taskId: string, tagId: string) =>
          deleteTaskTags([and(eq(taskTags.taskId, taskId), eq(taskTags.tagId, tagId))]);
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'removeTagFromTask', op: 'deleteTaskTags' },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a namespace import of the model, narrowed with takeFirst',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import * as Tasks from '@/models/tasks';
        export async function fetchTask(id: string) {
          return Tasks.takeFirstTasks(await Tasks.selectTasks([eq(tasks.id, id)]));
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'fetchTask', op: 'Tasks.selectTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 32,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an aliased op from a models module, keyed by a token',
      filename: projectFile('src/lib/invites.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectInvites as findInvites } from '@/models/invites';
        export async function getInviteByToken(token: string) {
          const [invite] = await findInvites([eq(invites.token, token)]);
          return invite;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getInviteByToken', op: 'findInvites' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 39,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a wrapper next to a Server Component in a .tsx file',
      filename: projectFile('src/app/tasks/[id]/page.tsx'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        async function getTask(id: string) {
          return (await selectTasks([eq(tasks.id, id)]))[0];
        }
        export default async function TaskPage({ params }: { params: { id: string } }) {
          const task = await getTask(params.id);
          return <h1>{task.title}</h1>;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTask', op: 'selectTasks' },
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a .js module keeping rows[0] of a local',
      filename: projectFile('src/lib/tasks.js'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '../models/tasks.js';
        export async function readTask(id) {
          const rows = await selectTasks([eq(tasks.id, id)]);
          return rows[0];
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'readTask', op: 'selectTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      name: "a factory object's select on a models import",
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { taskModel } from '@/models/tasks';
        export const loadTask = async (id: string) => (await taskModel.select([eq(tasks.id, id)]))[0];
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'loadTask', op: 'taskModel.select' },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 22,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a relational v2 where object keyed by id',
      filename: projectFile('src/lib/users.ts'),
      code: code`
        import { db } from '@/lib/db';
        export function getUser(id: string) {
          return db.query.users.findFirst({ where: { id } });
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'getUser', operation: 'select', op: 'selectUsers' },
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 24,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an upsert of one record',
      filename: projectFile('src/lib/preferences.ts'),
      code: code`
        import { upsertPreferences } from '@/models/preferences';
        export async function savePreference(userId: string, key: string, value: string) {
          const [preference] = await upsertPreferences([{ userId, key, value }]);
          return preference;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'savePreference', op: 'upsertPreferences' },
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 37,
          suggestions: [],
        },
      ],
    },
    {
      name: "SQLite's .get() returns one row",
      filename: projectFile('src/lib/users.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export const getUserRow = (id: number) => db.select().from(users).where(eq(users.id, id)).get();
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'getUserRow', operation: 'select', op: 'selectUsers' },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 24,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a verb added through the verbs option',
      filename: libFile,
      options: [{ verbs: ['purge'] }],
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/models/tasks';
        export function purgeTask(id: string) {
          return deleteTasks([eq(tasks.id, id)]);
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'purgeTask', op: 'deleteTasks' },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a CommonJS export assigned a function expression',
      filename: projectFile('src/lib/tasks.cjs'),
      code: code`
        const { eq } = require('drizzle-orm');
        const { selectTasks } = require('../models/tasks.cjs');
        exports.getTask = async function (id) {
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task;
        };
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTask', op: 'selectTasks' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 16,
          suggestions: [],
        },
      ],
    },
    {
      name: "a 'use server' after the imports leaves a plain module",
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        'use server';
        export async function getTask(id: string) {
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTask', op: 'selectTasks' },
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 30,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a wrapper nested in a query-factory function',
      filename: projectFile('src/lib/task-queries.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        export function createTaskQueries(db: Database) {
          async function getTask(id: string) {
            const [task] = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1);
            return task;
          }
          return { getTask };
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'getTask', operation: 'select', op: 'selectTasks' },
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 25,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an async arrow property of an object literal',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export const taskQueries = {
          getById: async (id: string) => (await selectTasks([eq(tasks.id, id)]))[0],
        };
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getById', op: 'selectTasks' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 10,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a default-imported factory object of a models module',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import taskModel from '@/models/tasks';
        export async function findTask(id: string) {
          const [task] = await taskModel.select([eq(tasks.id, id)]);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'findTask', op: 'taskModel.select' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an op defined at module level in the same model file',
      filename: projectFile('src/models/tags.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        import { createModelFactory } from '@/lib/models';
        const { select } = createModelFactory(db, 'tags', tags);
        export const selectTags = select;
        export async function getTagById(id: string) {
          const [tag] = await selectTags([eq(tags.id, id)]);
          return tag;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTagById', op: 'selectTags' },
          line: 6,
          column: 23,
          endLine: 6,
          endColumn: 33,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a factory op destructured at module level, called under its alias',
      filename: projectFile('src/models/tags.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        import { createModelFactory } from '@/lib/models';
        const { insert, delete: remove } = createModelFactory(db, 'tags', tags);
        export const insertTags = insert;
        export const removeTag = (id: string) => remove([eq(tags.id, id)]);
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'removeTag', op: 'remove' },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a parameter shadowing the op in one function leaves the module-level op an op elsewhere',
      filename: projectFile('src/models/tags.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        import { createModelFactory } from '@/lib/models';
        const { insert } = createModelFactory(db, 'tags', tags);
        export const insertTags = insert;
        export async function addTagWith(insertTags: (rows: NewTag[]) => Promise<Tag[]>, data: NewTag) {
          return (await insertTags([data]))[0];
        }
        export async function addTag(data: NewTag) {
          return (await insertTags([data]))[0];
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'addTag', op: 'insertTags' },
          line: 9,
          column: 23,
          endLine: 9,
          endColumn: 29,
          suggestions: [],
        },
      ],
    },
  ],
});
