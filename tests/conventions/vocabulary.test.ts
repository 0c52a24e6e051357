/**
 * conventions/vocabulary.ts is the one list of database methods and navigation functions. The rules read
 * it over ESTree and the analysis over the TypeScript AST; this runs both on the same server action, one
 * call per word of the vocabulary (plus `transaction`, which only groups calls), and asserts they report
 * the same calls on the same lines.
 */
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { DATABASE_METHODS, THROWING_NAVIGATION, TRANSACTION_METHOD } from '../../conventions/vocabulary.js';
import plugin from '../../eslint-plugin/index.js';
import { inMemoryProject, source } from '../mcp-server/project/in-memory.js';

const ACTION_FILE = 'src/actions/everything.ts';
const header = [
  "'use server';",
  "import { db } from '@/lib/db';",
  "import * as nav from 'next/navigation';",
  "import { items } from '@/lib/db/schema';",
  '',
  'export async function everything() {',
];
const dbLines = [...DATABASE_METHODS].map((method) => `  await db.${method}(items);`);
const transactionLines = [
  `  await db.${TRANSACTION_METHOD}(async (tx) => {`,
  '    await tx.insert(items);',
  '  });',
];
const navigationLines = THROWING_NAVIGATION.map((name) => `  nav.${name}('/');`);
const action = source(...header, ...dbLines, ...transactionLines, ...navigationLines, '}');
const lineOf = (text: string) => action.split('\n').indexOf(text) + 1;

function lint(rule: string, options: readonly unknown[] = []): number[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    action,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { 'many-first': plugin },
        rules: { [`many-first/${rule}`]: ['error', ...options] },
      },
    ],
    ACTION_FILE,
  );
  expect(messages.filter((message) => message.fatal === true)).toEqual([]);
  return messages.map((message) => message.line).sort((a, b) => a - b);
}

function analyse() {
  const project = inMemoryProject({
    'src/lib/db/index.ts': source(
      "import { drizzle } from 'drizzle-orm/pglite';",
      'export const db = drizzle();',
    ),
    'src/lib/db/schema.ts': source(
      "import { integer, pgTable } from 'drizzle-orm/pg-core';",
      "export const items = pgTable('items', { id: integer().primaryKey() });",
    ),
    [ACTION_FILE]: action,
  });
  return project.action('everything');
}

describe('the rules and the analysis read one vocabulary', () => {
  it('agree on which database calls are direct database use, transactions and their handles included', () => {
    const analysed = analyse().directDbUse;
    const expectedLines = [...dbLines, '    await tx.insert(items);'].map(lineOf);
    expect(analysed.map((use) => use.line).sort((a, b) => a - b)).toEqual(expectedLines);
    expect(analysed.map((use) => use.method)).not.toContain(TRANSACTION_METHOD);
    expect(lint('no-db-in-server-actions')).toEqual(expectedLines);
  });

  it('agree on which next/navigation calls navigate by throwing', () => {
    const analysed = analyse().redirects;
    expect(analysed.map((call) => call.callee)).toEqual([...THROWING_NAVIGATION]);
    const expectedLines = navigationLines.map(lineOf);
    expect(analysed.map((call) => call.line)).toEqual(expectedLines);
    expect(lint('no-redirect-in-server-actions', [{ functions: [...THROWING_NAVIGATION] }])).toEqual(
      expectedLines,
    );
  });
});
