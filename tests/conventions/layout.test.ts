import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationFileMatcher, ConventionsError, DEFAULT_CONVENTIONS } from '../../conventions/index.js';
import { discoverLayout, prologueDirectives, scanFile } from '../../conventions/layout.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'many-first-layout-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const SCHEMA = `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
export const chat = pgTable('chat', { id: uuid('id').primaryKey(), title: text('title') });
`;
const CLIENT = `import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
export const db = drizzle(postgres(process.env.POSTGRES_URL!));
`;
const ACTION = `'use server';
import { saveChat } from '@/lib/db/queries';
export async function createChat(title: string) {
  const [chat] = await saveChat([{ title }]);
  return { success: true, chat };
}
`;

/** A flat App Router app, laid out as most public Next.js + Drizzle apps are: no src/. */
const FLAT: Record<string, string> = {
  'package.json': '{"name":"flat"}',
  'tsconfig.json':
    '{\n  // comments and trailing commas, as tsconfig allows\n  "compilerOptions": { "paths": { "@/*": ["./*"], }, },\n}\n',
  'lib/db/schema.ts': SCHEMA,
  'lib/db/index.ts': CLIENT,
  'lib/db/queries.ts': `import { db } from './index';
import { chat } from './schema';
export async function saveChat(rows: { title: string }[]) {
  return db.insert(chat).values(rows).returning();
}
`,
  'app/(chat)/actions.ts': ACTION,
  'actions/profile.ts': `'use server';\nexport async function saveProfile() { return { success: true }; }\n`,
  'app/(chat)/page.tsx': `export default function Page() {
  async function rename() {
    'use server';
  }
  return <form action={rename} />;
}
`,
  'components/chat.tsx': `'use client';\nexport function Chat() { return null; }\n`,
  'next.config.ts': 'export default {};\n',
  'drizzle.config.ts': "export default { schema: './lib/db/schema.ts', dialect: 'postgresql' };\n",
  'tests/chat.test.ts': "import { saveChat } from '@/lib/db/queries';\n",
  'tests/factories/chat.factory.ts': 'export const chatFactory = {};\n',
  '.next/server/app/page.js': "'use server';\nexport async function x() {}\n",
  'out/index.js': 'export {};\n',
  'next-env.d.ts': '/// <reference types="next" />\n',
};

describe('discoverLayout on a flat layout (no src/)', () => {
  const layout = () => discoverLayout(project(FLAT));

  it('finds the schema, the client, data access and the actions from the code', () => {
    const { found } = layout();
    expect(found.schemaFiles).toEqual(['lib/db/schema.ts']);
    expect(found.dbModules).toEqual(['lib/db/index.ts']);
    expect(found.dataAccessModules).toEqual(['lib/db/queries.ts']);
    expect(found.actionModules).toEqual(['actions/profile.ts', 'app/(chat)/actions.ts']);
    expect(found.inlineActionFiles).toEqual(['app/(chat)/page.tsx']);
    expect(found.actionFolders).toEqual(['actions']);
  });

  it('lints application source only: tests, factories, build output and tool config are left out', () => {
    expect(layout().sourceFiles).toEqual([
      'actions/profile.ts',
      'app/(chat)/actions.ts',
      'app/(chat)/page.tsx',
      'components/chat.tsx',
      'lib/db/index.ts',
      'lib/db/queries.ts',
      'lib/db/schema.ts',
    ]);
  });

  it('turns what it found into the conventions every tool uses, and says where each came from', () => {
    const { conventions, origin } = layout();
    expect(conventions.actions).toEqual(['actions/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
    expect(conventions.dbModules).toContain('lib/db/index.ts');
    expect(conventions.schema).toEqual(['lib/db/schema.ts']);
    expect(origin).toMatchObject({
      actions: 'found',
      dbModules: 'found',
      schema: 'found',
      models: 'default',
    });
    expect(conventions.models).toEqual(DEFAULT_CONVENTIONS.models);
  });
});

describe('discoverLayout on other layouts', () => {
  it('reads a src/ layout with server/ and ~/ imports (create-t3-app)', () => {
    const root = project({
      'src/server/db/schema.ts': SCHEMA,
      'src/server/db/index.ts': CLIENT,
      'src/server/queries.ts': `import { db } from '~/server/db';\nexport const getChats = async () => db.query.chat.findMany();\n`,
      'src/app/actions.ts': ACTION,
    });
    const { found } = discoverLayout(root);
    expect(found.dbModules).toEqual(['src/server/db/index.ts']);
    expect(found.dataAccessModules).toEqual(['src/server/queries.ts']);
    expect(found.actionModules).toEqual(['src/app/actions.ts']);
    expect(found.actionFolders).toEqual([]);
  });

  it('follows a module that re-exports the client, and an aliased drizzle import', () => {
    const root = project({
      'db/drizzle.ts': `import { drizzle as connect } from 'drizzle-orm/node-postgres';\nexport const db = connect(process.env.URL!);\n`,
      'db/index.ts': `export { db } from './drizzle';\n`,
      'data-access/users.ts': `import { db } from '../db';\nexport async function listUsers() { return db.query.users.findMany(); }\n`,
    });
    const { found } = discoverLayout(root);
    expect(found.dbModules).toEqual(['db/drizzle.ts', 'db/index.ts']);
    expect(found.dataAccessModules).toEqual(['data-access/users.ts']);
  });

  it('names a monorepo package whose entry creates the client, so imports of it count as the client', () => {
    const root = project({
      'packages/db/package.json': JSON.stringify({ name: '@acme/db', main: './src/index.ts' }),
      'packages/db/src/index.ts': CLIENT,
      'apps/web/app/actions.ts': ACTION,
    });
    const layout = discoverLayout(root);
    expect(layout.found.dbModules).toEqual(['packages/db/src/index.ts']);
    expect(layout.conventions.dbModules).toContain('@acme/db');
    expect(layout.found.actionModules).toEqual(['apps/web/app/actions.ts']);
  });

  it('finds the model modules by their createModelFactory call, not by folder', () => {
    const root = project({
      'lib/db/index.ts': CLIENT,
      'lib/models/factory.ts': `export { createModelFactory } from 'many-first/model-factory';\n`,
      'server/tags.ts': `import { createModelFactory } from '@/lib/models/factory';\nimport { db } from '@/lib/db';\nconst { insert } = createModelFactory(db, 'tags', tags);\nexport const insertTags = insert;\n`,
    });
    const layout = discoverLayout(root);
    expect(layout.found.modelModules).toEqual(['server/tags.ts']);
    expect(layout.found.modelFactoryModules).toEqual(['lib/models/factory.ts']);
    expect(layout.conventions.models).toEqual(['server/tags.ts', ...DEFAULT_CONVENTIONS.models]);
  });
});

describe('the project overrides what was found', () => {
  it('takes many-first.config.json over discovery, and names configured globs that match nothing', () => {
    const root = project({
      ...FLAT,
      'many-first.config.json': JSON.stringify({
        actions: ['app/**/actions.ts'],
        ignores: ['components/**'],
        models: ['lib/models/**/*.ts'],
      }),
    });
    const layout = discoverLayout(root);
    expect(layout.configFile).toBe('many-first.config.json');
    expect(layout.conventions.actions).toEqual(['app/**/actions.ts']);
    expect(layout.origin.actions).toBe('configured');
    expect(layout.sourceFiles).not.toContain('components/chat.tsx');
    expect(layout.unmatched).toEqual([{ key: 'models', glob: 'lib/models/**/*.ts' }]);
  });

  it('uses the schema drizzle.config names over the files that declare tables', () => {
    const root = project({ 'db/schema.ts': SCHEMA, 'db/legacy.ts': SCHEMA });
    expect(discoverLayout(root, { drizzleSchema: ['db/schema.ts'] }).conventions.schema).toEqual([
      'db/schema.ts',
    ]);
    expect(discoverLayout(root).conventions.schema).toEqual(['db/legacy.ts', 'db/schema.ts']);
  });

  it('throws ConventionsError for a malformed config rather than falling back to discovery', () => {
    const root = project({ 'many-first.config.json': '{ "actions": 3 }' });
    expect(() => discoverLayout(root)).toThrowError(ConventionsError);
  });
});

describe('reading one file', () => {
  it('reads the prologue past a hashbang and comments, and stops at the first statement', () => {
    expect(
      prologueDirectives(
        "#!/usr/bin/env node\n// note\n/* x */ 'use server';\n\"use strict\"\nimport a from 'a';",
      ),
    ).toEqual(['use server', 'use strict']);
    expect(prologueDirectives("import a from 'a';\n'use server';")).toEqual([]);
    expect(prologueDirectives("'use server' + x;")).toEqual([]);
  });

  it('tells a table declaration from a mention, and a client from a driver type import', () => {
    expect(scanFile('a.ts', SCHEMA).declaresTables).toBe(true);
    expect(scanFile('a.ts', "const pgTable = (x) => x;\npgTable('x');").declaresTables).toBe(false);
    expect(scanFile('a.ts', CLIENT).createsDbClient).toBe(true);
    expect(
      scanFile(
        'a.ts',
        "import type { PgDatabase } from 'drizzle-orm/pg-core';\nexport function drizzle() {}\ndrizzle();",
      ).createsDbClient,
    ).toBe(false);
  });
});

describe('applicationFileMatcher', () => {
  const isApplication = applicationFileMatcher(DEFAULT_CONVENTIONS);

  it('keeps scripts in any folder', () => {
    for (const file of [
      'app/page.tsx',
      'lib/db/queries.ts',
      'src/actions/a.ts',
      'server/x.mjs',
      'middleware.ts',
    ])
      expect(isApplication(file), file).toBe(true);
  });

  it('leaves out tests, factories, build output, tool config, declarations and dot-folders', () => {
    for (const file of [
      'tests/a.ts',
      'lib/a.test.ts',
      'e2e/a.spec.ts',
      'tests/factories/tag.factory.ts',
      '.next/server/page.js',
      'dist/index.js',
      'next.config.ts',
      'drizzle.config.ts',
      'eslint.config.mjs',
      'next-env.d.ts',
      'types/global.d.ts',
      '.storybook/main.ts',
      'README.md',
    ])
      expect(isApplication(file), file).toBe(false);
  });
});
