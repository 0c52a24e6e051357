/**
 * The incremental analysis: after each edit of a sequence (a model, a schema column, a table added and
 * removed, an action, a file added and deleted, an export renamed that another file imports), the analysis
 * built on the previous one's memo answers exactly what a fresh `createAnalysis` over the same tree
 * answers, and the parts the edit did not touch are the previous objects, not derived again.
 */
import type { ts } from 'ts-morph';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONVENTIONS } from '../../../conventions/index.js';
import { createAnalysis, type Analysis } from '../../../mcp-server/project/analysis.js';
import { createConventionMatchers } from '../../../mcp-server/project/convention-matchers.js';
import { collectFileFacts, type FileFacts } from '../../../mcp-server/project/file-facts.js';
import { createModuleResolver } from '../../../mcp-server/project/module-resolver.js';
import { parseSource } from '../../../mcp-server/project/parse.js';
import { ProjectIndex } from '../../../mcp-server/project/project-index.js';
import { createTempProject, type TempProject } from '../server/projects.js';
import { AT_ALIAS } from './in-memory.js';

const matchers = createConventionMatchers(DEFAULT_CONVENTIONS);

interface Parsed {
  text: string;
  sourceFile: ts.SourceFile;
  facts: FileFacts;
}

/**
 * A project held in memory the way the project index holds it: a file is parsed again only when its text
 * changed or its imports now resolve elsewhere, so unchanged files keep their facts object.
 */
class EditedProject {
  private parsed = new Map<string, Parsed>();
  private analysis: Analysis | undefined;

  constructor(private sources: Record<string, string>) {}

  edit(changes: Record<string, string | null>): void {
    const next = { ...this.sources };
    for (const [file, text] of Object.entries(changes)) {
      if (text === null) delete next[file];
      else next[file] = text;
    }
    this.sources = next;
  }

  private parseAll(previous: Map<string, Parsed>): Map<string, Parsed> {
    const files = Object.keys(this.sources).sort();
    const known = new Set(files);
    const resolver = createModuleResolver((file) => known.has(file), AT_ALIAS);
    const result = new Map<string, Parsed>();
    for (const file of files) {
      const text = this.sources[file]!;
      const before = previous.get(file);
      const moved =
        before !== undefined &&
        (before.facts.imports.some(
          (binding) => binding.resolved !== resolver.resolve(binding.specifier, file),
        ) ||
          before.facts.exports.some(
            (entry) =>
              entry.from !== undefined &&
              entry.from.resolved !== resolver.resolve(entry.from.specifier, file),
          ));
      if (before !== undefined && before.text === text && !moved) {
        result.set(file, before);
        continue;
      }
      const sourceFile = parseSource(file, text);
      const facts = collectFileFacts(sourceFile, {
        resolve: (specifier) => resolver.resolve(specifier, file),
      });
      result.set(file, { text, sourceFile, facts });
    }
    return result;
  }

  private analyse(parsed: Map<string, Parsed>, previous?: Analysis): Analysis {
    return createAnalysis({
      files: [...parsed.keys()],
      factsOf: (file) => parsed.get(file)?.facts,
      module: (file) => {
        const module = parsed.get(file);
        return module === undefined
          ? undefined
          : { file, sourceFile: module.sourceFile, facts: module.facts };
      },
      matchers,
      ...(previous === undefined ? {} : { previous: previous.memo() }),
    });
  }

  /** The next analysis, built on the previous one's memo. */
  incremental(): Analysis {
    this.parsed = this.parseAll(this.parsed);
    this.analysis = this.analyse(this.parsed, this.analysis);
    return this.analysis;
  }

  /** An analysis of the same tree from nothing: every file parsed again, no memo. */
  fresh(): Analysis {
    return this.analyse(this.parseAll(new Map()));
  }
}

/** Every answer an analysis gives, as plain data. */
function answers(analysis: Analysis) {
  const models = analysis.models();
  return {
    schemaFiles: analysis.schema().schemaFiles,
    extraction: analysis.schema().extraction,
    bindings: [...analysis.schema().bindings],
    tables: analysis.tables(),
    models: models.models,
    ops: [...models.opsBySymbol],
    functions: [...models.functionsBySymbol],
    unknownTables: models.unknownTables,
    testFactories: analysis.testFactories(),
    actions: analysis.actions(),
    usages: [...analysis.usages()],
    structure: analysis.structure(DEFAULT_CONVENTIONS),
  };
}

const usersSchema = (extraColumn = '') =>
  [
    "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
    '',
    "export const users = pgTable('users', {",
    '  id: integer().primaryKey(),',
    "  email: text('email').notNull(),",
    extraColumn,
    '});',
    '',
  ].join('\n');

const postsSchema = (extraTable = '') =>
  [
    "import { relations } from 'drizzle-orm';",
    "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
    "import { users } from './users';",
    '',
    "export const posts = pgTable('posts', {",
    '  id: integer().primaryKey(),',
    "  authorId: integer('author_id').references(() => users.id),",
    "  title: text('title'),",
    '});',
    '',
    'export const postsRelations = relations(posts, ({ one }) => ({',
    '  author: one(users, { fields: [posts.authorId], references: [users.id] }),',
    '}));',
    extraTable,
    '',
  ].join('\n');

const model = (table: string, extra = '') =>
  [
    "import { db } from '@/lib/db';",
    `import { ${table} } from '@/db/schema';`,
    "import { createModelFactory } from 'many-first/model-factory';",
    '',
    `const { insert, select } = createModelFactory(db, '${table}', ${table});`,
    `export const insert${table} = insert;`,
    `export const select${table} = select;`,
    extra,
    '',
  ].join('\n');

const action = (body: string) =>
  [
    "'use server';",
    "import { insertusers, selectusers } from '@/models/users';",
    "import { insertposts } from '@/models/posts';",
    '',
    `export async function createUser(email: string) {`,
    `  ${body}`,
    '}',
    '',
  ].join('\n');

const SOURCES: Record<string, string> = {
  'src/lib/db/index.ts': 'export const db = {} as never;\n',
  'src/db/schema/users.ts': usersSchema(),
  'src/db/schema/posts.ts': postsSchema(),
  'src/db/schema/index.ts': "export * from './users';\nexport * from './posts';\n",
  'src/models/users.ts': model('users'),
  'src/models/posts.ts': model('posts'),
  'src/actions/users.ts': action('return insertusers([{ email }]);'),
  'tests/factories/users.factory.ts': [
    "import { defineFactory } from 'many-first/test-factory';",
    "import { users } from '@/db/schema';",
    '',
    "export const userFactory = defineFactory(users, { defaults: () => ({ email: 'a@b.c' }), traits: { admin: {} } });",
    '',
  ].join('\n'),
  'src/app/page.ts':
    "import { selectusers } from '@/models/users';\nexport default async () => selectusers({});\n",
};

describe('the incremental analysis', () => {
  it('answers as a fresh analysis after every edit of a sequence, reusing what the edit did not touch', () => {
    const project = new EditedProject(SOURCES);
    const first = project.incremental();
    expect(answers(first)).toEqual(answers(project.fresh()));
    expect(first.tables().map((table) => table.name)).toEqual(['users', 'posts']);

    const steps: { name: string; changes: Record<string, string | null> }[] = [
      {
        name: 'a model edit',
        changes: { 'src/models/posts.ts': model('posts', 'export function countPosts() { return 1; }') },
      },
      { name: 'a column added', changes: { 'src/db/schema/users.ts': usersSchema("  name: text('name'),") } },
      {
        name: 'a table added',
        changes: {
          'src/db/schema/posts.ts': postsSchema("export const tags = pgTable('tags', { id: integer() });"),
        },
      },
      { name: 'a table removed', changes: { 'src/db/schema/posts.ts': postsSchema() } },
      { name: 'a column removed', changes: { 'src/db/schema/users.ts': usersSchema() } },
      {
        name: 'an action edit',
        changes: { 'src/actions/users.ts': action('await insertposts([]); return selectusers({});') },
      },
      {
        name: 'a file added',
        changes: {
          'src/models/comments.ts': model('comments'),
          'src/db/schema/comments.ts': [
            "import { integer, pgTable } from 'drizzle-orm/pg-core';",
            "export const comments = pgTable('comments', { id: integer().primaryKey() });",
            '',
          ].join('\n'),
        },
      },
      {
        name: 'an export renamed that another file imports',
        changes: {
          'src/models/users.ts': model('users').replace('export const insertusers', 'export const addusers'),
        },
      },
      {
        name: 'the importer following the rename',
        changes: { 'src/actions/users.ts': action('return selectusers({});').replace('insertusers, ', '') },
      },
      {
        name: 'a file deleted',
        changes: { 'src/db/schema/comments.ts': null, 'src/models/comments.ts': null },
      },
      {
        name: 'relations declared in a file of their own',
        changes: {
          'src/db/schema/relations.ts': [
            "import { relations } from 'drizzle-orm';",
            "import { posts, users } from './index';",
            'export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));',
            '',
          ].join('\n'),
        },
      },
      {
        name: 'a column added beside them',
        changes: { 'src/db/schema/users.ts': usersSchema('  bio: text(),') },
      },
      { name: 'nothing changed', changes: {} },
    ];
    let last = first;
    for (const step of steps) {
      project.edit(step.changes);
      last = project.incremental();
      expect(answers(last), step.name).toEqual(answers(project.fresh()));
    }
    const users = last.tables().find((table) => table.name === 'users');
    expect(users?.relations).toEqual([{ name: 'posts', kind: 'many', target: 'posts' }]);
  });

  it('keeps the schema reading, the graph and the untouched files’ parts after a model edit', () => {
    const project = new EditedProject(SOURCES);
    const before = project.incremental();
    const beforeAnswers = answers(before);
    project.edit({ 'src/models/posts.ts': model('posts', '// a comment') });
    const after = project.incremental();
    const afterAnswers = answers(after);
    expect(after.graph()).toBe(before.graph());
    expect(afterAnswers.extraction).toBe(beforeAnswers.extraction);
    const usersModel = (list: typeof afterAnswers.models) =>
      list.find((entry) => entry.file.endsWith('users.ts'));
    expect(usersModel(afterAnswers.models)).toBe(usersModel(beforeAnswers.models));
    expect(afterAnswers.actions[0]).toBe(beforeAnswers.actions[0]);
    // The edited model is derived again, and the joined tables are the same objects where nothing changed.
    const postsModel = (list: typeof afterAnswers.models) =>
      list.find((entry) => entry.file.endsWith('posts.ts'));
    expect(postsModel(afterAnswers.models)).not.toBe(postsModel(beforeAnswers.models));
    expect(afterAnswers.tables[0]).toBe(beforeAnswers.tables[0]);
  });

  it('reads again only the schema file that changed', () => {
    const project = new EditedProject(SOURCES);
    const before = project.incremental().schema();
    project.edit({
      'src/db/schema/posts.ts': postsSchema("export const tags = pgTable('tags', { id: integer() });"),
    });
    const after = project.incremental().schema();
    expect(after.units.get('src/db/schema/users.ts')).toBe(before.units.get('src/db/schema/users.ts'));
    expect(after.units.get('src/db/schema/posts.ts')).not.toBe(before.units.get('src/db/schema/posts.ts'));
    const users = (schema: typeof after) => schema.extraction.tables.find((table) => table.name === 'users');
    expect(users(after)).toBe(users(before));
    expect(after.extraction.tables.map((table) => table.name)).toEqual(['users', 'posts', 'tags']);
  });

  it('builds a new graph and derives the importers again when an imported export is renamed', () => {
    const project = new EditedProject(SOURCES);
    const before = project.incremental();
    const actionBefore = before.actions()[0]!;
    expect(actionBefore.modelOpsCalled).toEqual(['insertusers']);
    project.edit({
      'src/models/users.ts': model('users').replace('export const insertusers', 'export const addusers'),
    });
    const after = project.incremental();
    expect(after.graph()).not.toBe(before.graph());
    expect(after.actions()[0]!.modelOpsCalled).toEqual([]);
  });
});

describe('the project index, refreshed after edits on disk', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  it('answers as an index built from nothing over the same files', async () => {
    project = createTempProject({
      ...SOURCES,
      'package.json': JSON.stringify({ name: 'incremental', private: true }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } }),
    });
    const index = new ProjectIndex(project.root, { watch: false });
    await index.refresh();
    const edits: Record<string, string>[] = [
      { 'src/models/posts.ts': model('posts', 'export function countPosts() { return 1; }') },
      { 'src/db/schema/users.ts': usersSchema("  name: text('name'),") },
      { 'src/models/users.ts': model('users').replace('export const insertusers', 'export const addusers') },
      { 'src/db/schema/posts.ts': postsSchema("export const extra = pgTable('extra', { id: integer() });") },
      { 'src/models/extra.ts': model('extra') },
    ];
    for (const edit of edits) {
      for (const [path, text] of Object.entries(edit)) project.write(path, text);
      await index.refresh();
      const fresh = new ProjectIndex(project.root, { watch: false });
      await fresh.refresh();
      expect(index.inspection).toEqual(fresh.inspection);
      expect(index.findUsages('users')).toEqual(fresh.findUsages('users'));
    }
    expect(index.inspection.tables.map((table) => table.name)).toEqual(['posts', 'extra', 'users']);
  });
});
