/**
 * Every tool over the protocol (an SDK client on an in-memory transport) against the fixture app, analysed
 * for real: the success answers, the errors and their suggestions, paging, and the size of the answers.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject, type ProjectIndex } from '../../../mcp-server/project/project-index.js';
import type { Finding, Model, ServerAction, Table, Usage } from '../../../mcp-server/project/model.js';
import { tools } from '../../../mcp-server/tools/index.js';
import { connect, type Connection } from './connect.js';
import {
  createTempProject,
  DESIGN_TOOL_NAMES,
  FIXTURE_APP,
  SMALL_PROJECT,
  structuredOf,
  textOf,
  type TempProject,
} from './projects.js';

let connection: Connection;
let index: ProjectIndex;
let listed: Tool[];

const call = (name: string, args: Record<string, unknown> = {}) =>
  connection.client.callTool({ name, arguments: args });

beforeAll(async () => {
  connection = await connect({ root: FIXTURE_APP });
  // The tools answer from this same index; the test compares with it where the fixture may still grow.
  index = await openProject(FIXTURE_APP);
  // Listing first makes the client validate every structuredContent against the advertised outputSchema.
  listed = (await connection.client.listTools()).tools;
});

afterAll(async () => {
  await connection.close();
});

describe('tools/list', () => {
  it('lists the tools of DESIGN.md, in the registry order', () => {
    expect(listed.map((tool) => tool.name)).toEqual(DESIGN_TOOL_NAMES);
    expect(listed.map((tool) => tool.name)).toEqual(tools.map((tool) => tool.name));
  });

  it('gives every tool a title, a description for a model, and all four read-only hints', () => {
    for (const tool of listed) {
      expect(tool.title, tool.name).toMatch(/^[A-Z]/);
      expect(tool.description!.length, tool.name).toBeGreaterThan(150);
      expect(tool.description, tool.name).toMatch(/Next:|Start here|Use it/);
      expect(tool.annotations, tool.name).toEqual({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
    }
  });

  it('advertises object input and output schemas whose properties are described', () => {
    for (const tool of listed) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(Object.keys(tool.outputSchema?.properties ?? {}).length, tool.name).toBeGreaterThan(0);
      for (const [property, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${tool.name}.${property}`).toBeTruthy();
      }
    }
    const listTables = listed.find((tool) => tool.name === 'list_tables')!;
    expect(Object.keys(listTables.inputSchema.properties ?? {})).toEqual([
      'filter',
      'verbose',
      'limit',
      'cursor',
    ]);
    expect(listTables.outputSchema?.required).toEqual(['tables', 'total']);
  });

  it('tells the assistant to call project_overview first', () => {
    expect(connection.client.getInstructions()).toMatch(/Call project_overview first/);
    expect(connection.client.getServerCapabilities()).toMatchObject({ logging: {}, completions: {} });
  });
});

describe('project_overview', () => {
  it('names the layout found in the code: data access, the database client, the actions folder', async () => {
    const result = await call('project_overview');
    const { layout } = structuredOf<{
      layout: {
        sourceFiles: number;
        dbModules: string[];
        actionFolders: string[];
        dataAccess: { files: string[] };
        testFactories: { total: number };
        configFile?: string;
      };
    }>(result);
    expect(layout.dbModules).toEqual(['src/lib/db/index.ts']);
    expect(layout.actionFolders).toEqual(['src/actions/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
    expect(layout.sourceFiles).toBe(index.layout.sourceFiles.length);
    expect(layout.testFactories.total).toBeGreaterThanOrEqual(30);
    expect(layout.configFile).toBeUndefined();
    expect(textOf(result)).toContain('\nDatabase client: src/lib/db/index.ts; actions folders: src/actions/');
  });

  it('summarises the fixture: root, dialect, files, counts and convention health', async () => {
    const result = await call('project_overview');
    const overview = structuredOf<{
      root: string;
      dialect: string;
      schemaGlobs: string[];
      schema: { files: string[]; total: number };
      models: { total: number };
      actions: { files: string[] };
      counts: { tables: number; models: number; actions: number; findings: number };
      health: { rule: string }[];
    }>(result);
    expect(overview.root).toBe(FIXTURE_APP);
    expect(overview.dialect).toBe('pg');
    expect(overview.schemaGlobs).toEqual(['src/lib/db/schema.*.ts']);
    expect(overview.schema.files).toContain('src/lib/db/schema.tags.ts');
    expect(overview.counts.tables).toBe(index.inspection.tables.length);
    expect(overview.counts.tables).toBeGreaterThanOrEqual(30);
    expect(overview.counts.models).toBe(index.inspection.models.length);
    expect(overview.actions.files).toContain('src/actions/tags.ts');
    // The fixture follows every convention: no finding, so no rule in the health summary.
    expect(overview.counts.findings).toBe(0);
    expect(overview.health).toEqual([]);
    expect(textOf(result)).toMatch(/^Project .*fixtures\/app \(pg\)\n\d+ tables \(\d+ columns\), \d+ models/);
  });
});

describe('list_tables', () => {
  it('lists every table compactly, without columns', async () => {
    const { tables, total, nextCursor } = structuredOf<{
      tables: Record<string, unknown>[];
      total: number;
      nextCursor?: string;
    }>(await call('list_tables'));
    expect(total).toBe(index.inspection.tables.length);
    expect(tables).toHaveLength(Math.min(total, 50));
    expect(nextCursor).toBeUndefined();
    const tags = tables.find((table) => table.name === 'tags');
    expect(tags).toEqual({
      name: 'tags',
      sqlName: 'tags',
      file: 'src/lib/db/schema.tags.ts',
      line: expect.any(Number),
      columnCount: 10,
      model: 'src/models/tags.ts',
    });
    expect(tables.some((table) => 'columns' in table)).toBe(false);
  });

  it('filters by TS name, SQL name or file, case-insensitively', async () => {
    const { tables } = structuredOf<{ tables: { name: string; sqlName: string }[] }>(
      await call('list_tables', { filter: 'TAG' }),
    );
    expect(tables.map((table) => table.name).sort()).toEqual(['foodTags', 'recipeTags', 'tagGroups', 'tags']);
    const byFile = structuredOf<{ tables: { name: string }[] }>(
      await call('list_tables', { filter: 'schema.auth' }),
    );
    expect(byFile.tables.map((table) => table.name)).toContain('users');
    const none = await call('list_tables', { filter: 'no-such-table' });
    expect(structuredOf<{ total: number }>(none).total).toBe(0);
    expect(textOf(none)).toMatch(/No table matches/);
  });

  it('adds every column with verbose', async () => {
    const { tables } = structuredOf<{ tables: { name: string; columns?: { key: string }[] }[] }>(
      await call('list_tables', { filter: 'tag_groups', verbose: true }),
    );
    expect(tables[0]!.columns!.map((column) => column.key)).toEqual(['id', 'name', 'position']);
  });

  it('pages with an opaque cursor until every table was seen once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = structuredOf<{ tables: { name: string }[]; nextCursor?: string; total: number }>(
        await call('list_tables', cursor === undefined ? { limit: 7 } : { limit: 7, cursor }),
      );
      expect(page.tables.length).toBeLessThanOrEqual(7);
      seen.push(...page.tables.map((table) => table.name));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined && pages < 20);
    expect(seen).toEqual(index.inspection.tables.map((table) => table.name));
    expect(pages).toBe(Math.ceil(index.inspection.tables.length / 7));
  });

  it('refuses a cursor from another query and one that is not a cursor, and an out-of-range limit', async () => {
    const first = structuredOf<{ nextCursor: string }>(await call('list_tables', { limit: 2 }));
    const foreign = await call('list_tables', { limit: 2, filter: 'tag', cursor: first.nextCursor });
    expect(foreign.isError).toBe(true);
    expect(textOf(foreign)).toMatch(/cursor belongs to a different query/);
    expect(foreign.structuredContent).toBeUndefined();
    const garbage = await call('list_tables', { cursor: 'not-a-cursor' });
    expect(textOf(garbage)).toMatch(/cursor is not valid/);
    const badLimit = await call('list_tables', { limit: 0 });
    expect(badLimit.isError).toBe(true);
    expect(textOf(badLimit)).toMatch(/limit/);
  });
});

describe('describe_table', () => {
  it('describes a table in full with foreign keys both ways and its model', async () => {
    const result = await call('describe_table', { table: 'tags' });
    const { table, outgoing, incoming, model } = structuredOf<{
      table: Table;
      outgoing: { sqlName: string; columns: string[]; onDelete?: string }[];
      incoming: { table: string; sqlName: string; columns: string[] }[];
      model?: { file: string; usesFactory: boolean; ops: { exportName: string }[]; otherExports: string[] };
    }>(result);
    expect(table).toEqual(index.findTable('tags').table);
    expect(outgoing).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sqlName: 'tag_groups', columns: ['group_id'], onDelete: 'set null' }),
        expect.objectContaining({ sqlName: 'users', columns: ['owner_id'], onDelete: 'cascade' }),
        expect.objectContaining({ sqlName: 'tags', columns: ['parent_id'] }),
      ]),
    );
    expect(incoming.map((edge) => edge.sqlName)).toEqual(
      expect.arrayContaining(['recipe_tags', 'food_tags']),
    );
    expect(model?.file).toBe('src/models/tags.ts');
    expect(model?.usesFactory).toBe(true);
    expect(model?.ops.map((op) => op.exportName)).toContain('insertTags');
    expect(model?.otherExports).toContain('incrementTagUsage');
    const text = textOf(result);
    expect(text).toMatch(/^tags \(tags, pg\) src\/lib\/db\/schema\.tags\.ts:\d+/);
    expect(text).toContain('group_id (groupId) integer → tag_groups.id on delete set null');
    expect(text).toContain('Referenced by:');
    expect(text).not.toMatch(/^\{/);
    // Check constraints read as SQL, not as the template's source.
    expect(table.checks).toEqual([
      expect.objectContaining({ name: 'tags_color_is_hex', sql: "color ~ '^#[0-9a-f]{6}$'" }),
    ]);
    expect(text).toContain("Check tags_color_is_hex: color ~ '^#[0-9a-f]{6}$'");
    expect(text).not.toContain('${t.color}');
  });

  it("names the table's test factory and its traits", async () => {
    const result = await call('describe_table', { table: 'foods' });
    const { table } = structuredOf<{ table: Table }>(result);
    expect(table.testFactory).toMatchObject({ name: 'foodFactory', file: 'tests/factories/food.factory.ts' });
    expect(table.testFactory?.traits).toEqual(expect.arrayContaining(['processed', 'ultraProcessed', 'fat']));
    expect(textOf(result)).toMatch(
      /^Test factory: foodFactory \(tests\/factories\/food\.factory\.ts:\d+\) traits: processed, ultraProcessed, fat/m,
    );
  });

  it('finds a table by SQL name and by schema-qualified name', async () => {
    const bySql = structuredOf<{ table: Table }>(await call('describe_table', { table: 'tag_groups' }));
    expect(bySql.table.name).toBe('tagGroups');
    const qualified = index.inspection.tables.find((table) => table.schema !== undefined)!;
    const bySchema = structuredOf<{ table: Table }>(
      await call('describe_table', { table: `${qualified.schema}.${qualified.sqlName}` }),
    );
    expect(bySchema.table.name).toBe(qualified.name);
  });

  it('answers an unknown table with a close match and no structured content', async () => {
    const result = await call('describe_table', { table: 'tag' });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toMatch(/^table 'tag' not found; did you mean 'tags'/);
    const far = await call('describe_table', { table: 'zzqqxx' });
    expect(textOf(far)).toBe(
      `table 'zzqqxx' not found; call list_tables to see the ${index.inspection.tables.length} tables`,
    );
  });

  it('rejects a missing argument through input validation', async () => {
    const result = await call('describe_table', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/table/);
  });
});

describe('list_models and describe_model', () => {
  it('lists models compactly with their table, ops and importer count', async () => {
    const { models, total } = structuredOf<{
      models: { file: string; table?: string; usesFactory: boolean; ops: string[]; importerCount: number }[];
      total: number;
    }>(await call('list_models'));
    expect(total).toBe(index.inspection.models.length);
    const tags = models.find((model) => model.file === 'src/models/tags.ts')!;
    expect(tags).toMatchObject({ table: 'tags', usesFactory: true });
    expect(tags.ops).toContain('insertTags');
    expect(tags.importerCount).toBeGreaterThan(0);
    expect(models.some((model) => 'details' in model)).toBe(false);
  });

  it('adds the full model with verbose', async () => {
    const { models } = structuredOf<{ models: { details?: Model }[] }>(
      await call('list_models', { filter: 'tag-groups', verbose: true }),
    );
    expect(models[0]!.details?.ops.map((op) => op.op)).toContain('insert');
  });

  it('finds one model by file, by table and by op, with its importers', async () => {
    const byFile = structuredOf<{ model: Model; importerCount: number; table?: { sqlName: string } }>(
      await call('describe_model', { model: 'src/models/tags.ts' }),
    );
    expect(byFile.model.file).toBe('src/models/tags.ts');
    expect(byFile.model.factoryCall?.line).toBeGreaterThan(0);
    expect(byFile.model.importedBy).toContain('src/actions/tags.ts');
    expect(byFile.importerCount).toBe(byFile.model.importedBy.length);
    expect(byFile.table?.sqlName).toBe('tags');
    for (const name of ['tags', 'insertTags', './src/models/tags.ts']) {
      const other = structuredOf<{ model: Model }>(await call('describe_model', { model: name }));
      expect(other.model.file, name).toBe('src/models/tags.ts');
    }
  });

  it('answers an unknown model with a suggestion, and a path outside the root with a refusal', async () => {
    expect(textOf(await call('describe_model', { model: 'insertTag' }))).toMatch(
      /^model 'insertTag' not found; did you mean .*'insertTags'/,
    );
    expect(textOf(await call('describe_model', { model: 'src/models/tag.ts' }))).toMatch(
      /^model file 'src\/models\/tag\.ts' not found; did you mean .*'src\/models\/tags\.ts'/,
    );
    const outside = await call('describe_model', { model: '../../package.json' });
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toBe(
      "model file '../../package.json' is outside the project root; pass a path inside it",
    );
  });
});

describe('list_server_actions', () => {
  it('lists actions with their directive, model ops, db calls and redirects', async () => {
    const { actions, total } = structuredOf<{ actions: ServerAction[]; total: number }>(
      await call('list_server_actions', { limit: 200 }),
    );
    expect(total).toBe(index.inspection.actions.length);
    const createTag = actions.find((action) => action.name === 'createTag')!;
    expect(createTag).toMatchObject({
      file: 'src/actions/tags.ts',
      directive: 'module',
      exported: true,
      directDbUse: [],
      redirects: [],
    });
    expect(createTag.modelOpsCalled).toContain('insertTags');
    expect(createTag.modelFunctionsCalled).toEqual([]);
    expect(createTag).not.toHaveProperty('revalidates');
    // An action that goes through the model's business logic rather than a factory op.
    expect(actions.find((action) => action.name === 'issueInvoice')).toMatchObject({
      file: 'src/actions/billing.ts',
      modelFunctionsCalled: ['issueInvoices'],
      directDbUse: [],
    });
  });

  it('narrows to a file or folder, and adds revalidated paths with verbose', async () => {
    const result = await call('list_server_actions', { file: 'src/actions/tags.ts', verbose: true });
    const { actions } = structuredOf<{ actions: ServerAction[] }>(result);
    expect(actions.map((action) => action.name)).toEqual(['createTag', 'renameTag', 'removeTags']);
    expect(actions[0]!.revalidates).toEqual(["'/tags'"]);
    expect(textOf(result)).toMatch(
      /^3 server actions\nsrc\/actions\/tags\.ts\n {2}createTag :\d+ · calls insertTags/,
    );
    const folder = structuredOf<{ total: number }>(
      await call('list_server_actions', { file: 'src/actions' }),
    );
    expect(folder.total).toBe(
      index.inspection.actions.filter((a) => a.file.startsWith('src/actions/')).length,
    );
  });

  it('refuses a file outside the root and explains a file without actions', async () => {
    expect(textOf(await call('list_server_actions', { file: '/etc' }))).toMatch(
      /'\/etc' is outside the project root/,
    );
    expect(textOf(await call('list_server_actions', { file: 'src/models' }))).toMatch(
      /^no server actions in 'src\/models'; files with actions: src\/actions\//,
    );
  });
});

describe('find_usages', () => {
  it('finds the callers of a model op with their enclosing function and layer', async () => {
    const result = await call('find_usages', { name: 'insertTags' });
    const { definitions, usages, total } = structuredOf<{
      definitions: { kind: string; file: string }[];
      usages: Usage[];
      total: number;
    }>(result);
    expect(definitions).toEqual([
      { kind: 'model-op', name: 'insertTags', file: 'src/models/tags.ts', line: expect.any(Number) },
    ]);
    expect(usages).toContainEqual(
      expect.objectContaining({
        file: 'src/actions/tags.ts',
        enclosingFunction: 'createTag',
        layer: 'action',
      }),
    );
    expect(total).toBe(index.usagesOf('insertTags').length);
    expect(textOf(result)).toMatch(/src\/actions\/tags\.ts:\d+ in createTag \[action\]/);
  });

  it('finds a table by SQL name and narrows by layer', async () => {
    const all = structuredOf<{ usages: Usage[]; total: number }>(
      await call('find_usages', { name: 'tag_groups', limit: 200 }),
    );
    const layers = new Set(all.usages.map((usage) => usage.layer));
    expect(layers.has('schema')).toBe(true);
    const models = structuredOf<{ usages: Usage[]; total: number }>(
      await call('find_usages', { name: 'tag_groups', layer: 'model', limit: 200 }),
    );
    expect(models.usages.length).toBeGreaterThan(0);
    expect(models.usages.every((usage) => usage.layer === 'model')).toBe(true);
    expect(models.total).toBe(all.usages.filter((usage) => usage.layer === 'model').length);
  });

  it('answers an unknown name with a close match', async () => {
    const result = await call('find_usages', { name: 'insertTag' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^table, model op or server action 'insertTag' not found; did you mean .*'insertTags'/,
    );
  });
});

describe('check_conventions', () => {
  let project: TempProject;
  let violations: Connection;

  beforeAll(async () => {
    // A project that breaks conventions on purpose: an action that redirects and calls the db directly,
    // and a table without a model.
    project = createTempProject();
    project.write(
      'src/lib/db/schema.ts',
      [
        "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
        "export const items = pgTable('items', { id: integer().primaryKey(), name: text().notNull() });",
        "export const orphans = pgTable('orphans', { id: integer().primaryKey() });",
        '',
      ].join('\n'),
    );
    project.write(
      'src/actions/orphans.ts',
      [
        "'use server';",
        "import { redirect } from 'next/navigation';",
        "import { db } from '@/lib/db';",
        "import { orphans } from '@/lib/db/schema';",
        'export async function addOrphan() {',
        '  await db.insert(orphans).values({ id: 1 });',
        "  redirect('/orphans');",
        '}',
        '',
      ].join('\n'),
    );
    violations = await connect({ root: project.root });
  });

  afterAll(async () => {
    await violations.close();
    project.remove();
  });

  it('reports the plugin rules and the structure checks, with counts per rule', async () => {
    const result = await violations.client.callTool({ name: 'check_conventions', arguments: {} });
    const { findings, byRule, total } = structuredOf<{
      findings: { rule: string; file: string; line: number }[];
      byRule: { rule: string; count: number }[];
      total: number;
    }>(result);
    const rules = new Set(findings.map((finding) => finding.rule));
    expect(rules).toContain('many-first/no-redirect-in-server-actions');
    expect(rules).toContain('many-first/no-db-in-server-actions');
    expect(rules).toContain('structure/table-without-model');
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'many-first/no-redirect-in-server-actions',
        file: 'src/actions/orphans.ts',
        line: 7,
      }),
    );
    expect(byRule.reduce((sum, entry) => sum + entry.count, 0)).toBe(total);
    expect(textOf(result)).toMatch(
      /src\/actions\/orphans\.ts:7(:\d+)? error many-first\/no-redirect-in-server-actions/,
    );
  });

  it('filters by rule (with or without the prefix), severity and file', async () => {
    const byShortName = structuredOf<{ findings: { rule: string }[] }>(
      await violations.client.callTool({
        name: 'check_conventions',
        arguments: { rules: ['no-redirect-in-server-actions'] },
      }),
    );
    expect(byShortName.findings.length).toBeGreaterThan(0);
    expect(new Set(byShortName.findings.map((finding) => finding.rule))).toEqual(
      new Set(['many-first/no-redirect-in-server-actions']),
    );
    const warnings = structuredOf<{ findings: { severity: string }[] }>(
      await violations.client.callTool({ name: 'check_conventions', arguments: { severity: 'warning' } }),
    );
    expect(warnings.findings.every((finding) => finding.severity === 'warning')).toBe(true);
    const inSchema = structuredOf<{ findings: { file: string }[] }>(
      await violations.client.callTool({ name: 'check_conventions', arguments: { file: 'src/lib/db' } }),
    );
    expect(inSchema.findings.every((finding) => finding.file.startsWith('src/lib/db/'))).toBe(true);
  });

  it('answers an unknown rule with a close match', async () => {
    const result = await violations.client.callTool({
      name: 'check_conventions',
      arguments: { rules: ['no-redirects-in-server-action'] },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^rule 'no-redirects-in-server-action' not found; did you mean 'many-first\/no-redirect-in-server-actions'/,
    );
  });

  it('finds nothing to report on the fixture, which follows every convention', async () => {
    const { total } = structuredOf<{ total: number }>(await call('check_conventions'));
    expect(total).toBe(0);
  });
});

describe('test factories', () => {
  const factoryFile = [
    "import { defineFactory } from 'many-first/test-factory';",
    "import { items as itemTable } from '@/lib/db/schema';",
    "import { insertItems } from '@/models/items';",
    '',
    'const itemFactory = defineFactory(itemTable, {',
    '  insert: insertItems,',
    '  defaults: ({ sequence }) => ({ name: `Item ${sequence}` }),',
    "  traits: { processed: { name: 'processed' }, 'long-name': () => ({ name: 'x'.repeat(80) }), ...{} },",
    '});',
    'export { itemFactory as items };',
    '',
  ].join('\n');
  const twoMoreModelledTables = {
    'src/lib/db/schema.ts': [
      "import { integer, pgTable, text } from 'drizzle-orm/pg-core';",
      "export const items = pgTable('items', { id: integer().primaryKey(), name: text().notNull() });",
      "export const notes = pgTable('notes', { id: integer().primaryKey() });",
      "export const labels = pgTable('labels', { id: integer().primaryKey() });",
      '',
    ].join('\n'),
    ...Object.fromEntries(
      ['notes', 'labels'].map((name) => [
        `src/models/${name}.ts`,
        [
          "import { db } from '@/lib/db';",
          `import { ${name} } from '@/lib/db/schema';`,
          "import { createModelFactory } from '@/lib/models';",
          `export const { insert: insert${name} } = createModelFactory(db, '${name}', ${name});`,
          '',
        ].join('\n'),
      ]),
    ),
  };
  let project: TempProject;
  let connection: Connection;

  beforeAll(async () => {
    project = createTempProject({
      ...SMALL_PROJECT,
      ...twoMoreModelledTables,
      'tests/factories/item.factory.ts': factoryFile,
    });
    connection = await connect({ root: project.root });
  });

  afterAll(async () => {
    await connection.close();
    project.remove();
  });

  it('resolves the factory to its table through an aliased import and reads its trait names', async () => {
    const result = await connection.client.callTool({
      name: 'describe_table',
      arguments: { table: 'items' },
    });
    const { table } = structuredOf<{ table: Table }>(result);
    expect(table.testFactory).toEqual({
      name: 'items',
      file: 'tests/factories/item.factory.ts',
      line: 5,
      traits: ['processed', 'long-name'],
    });
    expect(textOf(result)).toContain(
      'Test factory: items (tests/factories/item.factory.ts:5) traits: processed, long-name',
    );
    const notes = structuredOf<{ table: Table }>(
      await connection.client.callTool({ name: 'describe_table', arguments: { table: 'notes' } }),
    );
    expect(notes.table.model).toBe('src/models/notes.ts');
    expect(notes.table.testFactory).toBeUndefined();
  });

  it('suggests test factories once, listing every modelled table without one', async () => {
    const result = await connection.client.callTool({ name: 'check_conventions', arguments: {} });
    const { findings } = structuredOf<{ findings: Finding[] }>(result);
    const suggestions = findings.filter((finding) => finding.rule === 'structure/model-without-test-factory');
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({ severity: 'suggestion', file: 'src/lib/db/schema.ts' });
    expect(suggestions[0]!.message).toMatch(/^2 tables with a model have no test factory: notes, labels;/);
    expect(textOf(result)).toMatch(
      /src\/lib\/db\/schema\.ts:\d+ suggestion structure\/model-without-test-factory/,
    );
    const bySeverity = structuredOf<{ findings: Finding[] }>(
      await connection.client.callTool({ name: 'check_conventions', arguments: { severity: 'suggestion' } }),
    );
    expect(bySeverity.findings.map((finding) => finding.rule)).toEqual([
      'structure/model-without-test-factory',
    ]);
  });

  it('counts the suggestion apart from errors and warnings in project_overview', async () => {
    const result = await connection.client.callTool({ name: 'project_overview', arguments: {} });
    const { health } = structuredOf<{ health: { rule: string; suggestions?: number }[] }>(result);
    expect(health).toContainEqual({
      rule: 'structure/model-without-test-factory',
      errors: 0,
      warnings: 0,
      suggestions: 1,
    });
    expect(textOf(result)).toContain(
      '  structure/model-without-test-factory: 0 errors, 0 warnings, 1 suggestion',
    );
  });

  it('stays quiet in a project that writes no test factories', async () => {
    const bare = createTempProject({ ...SMALL_PROJECT, ...twoMoreModelledTables });
    const bareConnection = await connect({ root: bare.root });
    try {
      const { findings } = structuredOf<{ findings: Finding[] }>(
        await bareConnection.client.callTool({
          name: 'check_conventions',
          arguments: { rules: ['model-without-test-factory'] },
        }),
      );
      expect(findings).toEqual([]);
    } finally {
      await bareConnection.close();
      bare.remove();
    }
  });
});

describe('lint_code', () => {
  const redirecting = [
    "'use server';",
    "import { redirect } from 'next/navigation';",
    'export async function go() {',
    "  redirect('/');",
    '}',
    '',
  ].join('\n');

  it('applies the server-action rules under the actions folder', async () => {
    const result = await call('lint_code', { code: redirecting, filename: 'src/actions/go.ts' });
    const answer = structuredOf<{
      filename: string;
      rules: string[];
      messages: { ruleId?: string; line: number }[];
      errorCount: number;
    }>(result);
    expect(answer.filename).toBe('src/actions/go.ts');
    expect(answer.rules).toContain('many-first/no-redirect-in-server-actions');
    expect(answer.rules).toContain('many-first/require-use-server');
    expect(answer.messages).toContainEqual(
      expect.objectContaining({ ruleId: 'many-first/no-redirect-in-server-actions', line: 4 }),
    );
    expect(answer.errorCount).toBeGreaterThan(0);
    expect(textOf(result)).toMatch(/^src\/actions\/go\.ts: \d+ errors?, 0 warnings/);
  });

  it('leaves a Server Component that redirects alone, and passes clean code', async () => {
    const component = [
      "import { redirect } from 'next/navigation';",
      'export default function Page() {',
      "  redirect('/login');",
      '}',
      '',
    ].join('\n');
    const page = structuredOf<{ messages: unknown[]; rules: string[] }>(
      await call('lint_code', { code: component, filename: 'src/app/page.tsx' }),
    );
    // The rule runs on all source (inline 'use server' functions live anywhere) but flags only server code;
    // require-use-server runs there too, for directives Next.js would ignore, and finds none here.
    expect(page.messages).toEqual([]);
    expect(page.rules).toContain('many-first/no-redirect-in-server-actions');
    expect(page.rules).toContain('many-first/require-use-server');
    const misplaced = structuredOf<{ messages: { ruleId?: string; line: number }[] }>(
      await call('lint_code', {
        code: ["import { useState } from 'react';", "'use client';", 'export const x = useState;', ''].join(
          '\n',
        ),
        filename: 'src/app/widget.tsx',
      }),
    );
    expect(misplaced.messages).toMatchObject([{ ruleId: 'many-first/require-use-server', line: 2 }]);
    const clean = [
      "'use server';",
      "import { insertTags } from '@/models/tags';",
      'export async function addTag(name: string) {',
      '  const [tag] = await insertTags([{ name, slug: name }]);',
      '  return { success: true, tag };',
      '}',
      '',
    ].join('\n');
    const action = structuredOf<{ messages: unknown[] }>(
      await call('lint_code', { code: clean, filename: 'src/actions/tags-extra.ts' }),
    );
    expect(action.messages).toEqual([]);
  });

  it('reports a syntax error as a fatal message', async () => {
    const { messages } = structuredOf<{ messages: { fatal?: boolean; ruleId?: string; line: number }[] }>(
      await call('lint_code', { code: 'export const = ;', filename: 'src/lib/broken.ts' }),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ fatal: true, line: 1 });
    expect(messages[0]!.ruleId).toBeUndefined();
  });

  it('refuses a file name outside the root or naming the root', async () => {
    const outside = await call('lint_code', { code: 'export {};', filename: '../elsewhere/x.ts' });
    expect(textOf(outside)).toMatch(/^filename '\.\.\/elsewhere\/x\.ts' is outside the project root/);
    expect(textOf(await call('lint_code', { code: 'export {};', filename: '.' }))).toMatch(
      /names the project root/,
    );
  });
});

describe('schema_diagram', () => {
  it('draws the whole schema as a Mermaid erDiagram with keys and relationships', async () => {
    const result = await call('schema_diagram');
    const diagram = structuredOf<{
      mermaid: string;
      tables: string[];
      relationships: number;
      omitted: number;
      columns: string;
    }>(result);
    expect(diagram.mermaid.startsWith('erDiagram\n')).toBe(true);
    expect(diagram.tables).toHaveLength(Math.min(40, index.inspection.tables.length));
    expect(diagram.omitted).toBe(Math.max(0, index.inspection.tables.length - 40));
    expect(diagram.mermaid).toContain('  tag_groups |o--o{ tags : "group_id"');
    expect(diagram.mermaid).toContain('  tags ||--o{ recipe_tags : "tag_id"');
    expect(diagram.mermaid).toMatch(/ {2}tags \{\n {4}integer id PK\n/);
    expect(diagram.relationships).toBe(
      diagram.mermaid.split('\n').filter((line) => /--|\.\./.test(line)).length,
    );
    expect(textOf(result)).toContain('```mermaid\nerDiagram');
  });

  it('draws a table and its neighbours, keys only when asked', async () => {
    const diagram = structuredOf<{ mermaid: string; tables: string[]; columns: string }>(
      await call('schema_diagram', { table: 'tags', depth: 1, columns: 'keys' }),
    );
    expect(diagram.tables.sort()).toEqual(['food_tags', 'recipe_tags', 'tag_groups', 'tags', 'users']);
    expect(diagram.columns).toBe('keys');
    expect(diagram.mermaid).not.toContain(' slug');
    expect(diagram.mermaid).toContain('integer group_id FK');
    const wider = structuredOf<{ tables: string[] }>(
      await call('schema_diagram', { table: 'tags', depth: 2 }),
    );
    expect(wider.tables.length).toBeGreaterThan(diagram.tables.length);
  });

  it('answers an unknown table with a close match and rejects a depth out of range', async () => {
    expect(textOf(await call('schema_diagram', { table: 'tagz' }))).toMatch(
      /^table 'tagz' not found; did you mean 'tags'/,
    );
    expect((await call('schema_diagram', { table: 'tags', depth: 9 })).isError).toBe(true);
  });
});

describe('answer size', () => {
  it('keeps every answer on the fixture far below the 25k-token cap clients put on a tool result', async () => {
    const tableNames = index.inspection.tables.map((table) => table.name);
    const calls: [string, Record<string, unknown>][] = [
      ['project_overview', {}],
      ['list_tables', { verbose: true, limit: 200 }],
      ['list_models', { verbose: true, limit: 200 }],
      ['list_server_actions', { verbose: true, limit: 200 }],
      ['check_conventions', { limit: 200 }],
      ['schema_diagram', {}],
      ['schema_diagram', { table: 'users', depth: 3 }],
      ...tableNames.map((table): [string, Record<string, unknown>] => ['describe_table', { table }]),
      ...tableNames.map((name): [string, Record<string, unknown>] => ['find_usages', { name, limit: 200 }]),
    ];
    let largest = { name: '', characters: 0 };
    for (const [name, args] of calls) {
      const result = await call(name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}: ${textOf(result)}`).toBeFalsy();
      // What a client passes on: the text and the structured JSON.
      const characters = textOf(result).length + JSON.stringify(result.structuredContent).length;
      if (characters > largest.characters) largest = { name: `${name} ${JSON.stringify(args)}`, characters };
    }
    // About 4 characters per token: 60,000 characters is some 15k tokens, with room to spare under 25k.
    expect(largest.characters).toBeLessThan(60_000);
    console.info(
      `largest answer on fixtures/app: ${largest.name}, ${largest.characters} characters (~${Math.round(largest.characters / 4)} tokens)`,
    );
  });
});
