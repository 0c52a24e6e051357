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
      name: 'an update writing a field of a record read first composes two records',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectProjects } from '@/models/projects';
        import { updateTasks } from '@/models/tasks';
        export async function updateTaskProject(taskId: string, projectId: string) {
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

    // takeFirst… ops
    {
      name: 'takeFirst over a title search is a lookup, not a key',
      filename: libFile,
      code: code`
        import { ilike } from 'drizzle-orm';
        import { takeFirstTasks } from '@/models/tasks';
        export async function findTaskByTitlePrefix(prefix: string) {
          return takeFirstTasks([ilike(tasks.title, \`\${prefix}%\`)]);
        }
      `,
    },
    {
      name: 'a server action reading a plan with takeFirst and returning a result object',
      filename: projectFile('src/actions/billing.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { takeFirstPlans } from '@/models/plans';
        export async function getPlan(planId: string) {
          const plan = await takeFirstPlans([eq(plans.id, planId)]);
          if (!plan) return { success: false, error: 'No such plan' };
          return { success: true, plan };
        }
      `,
    },
    // server actions
    {
      name: 'a server action that deletes one record and returns nothing',
      filename: projectFile('actions/tasks.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/lib/data-access/tasks';
        export async function deleteTask(id: string) {
          await deleteTasks([eq(tasks.id, id)]);
        }
      `,
    },
    {
      name: 'a useActionState action returning a message built from the form',
      filename: projectFile('app/(dashboard)/settings/actions.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { updateUsers } from '@/lib/data-access/users';
        export async function updateProfile(previous: State, formData: FormData) {
          const id = String(formData.get('id'));
          await updateUsers([eq(users.id, id)], { name: String(formData.get('name')) });
          return { message: 'Profile saved' };
        }
      `,
    },
    {
      name: 'a helper declared inside a server action is the action’s own code',
      filename: projectFile('actions/projects.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { takeFirstProjects } from '@/lib/data-access/projects';
        export async function archiveProject(formData: FormData) {
          const getProject = async (id: string) => takeFirstProjects([eq(projects.id, id)]);
          const project = await getProject(String(formData.get('id')));
          return { success: project !== undefined };
        }
      `,
    },
    // grouping
    {
      name: 'Promise.all grouping an op with an email is a use case',
      filename: projectFile('lib/invitations.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteInvitations } from '@/lib/data-access/invitations';
        export async function deleteInvitation(id: string, email: string) {
          await Promise.all([deleteInvitations([eq(invitations.id, id)]), sendRevokedEmail(email)]);
        }
      `,
    },
    {
      name: 'one op handed to a notifier is that notifier’s input, not a group',
      filename: projectFile('lib/tasks.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/lib/data-access/tasks';
        export async function markTaskDone(id: string) {
          await notifyWatchers(await updateTasks([eq(tasks.id, id)], { done: true }));
        }
      `,
    },
    // not single-record
    {
      name: 'an array inside a destructured parameter',
      filename: projectFile('lib/db/queries.ts'),
      code: code`
        import { db } from './index';
        export async function saveMessages({ messages }: { messages: Message[] }) {
          return await db.insert(message).values(messages);
        }
      `,
    },
    {
      name: 'a readonly array member of a destructured parameter, next to a key',
      filename: projectFile('lib/db/queries.ts'),
      code: code`
        import { db } from './index';
        export async function saveSuggestions({ id, suggestions }: { id: string; suggestions: readonly Suggestion[] }) {
          return db.insert(suggestion).values(suggestions.map((s) => ({ ...s, documentId: id })));
        }
      `,
    },
    {
      name: 'a key equality next to a range over a parameter inside and(…) picks versions',
      filename: projectFile('lib/db/queries.ts'),
      code: code`
        import { and, eq, gt } from 'drizzle-orm';
        import { db } from './index';
        export async function deleteDocumentsByIdAfterTimestamp({ id, timestamp }: { id: string; timestamp: Date }) {
          return await db
            .delete(document)
            .where(and(eq(document.id, id), gt(document.createdAt, timestamp)))
            .returning();
        }
      `,
    },
    {
      name: 'a key equality next to between(…) in a model op’s conditions',
      filename: projectFile('lib/readings.ts'),
      code: code`
        import { and, between, eq } from 'drizzle-orm';
        import { selectReadings } from '@/lib/data-access/readings';
        export async function getReadingById(id: string, from: Date, to: Date) {
          const [reading] = await selectReadings([and(eq(readings.id, id), between(readings.takenAt, from, to))]);
          return reading;
        }
      `,
    },
    {
      name: 'a key equality next to inArray inside and(…)',
      filename: projectFile('lib/members.ts'),
      code: code`
        import { and, eq, inArray } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function deleteMember(id: string, roles: Role[] | Role) {
          await db.delete(members).where(and(eq(members.id, id), inArray(members.role, [roles].flat())));
        }
      `,
    },
    {
      name: 'a relational where object with a range operator',
      filename: projectFile('lib/sessions.ts'),
      code: code`
        import { db } from '@/lib/db';
        export function getSession(token: string, now: Date) {
          return db.query.sessions.findFirst({ where: { token, expiresAt: { gt: now } } });
        }
      `,
    },
    {
      name: 'a list query written in a helper closure next to a cursor lookup',
      filename: projectFile('lib/db/queries.ts'),
      code: code`
        import { and, desc, eq, gt } from 'drizzle-orm';
        import { db } from './index';
        export async function getChatsByUserId({ id, startingAfter }: { id: string; startingAfter: string | null }) {
          const query = (whereCondition?: SQL) =>
            db
              .select()
              .from(chat)
              .where(whereCondition ? and(whereCondition, eq(chat.userId, id)) : eq(chat.userId, id))
              .orderBy(desc(chat.createdAt));
          if (!startingAfter) return query();
          const [selectedChat] = await db.select().from(chat).where(eq(chat.id, startingAfter)).limit(1);
          return query(gt(chat.createdAt, selectedChat.createdAt));
        }
      `,
    },
    {
      name: 'a read that assembles a project with its tasks',
      filename: projectFile('lib/projects.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { takeFirstProjects } from '@/lib/data-access/projects';
        import { selectTasks } from '@/lib/data-access/tasks';
        export async function getProjectWithTasks(id: string) {
          const [project, projectTasks] = await Promise.all([
            takeFirstProjects([eq(projects.id, id)]),
            selectTasks([eq(tasks.projectId, id)]),
          ]);
          return project && { ...project, tasks: projectTasks };
        }
      `,
    },
    {
      name: 'a relational read with a to-many relation in with',
      filename: projectFile('lib/projects.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export function getProject(id: string) {
          return db.query.projects.findFirst({ where: eq(projects.id, id), with: { tasks: true } });
        }
      `,
    },
    {
      name: 'a relational read whose relation is configured as a list (limit, orderBy)',
      filename: projectFile('lib/chats.ts'),
      code: code`
        import { desc, eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export function getChat(id: string) {
          return db.query.chat.findFirst({
            where: eq(chat.id, id),
            with: { history: { orderBy: desc(message.createdAt), limit: 50 } },
          });
        }
      `,
    },
    {
      name: 'a join to the children that nothing narrows',
      filename: projectFile('lib/projects.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function getProjectRows(id: string) {
          return db.select().from(projects).leftJoin(tasks, eq(tasks.projectId, projects.id)).where(eq(projects.id, id));
        }
      `,
    },
    {
      name: 'a sorted read that nothing narrows expects many rows (versions of one id)',
      filename: projectFile('lib/db/queries.ts'),
      code: code`
        import { asc, eq } from 'drizzle-orm';
        import { db } from './index';
        export async function getDocumentsById({ id }: { id: string }) {
          return db.select().from(document).where(eq(document.id, id)).orderBy(asc(document.createdAt));
        }
      `,
    },
    {
      name: 'the first row of a sort on a non-key column is the top of a list (takeFirst with orderBy)',
      filename: projectFile('lib/projects.ts'),
      code: code`
        import { desc, eq } from 'drizzle-orm';
        import { takeFirstProjects } from '@/lib/data-access/projects';
        export const getLatestProject = (ownerId: string) =>
          takeFirstProjects([eq(projects.ownerId, ownerId)], { orderBy: desc(projects.createdAt) });
      `,
    },
    {
      name: 'the highest invoice number of a team, ordered and limited to one',
      filename: projectFile('lib/invoices.ts'),
      code: code`
        import { desc, eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function getLastInvoiceNumber(teamId: string) {
          const [last] = await db
            .select({ invoiceNumber: invoices.invoiceNumber })
            .from(invoices)
            .where(eq(invoices.teamId, teamId))
            .orderBy(desc(invoices.invoiceNumber))
            .limit(1);
          return last?.invoiceNumber ?? null;
        }
      `,
    },
    {
      name: 'rows[0] next to rows[1] reads a list',
      filename: projectFile('lib/insights.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function getGrowth(teamId: string) {
          const past = await db.select().from(insights).where(eq(insights.teamId, teamId)).limit(2);
          return past[0].revenue / past[1].revenue;
        }
      `,
    },
    {
      name: 'a thread assembled from joined rows: result[0] for the head, result.map for its emails',
      filename: projectFile('lib/db/queries.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from './drizzle';
        export async function getEmailsForThread(threadId: string) {
          const result = await db
            .select()
            .from(threads)
            .innerJoin(emails, eq(threads.id, emails.threadId))
            .where(eq(threads.id, Number(threadId)))
            .orderBy(emails.sentDate);
          if (result.length === 0) return null;
          return { id: result[0].threads.id, emails: result.map((row) => row.emails) };
        }
      `,
    },
    {
      name: 'findMany by a key-named column asks for a list',
      filename: projectFile('lib/invites.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function getInvitesByEmail(email: string) {
          return db.query.userInvites.findMany({ where: eq(userInvites.email, email), with: { team: true } });
        }
      `,
    },
    {
      name: 'a count computed with sql`…`.as(…) is a figure',
      filename: projectFile('lib/transactions.ts'),
      code: code`
        import { and, eq, sql } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function getTransactionCount(bankAccountId: string, teamId: string) {
          const [result] = await db
            .select({ count: sql<number>\`count(*)::int\`.as('count') })
            .from(transactions)
            .where(and(eq(transactions.bankAccountId, bankAccountId), eq(transactions.teamId, teamId)));
          return result?.count ?? 0;
        }
      `,
    },
    {
      name: 'a delete keyed by a field of a record read first composes two records',
      filename: projectFile('lib/inbox.ts'),
      code: code`
        import { and, eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function deleteInbox(id: string, teamId: string) {
          const [item] = await db
            .select()
            .from(inbox)
            .where(and(eq(inbox.id, id), eq(inbox.teamId, teamId)))
            .limit(1);
          if (!item) throw new Error('Inbox item not found');
          await db.delete(attachments).where(eq(attachments.id, item.attachmentId));
          await db.delete(inbox).where(eq(inbox.id, id));
        }
      `,
    },
    {
      name: 'read, modify and write back one record is a use case',
      filename: projectFile('lib/apps.ts'),
      code: code`
        import { and, eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function updateAppSettings(appId: string, option: AppSetting) {
          const [existing] = await db.select({ settings: apps.settings }).from(apps).where(eq(apps.id, appId));
          const settings = existing.settings.map((setting) => (setting.id === option.id ? option : setting));
          const [app] = await db.update(apps).set({ settings }).where(eq(apps.id, appId)).returning();
          return app;
        }
      `,
    },
    // higher-order helpers
    {
      name: 'a callback of an iterating method is not named by the variable',
      filename: projectFile('lib/tasks.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { takeFirstTasks } from '@/lib/data-access/tasks';
        export const getTasks = (ids: string[]) => ids.map((id) => takeFirstTasks([eq(tasks.id, id)]));
      `,
    },
    {
      name: 'a then callback is not named by the variable it is assigned to',
      filename: projectFile('lib/tasks.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { takeFirstTasks } from '@/lib/data-access/tasks';
        export const getTaskLater = loadConfig().then(async (id: string) => takeFirstTasks([eq(tasks.id, id)]));
      `,
    },
    // limits of the walks: each stops at a fixed depth, so a cycle of locals cannot recurse forever
    {
      name: 'a key reached through four locals is not traced to the parameter (the walk stops at three)',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTask(input: string) {
          const trimmed = input.trim();
          const lower = trimmed.toLowerCase();
          const normal = lower.normalize();
          const id = normal;
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task;
        }
      `,
    },
    {
      name: 'a key local that refers to itself through another local is walked without recursing forever',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTask(input: string) {
          const id = fallback;
          const fallback = id;
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task;
        }
      `,
    },
    {
      name: 'a key local declared without a value and assigned later is not followed',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTask(input: string) {
          let id;
          id = input.trim();
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task;
        }
      `,
    },
    {
      name: 'a key condition nested deeper than six levels of locals and and(…) is not read',
      filename: libFile,
      code: code`
        import { and, eq, isNull } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getVisibleTask(id: string) {
          const byId = eq(tasks.id, id);
          const mine = and(byId, eq(tasks.ownerId, session.userId));
          const visible = and(mine, isNull(tasks.deletedAt));
          const shown = and(visible);
          const [task] = await selectTasks([shown]);
          return task;
        }
      `,
    },
    {
      name: 'an action returning a value that refers to itself through another local is walked without recursing forever',
      filename: projectFile('actions/tasks.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTask(id: string) {
          const [task] = await selectTasks([eq(tasks.id, id)]);
          const fallback = other;
          const other = fallback;
          return task ?? fallback;
        }
      `,
    },
    {
      name: 'an action returning a field eight properties deep is not traced to the row (the walk stops at eight)',
      filename: projectFile('actions/tasks.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTaskCity(id: string) {
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task.project.owner.profile.address.city.name.en.short;
        }
      `,
    },
    // Each filter that selects many rows whatever its arguments, next to a key equality.
    ...[
      'or',
      'gt',
      'gte',
      'lt',
      'lte',
      'between',
      'notBetween',
      'inArray',
      'notInArray',
      'arrayContains',
      'arrayOverlaps',
      'arrayContained',
    ].map((filter) => ({
      name: `${filter}(…) next to a key equality selects many rows`,
      filename: libFile,
      code: code`
        import { eq, ${filter} } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export function getTaskVersions(id: string, since: Date) {
          return selectTasks([eq(tasks.id, id), ${filter}(tasks.updatedAt, since)]);
        }
      `,
    })),
    // The same operators in a relational where object.
    ...['in', 'notIn', 'arrayContains', 'arrayOverlaps', 'arrayContained', 'gt', 'gte', 'lt', 'lte'].map(
      (operator) => ({
        name: `a relational where with { ${operator}: … } next to a key selects many rows`,
        filename: projectFile('lib/sessions.ts'),
        code: code`
          import { db } from '@/lib/db';
          export function findSession(token: string, bound: unknown) {
            return db.query.sessions.findFirst({ where: { token, scope: { ${operator}: bound } } });
          }
        `,
      }),
    ),
    {
      name: 'a relational where with OR next to a key selects many rows',
      filename: projectFile('lib/sessions.ts'),
      code: code`
        import { db } from '@/lib/db';
        export function findSession(token: string, email: string) {
          return db.query.sessions.findFirst({ where: { OR: [{ token }, { email }] } });
        }
      `,
    },
    {
      name: 'a range inside the AND of a relational where selects many rows',
      filename: projectFile('lib/sessions.ts'),
      code: code`
        import { db } from '@/lib/db';
        export function findSession(token: string, now: Date) {
          return db.query.sessions.findFirst({ where: { AND: [{ token }, { expiresAt: { gt: now } }] } });
        }
      `,
    },
    {
      name: 'a column whose name only starts like a key (identityProvider) is not a key',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectUsers } from '@/models/users';
        export function getUsersByProvider(provider: string) {
          return selectUsers([eq(users.identityProvider, provider)]);
        }
      `,
    },
    {
      name: 'a delete by a foreign key and a column that only contains Id (deviceIdentifier) is not by a composite key',
      filename: projectFile('lib/sessions.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteSessions } from '@/models/sessions';
        export function deleteUserSessions(userId: string, device: string) {
          return deleteSessions([eq(sessions.userId, userId), eq(sessions.deviceIdentifier, device)]);
        }
      `,
    },
    {
      name: 'a delete by a snake_case foreign key and a column that only contains _id is not by a composite key',
      filename: projectFile('lib/sessions.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteSessions } from '@/models/sessions';
        export function deleteUserSessions(userId: string, device: string) {
          return deleteSessions([eq(sessions.user_id, userId), eq(sessions.device_identifier, device)]);
        }
      `,
    },
    // Each result-object key makes a returned object an action's answer.
    ...[
      ['success', 'true'],
      ['ok', 'true'],
      ['error', 'null'],
      ['errors', '[]'],
    ].map(([key, value]) => ({
      name: `a function returning { ${key}: … } answers like an action`,
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export async function updateTitle(id: string, title: string) {
          await updateTasks([eq(tasks.id, id)], { title });
          return { ${key}: ${value} };
        }
      `,
    })),
    {
      name: 'an arrow whose body is a result object answers like an action',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export const updateTitle = async (id: string, title: string) => ({
          ok: true,
          task: await updateTasks([eq(tasks.id, id)], { title }),
        });
      `,
    },
    // Each kind of loop: an op it repeats is a batch or a retry, even keyed by the function's parameter.
    ...[
      [
        'for',
        'for (let attempt = 0; attempt < 3; attempt++) await updateTasks([eq(tasks.id, id)], changes);',
      ],
      [
        'for…in',
        'for (const field in changes) await updateTasks([eq(tasks.id, id)], { [field]: changes[field] });',
      ],
      [
        'for…of',
        'for (const field of Object.keys(changes)) await updateTasks([eq(tasks.id, id)], { [field]: null });',
      ],
      ['while', 'while (await isLocked(id)) await updateTasks([eq(tasks.id, id)], changes);'],
      ['do…while', 'do await updateTasks([eq(tasks.id, id)], changes); while (await isLocked(id));'],
    ].map(([loop, statement]) => ({
      name: `an op in a ${loop} loop is repeated, not a wrapper`,
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export async function updateTask(id: string, changes: TaskPatch) {
          ${statement}
        }
      `,
    })),
    // Rows used as many: a read by a non-key column that no form below narrows stays a list.
    ...[
      ['its last row (.at(-1))', 'return (await selectTasks([eq(tasks.code, code)])).at(-1);'],
      [
        'rows[0] next to rows.slice(…)',
        'const rows = await selectTasks([eq(tasks.code, code)]); return rows[0] ? rows.slice(1) : [];',
      ],
      [
        'rows[0] next to a spread of the rows',
        'const rows = await selectTasks([eq(tasks.code, code)]); return rows[0] ? [...rows] : [];',
      ],
      [
        'rows[0] next to a for…of over the rows',
        'const rows = await selectTasks([eq(tasks.code, code)]); for (const row of rows) log(row); return rows[0];',
      ],
      [
        'a then callback that is not a first-row function',
        'return selectTasks([eq(tasks.code, code)]).then(notify);',
      ],
      [
        'a then callback returning rows[1]',
        'return selectTasks([eq(tasks.code, code)]).then((rows) => rows[1]);',
      ],
    ].map(([form, body]) => ({
      name: `a read by a non-key column is a list when the code keeps ${form}`,
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTasksByCode(code: string) {
          ${body}
        }
      `,
    })),
    {
      name: 'an array parameter next to a key parameter still makes the function a batch',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { updateTasks } from '@/models/tasks';
        export async function updateTaskLabels(id: string, labels: string[]) {
          return updateTasks([eq(tasks.id, id)], { labels });
        }
      `,
    },
    {
      name: 'an op keyed by no parameter (a clean-up) next to the record’s op makes a use case',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/models/tasks';
        export async function deleteTask(id: string) {
          await deleteTasks([eq(tasks.id, id)]);
          await deleteTasks([eq(tasks.status, 'archived')]);
        }
      `,
    },
    {
      name: 'a callback handed to a helper that holds no data op is a side effect',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/models/tasks';
        export async function deleteTask(id: string) {
          await withRetry(() => log(id));
          await deleteTasks([eq(tasks.id, id)]);
        }
      `,
    },
    {
      name: 'an empty batch is a call like any other, a side effect',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/models/tasks';
        export async function deleteTask(id: string) {
          await db.batch([]);
          await deleteTasks([eq(tasks.id, id)]);
        }
      `,
    },
    {
      name: 'an optional call (hooks.onDelete?.(id)) is a side effect like any call',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/models/tasks';
        export async function deleteTask(id: string) {
          await deleteTasks([eq(tasks.id, id)]);
          await hooks.onDelete?.(id);
        }
      `,
    },
    {
      name: 'ops handed to a helper together with another argument are that helper’s input',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteComments, deleteTasks } from '@/models/tasks';
        export async function deleteTask(id: string) {
          await inParallel(deleteComments([eq(comments.taskId, id)]), deleteTasks([eq(tasks.id, id)]), 'cleanup');
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
    {
      name: 'takeFirst… by id is a read of one record',
      filename: projectFile('lib/tasks.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { takeFirstTasks } from '@/lib/data-access/tasks';
        export async function getTask(id: string) {
          return takeFirstTasks([eq(tasks.id, id)]);
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTask', op: 'takeFirstTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 30,
          suggestions: [],
        },
      ],
    },
    {
      name: "the factory's takeFirst destructured in the model module, by slug",
      filename: projectFile('src/models/tags.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        import { createModelFactory } from '@/lib/models';
        const { select, takeFirst } = createModelFactory(db, 'tags', tags);
        export const selectTags = select;
        export const findTagBySlug = (slug: string) => takeFirst([eq(tags.slug, slug)]);
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'findTagBySlug', op: 'takeFirst' },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 27,
          suggestions: [],
        },
      ],
    },
    {
      name: 'takeFirst… narrows to one row whatever the column, like .limit(1)',
      filename: projectFile('lib/projects.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { takeFirstProjects } from '@/lib/data-access/projects';
        export const getProjectOfOwner = (ownerId: string) => takeFirstProjects([eq(projects.ownerId, ownerId)]);
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getProjectOfOwner', op: 'takeFirstProjects' },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an exported function of a use server module returning the row',
      filename: projectFile('src/actions/tasks.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTask(id: string) {
          return (await selectTasks([eq(tasks.id, id)]))[0];
        }
      `,
      errors: [
        {
          messageId: 'serverActionWrapper',
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
      name: 'a use server action returning the row after an auth check, or null',
      filename: projectFile('app/(chat)/actions.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { auth } from '@/app/(auth)/auth';
        import { db } from '@/lib/db';
        export async function getChatById({ id }: { id: string }) {
          const session = await auth();
          if (!session?.user) return null;
          const [selectedChat] = await db.select().from(chat).where(eq(chat.id, id));
          return selectedChat ?? null;
        }
      `,
      errors: [
        {
          messageId: 'serverActionWrapper',
          data: { name: 'getChatById', op: 'selectChat' },
          line: 5,
          column: 23,
          endLine: 5,
          endColumn: 34,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an action returning fields of the updated row',
      filename: projectFile('actions/projects.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { updateProjects } from '@/lib/data-access/projects';
        export async function renameProject(id: string, name: string) {
          const [project] = await updateProjects([eq(projects.id, id)], { name });
          return { id: project.id, name: project.name };
        }
      `,
      errors: [
        {
          messageId: 'serverActionWrapper',
          data: { name: 'renameProject', op: 'updateProjects' },
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 36,
          suggestions: [],
        },
      ],
    },
    {
      name: "an inline 'use server' function in a page returning the inserted row",
      filename: projectFile('app/projects/page.tsx'),
      code: code`
        import { insertProjects } from '@/lib/data-access/projects';
        export default function ProjectsPage() {
          async function createProject(name: string) {
            'use server';
            const [project] = await insertProjects([{ name }]);
            return project;
          }
          return <NewProjectForm action={createProject} />;
        }
      `,
      errors: [
        {
          messageId: 'serverActionWrapper',
          data: { name: 'createProject', op: 'insertProjects' },
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a use server function exported through export { … }',
      filename: projectFile('lib/actions.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        async function getUser(id: string) {
          return db.query.users.findFirst({ where: eq(users.id, id) });
        }
        export { getUser };
      `,
      errors: [
        {
          messageId: 'serverActionWrapper',
          data: { name: 'getUser', op: 'selectUsers' },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a helper a use server module does not export is an ordinary wrapper',
      filename: projectFile('actions/labels.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { deleteLabels, takeFirstLabels } from '@/lib/data-access/labels';
        async function getLabel(id: string) {
          return takeFirstLabels([eq(labels.id, id)]);
        }
        export async function deleteLabel(id: string) {
          const label = await getLabel(id);
          if (!label) return { error: 'No such label' };
          await deleteLabels([eq(labels.id, id)]);
          return { success: true };
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getLabel', op: 'takeFirstLabels' },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 24,
          suggestions: [],
        },
      ],
    },
    {
      name: "a cascade grouped in Promise.all is still one record's delete",
      filename: projectFile('lib/projects.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteProjects } from '@/lib/data-access/projects';
        import { deleteTasks } from '@/lib/data-access/tasks';
        export async function deleteProject(id: string) {
          await Promise.all([deleteTasks([eq(tasks.projectId, id)]), deleteProjects([eq(projects.id, id)])]);
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
      name: 'a helper that runs the awaited deletes in a transaction callback',
      filename: projectFile('lib/db/queries.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { inTransaction } from './transactions';
        export async function deleteChatById({ id }: { id: string }) {
          await inTransaction(async (tx) => {
            await tx.delete(vote).where(eq(vote.chatId, id));
            await tx.delete(chat).where(eq(chat.id, id));
          });
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'deleteChatById', operation: 'delete', op: 'deleteChat' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 37,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a row destructured from Promise.all and returned by an action',
      filename: projectFile('actions/tasks.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { takeFirstTasks } from '@/lib/data-access/tasks';
        export async function getTaskForEditing(id: string) {
          const [task] = await Promise.all([takeFirstTasks([eq(tasks.id, id)])]);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'serverActionWrapper',
          data: { name: 'getTaskForEditing', op: 'takeFirstTasks' },
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 40,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a relational read that only adds its parent (with: { owner }) is still one record',
      filename: projectFile('lib/projects.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export function getProject(id: string) {
          return db.query.projects.findFirst({ where: eq(projects.id, id), with: { owner: true } });
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'getProject', operation: 'select', op: 'selectProjects' },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 27,
          suggestions: [],
        },
      ],
    },
    {
      name: "a join narrowed to one row is one record with its parent's fields",
      filename: projectFile('lib/db/queries.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { db } from './drizzle';
        export async function getUserWithTeam(userId: number) {
          const result = await db
            .select({ user: users, teamId: teamMembers.teamId })
            .from(users)
            .leftJoin(teamMembers, eq(users.id, teamMembers.userId))
            .where(eq(users.id, userId))
            .limit(1);
          return result[0];
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'getUserWithTeam', operation: 'select', op: 'selectUsers' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 38,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a key equality with a constant (non-range) filter is still one record',
      filename: projectFile('lib/users.ts'),
      code: code`
        import { and, eq, isNull } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export async function getActiveUser(id: number) {
          const [user] = await db.select().from(users).where(and(eq(users.id, id), isNull(users.deletedAt)));
          return user;
        }
      `,
      errors: [
        {
          messageId: 'queryWrapper',
          data: { name: 'getActiveUser', operation: 'select', op: 'selectUsers' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 36,
          suggestions: [],
        },
      ],
    },
    {
      name: "a wrapper built by a curried helper, someLib.fn('name')((id) => …)",
      filename: projectFile('lib/projects.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { takeFirstProjects } from '@/lib/data-access/projects';
        export const getProject = tracer.wrap('getProject')(async (id: string) => takeFirstProjects([eq(projects.id, id)]));
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getProject', op: 'takeFirstProjects' },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 24,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a curried helper inside cache(…)',
      filename: projectFile('lib/users.ts'),
      code: code`
        import { cache } from 'react';
        import { eq } from 'drizzle-orm';
        import { db } from '@/lib/db';
        export const getUser = cache(withSpan('db')((id: string) => db.query.users.findFirst({ where: eq(users.id, id) })));
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
      name: "an action built by a client's builder chain, returning the row",
      filename: projectFile('actions/tasks.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { takeFirstTasks } from '@/lib/data-access/tasks';
        export const getTask = actionClient
          .schema(taskIdSchema)
          .action(async ({ parsedInput: { id } }) => takeFirstTasks([eq(tasks.id, id)]));
      `,
      errors: [
        {
          messageId: 'serverActionWrapper',
          data: { name: 'getTask', op: 'takeFirstTasks' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 21,
          suggestions: [],
        },
      ],
    },
    // limits of the walks, at their edge
    {
      name: 'a key reached through three locals is traced to the parameter',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTask(input: string) {
          const trimmed = input.trim();
          const lower = trimmed.toLowerCase();
          const id = lower;
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTask', op: 'selectTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 30,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a key condition six levels down locals and and(…) is read',
      filename: libFile,
      code: code`
        import { and, eq, isNull } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getVisibleTask(id: string) {
          const byId = eq(tasks.id, id);
          const mine = and(byId, eq(tasks.ownerId, session.userId));
          const visible = and(mine, isNull(tasks.deletedAt));
          const [task] = await selectTasks([visible]);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getVisibleTask', op: 'selectTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 37,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a condition local that refers to itself through another local, next to a key, is walked without recursing forever',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTask(id: string) {
          const extra = more;
          const more = extra;
          const [task] = await selectTasks([eq(tasks.id, id), extra]);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTask', op: 'selectTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 30,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an action returning a field seven properties deep returns the row',
      filename: projectFile('actions/tasks.ts'),
      code: code`
        'use server';
        import { eq } from 'drizzle-orm';
        import { selectTasks } from '@/models/tasks';
        export async function getTaskCity(id: string) {
          const [task] = await selectTasks([eq(tasks.id, id)]);
          return task.project.owner.profile.address.city.name.en;
        }
      `,
      errors: [
        {
          messageId: 'serverActionWrapper',
          data: { name: 'getTaskCity', op: 'selectTasks' },
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 34,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a filter on a record read at module level is a constant of the wrapper, not a second record it composes',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { selectTenants } from '@/models/tenants';
        import { selectTasks } from '@/models/tasks';
        const [tenant] = await selectTenants([eq(tenants.slug, process.env.TENANT)]);
        export async function getTask(id: string) {
          const [task] = await selectTasks([eq(tasks.id, id), eq(tasks.tenantId, tenant.id)]);
          return task;
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'getTask', op: 'selectTasks' },
          line: 5,
          column: 23,
          endLine: 5,
          endColumn: 30,
          suggestions: [],
        },
      ],
    },
    // verbs
    {
      name: 'verbs in the option match whatever their case',
      filename: libFile,
      options: [{ verbs: ['Purge'] }],
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
    // Each default verb, spelled out here (not imported) so that dropping one from the rule fails a case.
    ...[
      'get',
      'find',
      'fetch',
      'load',
      'read',
      'select',
      'create',
      'add',
      'insert',
      'update',
      'edit',
      'set',
      'patch',
      'change',
      'toggle',
      'mark',
      'rename',
      'archive',
      'restore',
      'delete',
      'remove',
      'destroy',
      'upsert',
      'save',
      'put',
      'store',
    ].map((verb) => ({
      name: `the default verb '${verb}' is examined`,
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/models/tasks';
        export function ${verb}Task(id: string) {
          return deleteTasks([eq(tasks.id, id)]);
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper' as const,
          data: { name: `${verb}Task`, op: 'deleteTasks' },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 17 + `${verb}Task`.length,
          suggestions: [],
        },
      ],
    })),
    // Each column that names one record on its own, with nothing else narrowing the rows.
    ...['id', '_id', 'uuid', 'email', 'token', 'slug', 'username', 'handle'].map((column) => ({
      name: `a delete keyed by the column ${column} deletes one record`,
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/models/tasks';
        export function deleteTask(key: string) {
          return deleteTasks([eq(tasks.${column}, key)]);
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper' as const,
          data: { name: 'deleteTask', op: 'deleteTasks' },
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 27,
          suggestions: [],
        },
      ],
    })),
    {
      name: 'a composite key in snake_case (task_id, tag_id)',
      filename: projectFile('src/lib/task-tags.ts'),
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTaskTags } from '@/models/task-tags';
        export const removeTagFromTask = (taskId: string, tagId: string) =>
          deleteTaskTags([eq(taskTags.task_id, taskId), eq(taskTags.tag_id, tagId)]);
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
    // Each form that keeps one row narrows a read by a non-key column to one record.
    ...[
      ['.at(0)', 'async ', 'return (await selectTasks([eq(tasks.code, code)])).at(0);'],
      ['.then(takeFirst)', '', 'return selectTasks([eq(tasks.code, code)]).then(takeFirst);'],
      ['.then(utils.first)', '', 'return selectTasks([eq(tasks.code, code)]).then(utils.first);'],
      ['.then(([task]) => task)', '', 'return selectTasks([eq(tasks.code, code)]).then(([task]) => task);'],
      [
        'a then callback whose block returns rows[0]',
        '',
        'return selectTasks([eq(tasks.code, code)]).then((rows) => { return rows[0]; });',
      ],
      [
        '[task] = … assigned to a declared local',
        'async ',
        'let task; [task] = await selectTasks([eq(tasks.code, code)]); return task;',
      ],
      ['first(…)', 'async ', 'return first(await selectTasks([eq(tasks.code, code)]));'],
      ['utils.first(…)', 'async ', 'return utils.first(await selectTasks([eq(tasks.code, code)]));'],
    ].map(([form, modifier = '', body]) => ({
      name: `a read by a non-key column narrowed by ${form} is one record`,
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { first, selectTasks, takeFirst, utils } from '@/models/tasks';
        export ${modifier}function getTaskByCode(code: string) {
          ${body}
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper' as const,
          data: { name: 'getTaskByCode', op: 'selectTasks' },
          line: 3,
          column: 17 + modifier.length,
          endLine: 3,
          endColumn: 30 + modifier.length,
          suggestions: [],
        },
      ],
    })),
    // Statements that do not make a wrapper a use case: logging, error handling, grouping its own ops.
    ...[
      ['a console line', "console.info('deleting', id); await deleteTasks([eq(tasks.id, id)]);"],
      [
        'a call in a catch clause',
        'try { await deleteTasks([eq(tasks.id, id)]); } catch (error) { reportError(error); }',
      ],
      ['a retry helper around the op', 'await withRetry(() => deleteTasks([eq(tasks.id, id)]));'],
      [
        'a helper given two ops of the cascade',
        'await inParallel(deleteComments([eq(comments.taskId, id)]), deleteTasks([eq(tasks.id, id)]));',
      ],
      [
        'a batch of the cascade',
        'await db.batch([deleteComments([eq(comments.taskId, id)]), deleteTasks([eq(tasks.id, id)])]);',
      ],
    ].map(([around, body]) => ({
      name: `a delete by id with ${around} is still a wrapper`,
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteComments, deleteTasks } from '@/models/tasks';
        export async function deleteTask(id: string) {
          ${body}
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper' as const,
          data: { name: 'deleteTask', op: 'deleteTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 33,
          suggestions: [],
        },
      ],
    })),
    {
      name: 'a transaction given options around the delete is still a wrapper',
      filename: libFile,
      code: code`
        import { eq } from 'drizzle-orm';
        import { deleteTasks } from '@/models/tasks';
        export async function deleteTask(id: string) {
          await db.transaction(async () => deleteTasks([eq(tasks.id, id)]), { isolationLevel: 'serializable' });
        }
      `,
      errors: [
        {
          messageId: 'modelOpWrapper',
          data: { name: 'deleteTask', op: 'deleteTasks' },
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 33,
          suggestions: [],
        },
      ],
    },
  ],
});
