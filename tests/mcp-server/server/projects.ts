/** The projects the server tests run on: the fixture app, and small temporary projects written per test. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const REPO_ROOT = realpathSync(fileURLToPath(new URL('../../..', import.meta.url)));
export const FIXTURE_APP = join(REPO_ROOT, 'fixtures', 'app');

/** The tools DESIGN.md names, in the registry's order. */
export const DESIGN_TOOL_NAMES = [
  'project_overview',
  'list_tables',
  'describe_table',
  'list_models',
  'describe_model',
  'list_server_actions',
  'find_usages',
  'check_conventions',
  'lint_code',
  'schema_diagram',
  'migration_status',
];

/** A minimal many-first project: one schema file, one model, one action. */
export const SMALL_PROJECT: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'small-project', private: true }),
  'src/lib/db/index.ts': 'export const db = {} as never;\n',
  'src/lib/db/schema.ts': [
    "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
    '',
    "export const items = pgTable('items', {",
    '  id: integer().primaryKey().generatedAlwaysAsIdentity(),',
    "  name: text('name').notNull(),",
    '});',
    '',
  ].join('\n'),
  'src/lib/models/index.ts': "export { createModelFactory } from 'many-first/model-factory';\n",
  'src/models/items.ts': [
    "import { db } from '@/lib/db';",
    "import { items } from '@/lib/db/schema';",
    "import { createModelFactory } from '@/lib/models';",
    '',
    "const { insert, select } = createModelFactory(db, 'items', items);",
    'export const insertItems = insert;',
    'export const selectItems = select;',
    '',
  ].join('\n'),
  'src/actions/items.ts': [
    "'use server';",
    "import { insertItems } from '@/models/items';",
    '',
    'export async function createItem(name: string) {',
    '  const [item] = await insertItems([{ name }]);',
    '  return { success: true, item };',
    '}',
    '',
  ].join('\n'),
  'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } }),
};

export interface TempProject {
  /** The real path of the project root. */
  root: string;
  /** The folder holding the root, for files that must stay outside it. */
  base: string;
  write(path: string, content: string): void;
  remove(): void;
}

/** Writes `files` (root-relative path → content) into a new temporary project. */
export function createTempProject(files: Record<string, string> = SMALL_PROJECT): TempProject {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'many-first-mcp-')));
  const root = join(base, 'project');
  mkdirSync(root);
  const write = (path: string, content: string) => {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return { root, base, write, remove: () => rmSync(base, { recursive: true, force: true }) };
}

/** The text of a tool result's first content block. */
export function textOf(result: unknown): string {
  const content = (result as CallToolResult).content;
  const first = content[0];
  return first?.type === 'text' ? first.text : '';
}

/** The structured content of a successful result, failing loudly on an error result. */
export function structuredOf<T = Record<string, unknown>>(result: unknown): T {
  const call = result as CallToolResult;
  if (call.isError) throw new Error(`expected a result, got the error: ${textOf(call)}`);
  return call.structuredContent as T;
}
