/**
 * One set of findings, four ways of asking: `many-first lint`, ESLint with the config `many-first init`
 * writes (`configsFor(root).recommended`), `many-first inspect --json` and the MCP tool `check_conventions`
 * must report the same rule findings (file, line, column, rule) on the same project, on every layout the
 * fixtures have. On the flat-layout projects, `many-first lint` must also find every violation the rules
 * find when they are turned on for every script file, whatever the layout discovery says.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../eslint-plugin/index.js';
import { connect, type Connection } from '../mcp-server/server/connect.js';
import { structuredOf } from '../mcp-server/server/projects.js';
import { runCli, TempProjects } from './support.js';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** Every project root the fixtures hold: the apps, each rule's violations folder, the flat violations app. */
function projectRoots(): string[] {
  const roots = ['app', 'flat-app', 'flat-app-violations'].map((name) => join(fixtures, name));
  const perRule = join(fixtures, 'violations');
  for (const entry of readdirSync(perRule, { withFileTypes: true })) {
    if (entry.isDirectory()) roots.push(join(perRule, entry.name));
  }
  return roots.filter((root) => existsSync(root));
}

const key = (file: string, line: number, column: number | undefined, rule: string) =>
  `${file}:${line}:${column ?? 0} ${rule}`;

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; fatal?: boolean }[];
}

async function fromLint(root: string): Promise<string[]> {
  const run = await runCli(['lint', root, '--format', 'json'], root);
  expect(run.code, run.stderr).toBeLessThan(2);
  return (JSON.parse(run.stdout) as JsonResult[])
    .flatMap((result) =>
      result.messages.map((message) =>
        key(relative(root, result.filePath), message.line, message.column, message.ruleId ?? '(fatal)'),
      ),
    )
    .sort();
}

async function fromInitConfig(root: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: plugin.configsFor(root).recommended,
  });
  const results = await eslint.lintFiles(['.']);
  return results
    .flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId?.startsWith('many-first/') === true || message.fatal === true)
        .map((message) =>
          key(relative(root, result.filePath), message.line, message.column, message.ruleId ?? '(fatal)'),
        ),
    )
    .sort();
}

interface Finding {
  rule: string;
  file: string;
  line: number;
  column?: number;
}

async function fromInspect(root: string): Promise<string[]> {
  const run = await runCli(['inspect', root, '--json'], root);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { findings: Finding[] }).findings
    .filter((finding) => finding.rule.startsWith('many-first/'))
    .map((finding) => key(finding.file, finding.line, finding.column, finding.rule))
    .sort();
}

const connections: Connection[] = [];
afterAll(async () => {
  for (const connection of connections) await connection.close();
});

async function fromCheckConventions(root: string): Promise<string[]> {
  const connection = await connect({ root });
  connections.push(connection);
  const found: string[] = [];
  let cursor: string | undefined;
  do {
    const result = await connection.client.callTool({
      name: 'check_conventions',
      arguments: cursor === undefined ? { limit: 200 } : { limit: 200, cursor },
    });
    const page = structuredOf<{ findings: Finding[]; nextCursor?: string }>(result);
    for (const finding of page.findings) {
      if (finding.rule.startsWith('many-first/'))
        found.push(key(finding.file, finding.line, finding.column, finding.rule));
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found.sort();
}

describe.each(projectRoots().map((root) => [relative(fixtures, root), root]))(
  'the four ways of asking agree on fixtures/%s',
  (_name, root) => {
    it('many-first lint, ESLint with the init config, inspect --json and check_conventions', async () => {
      const lint = await fromLint(root);
      expect(await fromInitConfig(root)).toEqual(lint);
      expect(await fromInspect(root)).toEqual(lint);
      expect(await fromCheckConventions(root)).toEqual(lint);
    }, 120_000);
  },
);

/**
 * The recommended rules at the options discovery chose, turned on for every script file: the entry for all
 * source loses its exclusions; the actions-folder entry keeps its folders (its option only holds there).
 */
function everywhere(root: string): Linter.Config[] {
  return plugin
    .configsFor(root)
    .recommended.map((config) =>
      config.name?.endsWith('/source') === true
        ? { ...config, files: ['**/*.{ts,tsx,js,jsx,mjs,cjs}'], ignores: [] }
        : config,
    );
}

describe('many-first lint misses nothing the rules find on every file of a flat-layout project', () => {
  const flatRoots = projectRoots().filter((root) => !existsSync(join(root, 'src')));

  it('has flat-layout projects to check', () => {
    expect(flatRoots.length).toBeGreaterThan(0);
  });

  it.each(flatRoots.map((root) => [relative(fixtures, root), root]))(
    '%s',
    async (_name, root) => {
      const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: everywhere(root) });
      const isTestOrTool = /(^|\/)(tests?|__tests__|e2e)\/|\.(test|spec)\.|\.config\.|\.d\.ts$|^\./;
      const all = (await eslint.lintFiles(['.']))
        .flatMap((result) =>
          result.messages
            .filter((message) => message.ruleId?.startsWith('many-first/') === true)
            .map((message) =>
              key(relative(root, result.filePath), message.line, message.column, message.ruleId!),
            ),
        )
        .filter((entry) => !isTestOrTool.test(entry))
        .sort();
      const lint = await fromLint(root);
      expect(all.filter((entry) => !lint.includes(entry))).toEqual([]);
    },
    120_000,
  );
});

describe('on a flat app written as public apps are', () => {
  const projects = new TempProjects('many-first-agreement-');
  afterAll(() => projects.removeAll());

  it('all four report the redirect, the db call, the wrapper and the dynamic import, and nothing else', async () => {
    const root = projects.create({
      'package.json': '{ "type": "module" }\n',
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }\n',
      'lib/db/schema.ts': `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';\n\nexport const chat = pgTable('chat', { id: uuid('id').primaryKey(), title: text('title') });\n`,
      'lib/db/index.ts': `import { drizzle } from 'drizzle-orm/postgres-js';\nimport postgres from 'postgres';\n\nexport const db = drizzle(postgres(process.env.POSTGRES_URL!));\n`,
      'lib/db/queries.ts': `import { eq } from 'drizzle-orm';\nimport { db } from './index';\nimport { chat } from './schema';\n\nexport async function getChatById({ id }: { id: string }) {\n  const [selectedChat] = await db.select().from(chat).where(eq(chat.id, id));\n  return selectedChat;\n}\n`,
      'app/(chat)/actions.ts': `'use server';\n\nimport { redirect } from 'next/navigation';\nimport { db } from '@/lib/db';\nimport { chat } from '@/lib/db/schema';\n\nexport async function createChat(title: string) {\n  await db.insert(chat).values({ id: crypto.randomUUID(), title });\n  redirect('/');\n}\n`,
      'components/editor.tsx': `'use client';\n\nexport async function loadEditor() {\n  // eslint-disable-next-line react-hooks/exhaustive-deps\n  return import('./heavy-editor');\n}\n`,
      '.next/server/chunk.js': "const late = await import('./x');\n",
      'tests/chat.test.ts': "const m = await import('../lib/db/queries');\n",
    });
    const lint = await fromLint(root);
    expect(lint.map((entry) => entry.replace(/:\d+:\d+ /, ' '))).toEqual([
      'app/(chat)/actions.ts many-first/no-db-in-server-actions',
      'app/(chat)/actions.ts many-first/no-redirect-in-server-actions',
      'components/editor.tsx many-first/no-dynamic-imports',
      'lib/db/queries.ts many-first/no-single-record-wrappers',
    ]);
    expect(await fromInitConfig(root)).toEqual(lint);
    expect(await fromInspect(root)).toEqual(lint);
    expect(await fromCheckConventions(root)).toEqual(lint);
  }, 120_000);
});

describe("on a project that sets the rules' levels in many-first.config.json", () => {
  const projects = new TempProjects('many-first-agreement-rules-');
  afterAll(() => projects.removeAll());

  it('all four turn require-action-auth on with its guards, leave no-dynamic-imports off, and warn', async () => {
    const root = projects.create({
      'package.json': '{ "type": "module" }\n',
      'many-first.config.json': JSON.stringify({
        rules: {
          'require-action-auth': ['error', { guards: ['requireUser'] }],
          'no-dynamic-imports': 'off',
          'no-redirect-in-try': 'warn',
        },
      }),
      'lib/db/schema.ts': `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';\n\nexport const notes = pgTable('notes', { id: uuid('id').primaryKey(), body: text('body') });\n`,
      'lib/db/index.ts': `import { drizzle } from 'drizzle-orm/postgres-js';\nimport postgres from 'postgres';\n\nexport const db = drizzle(postgres(process.env.POSTGRES_URL!));\n`,
      'lib/auth.ts': 'export async function requireUser() {\n  return { id: 1 };\n}\n',
      'app/notes/actions.ts': `'use server';\n\nimport { redirect } from 'next/navigation';\nimport { requireUser } from '@/lib/auth';\n\nexport async function guarded() {\n  await requireUser();\n  return { success: true };\n}\n\nexport async function unguarded() {\n  try {\n    redirect('/');\n  } catch {\n    return { success: false };\n  }\n}\n\nexport async function lazy() {\n  await requireUser();\n  const editor = await import('./editor');\n  return { success: true, editor };\n}\n`,
    });
    const run = await runCli(['lint', root, '--format', 'json'], root);
    const messages = (JSON.parse(run.stdout) as JsonResult[]).flatMap((result) =>
      result.messages.map((message) => ({
        rule: message.ruleId,
        severity: (message as { severity?: number }).severity,
      })),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        { rule: 'many-first/require-action-auth', severity: 2 },
        { rule: 'many-first/no-redirect-in-try', severity: 1 },
      ]),
    );
    expect(messages.map((message) => message.rule)).not.toContain('many-first/no-dynamic-imports');

    const lint = await fromLint(root);
    expect(lint.filter((entry) => entry.endsWith('require-action-auth'))).toHaveLength(1);
    expect(await fromInitConfig(root)).toEqual(lint);
    expect(await fromInspect(root)).toEqual(lint);
    expect(await fromCheckConventions(root)).toEqual(lint);
  }, 120_000);
});
