/**
 * The rest of the protocol over an in-memory transport: resources (skill and tables), prompts, completion,
 * client roots, progress notifications and logging.
 */
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CallToolResultSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  type LoggingMessageNotification,
  type Progress,
  type Root,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject, type ProjectIndex } from '../../../mcp-server/project/project-index.js';
import { connect, type Connection } from './connect.js';
import {
  createTempProject,
  FIXTURE_APP,
  REPO_ROOT,
  structuredOf,
  textOf,
  type TempProject,
} from './projects.js';

const SKILL = join(REPO_ROOT, 'skills', 'backend-developer');

let connection: Connection;
let index: ProjectIndex;

beforeAll(async () => {
  connection = await connect({ root: FIXTURE_APP });
  index = await openProject(FIXTURE_APP);
});

afterAll(async () => {
  await connection.close();
});

describe('resources', () => {
  it('lists SKILL.md, every reference on disk, and one resource per table', async () => {
    const { resources } = await connection.client.listResources();
    const uris = resources.map((resource) => resource.uri);
    const references = readdirSync(join(SKILL, 'references')).filter((name) => name.endsWith('.md'));
    expect(uris).toContain('many-first://skill/SKILL.md');
    for (const reference of references) expect(uris).toContain(`many-first://skill/references/${reference}`);
    const tables = resources.filter((resource) => resource.uri.startsWith('many-first://tables/'));
    expect(tables.map((resource) => resource.name)).toEqual(
      index.inspection.tables.map((table) => table.name),
    );
    expect(tables.every((resource) => resource.mimeType === 'application/json')).toBe(true);
  });

  it('serves the skill files as they are on disk', async () => {
    const skill = await connection.client.readResource({ uri: 'many-first://skill/SKILL.md' });
    expect(skill.contents[0]).toMatchObject({
      mimeType: 'text/markdown',
      text: readFileSync(join(SKILL, 'SKILL.md'), 'utf8'),
    });
    const [reference] = readdirSync(join(SKILL, 'references')).filter((name) => name.endsWith('.md'));
    const read = await connection.client.readResource({ uri: `many-first://skill/references/${reference}` });
    expect((read.contents[0] as { text: string }).text).toBe(
      readFileSync(join(SKILL, 'references', reference!), 'utf8'),
    );
  });

  it("serves a table as describe_table's structured content, by TS or SQL name", async () => {
    const described = structuredOf(
      await connection.client.callTool({ name: 'describe_table', arguments: { table: 'tags' } }),
    );
    for (const name of ['tags', 'tag_groups']) {
      const read = await connection.client.readResource({ uri: `many-first://tables/${name}` });
      const json = JSON.parse((read.contents[0] as { text: string }).text) as { table: { name: string } };
      if (name === 'tags') expect(json).toEqual(described);
      else expect(json.table.name).toBe('tagGroups');
    }
  });

  it('answers an unknown table resource with an error that suggests the name', async () => {
    await expect(connection.client.readResource({ uri: 'many-first://tables/tagz' })).rejects.toThrow(
      /table 'tagz' not found; did you mean 'tags'/,
    );
  });

  it('offers the table template and completes its name from TS and SQL names', async () => {
    const { resourceTemplates } = await connection.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toContain('many-first://tables/{name}');
    const { completion } = await connection.client.complete({
      ref: { type: 'ref/resource', uri: 'many-first://tables/{name}' },
      argument: { name: 'name', value: 'tag' },
    });
    expect(completion.values).toEqual(['tagGroups', 'tags', 'tag_groups']);
  });
});

describe('prompts', () => {
  it('lists the three task prompts with their arguments', async () => {
    const { prompts } = await connection.client.listPrompts();
    expect(
      prompts.map((prompt) => [prompt.name, prompt.arguments?.map((argument) => argument.name)]),
    ).toEqual([
      ['new-model', ['table']],
      ['new-server-action', ['name', 'table']],
      ['add-database-field', ['table', 'field', 'type']],
    ]);
    const fieldPrompt = prompts.find((prompt) => prompt.name === 'add-database-field')!;
    expect(fieldPrompt.arguments?.find((argument) => argument.name === 'type')?.required).toBe(false);
  });

  it("assembles new-model from the skill's recipe and the table's facts", async () => {
    const prompt = await connection.client.getPrompt({
      name: 'new-model',
      arguments: { table: 'tag_groups' },
    });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(prompt.messages[0]!.role).toBe('user');
    expect(text).toMatch(
      /^Create the many-first model module for the Drizzle table `tagGroups` \(SQL `tag_groups`\)/,
    );
    expect(text).toContain('Its model is src/models/tag-groups.ts');
    expect(text).toContain('Steps from the skill (many-first://skill/SKILL.md)');
    expect(text).toMatch(/### New table and its model/);
    expect(text).toContain('lint_code');
  });

  it('assembles new-server-action with the model ops and the action file of the table', async () => {
    const prompt = await connection.client.getPrompt({
      name: 'new-server-action',
      arguments: { name: 'archiveTag', table: 'tags' },
    });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('Write the server action `archiveTag` for the table `tags`.');
    expect(text).toContain('insertTags');
    expect(text).toContain('Actions on tags already live in src/actions/tags.ts');
    expect(text).toMatch(/### New server action/);
  });

  it('assembles add-database-field with the code that uses the table, and refuses an existing column', async () => {
    const prompt = await connection.client.getPrompt({
      name: 'add-database-field',
      arguments: { table: 'tags', field: 'archivedAt', type: 'timestamp, nullable' },
    });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('Add the field `archivedAt` (timestamp, nullable) to the Drizzle table `tags`');
    expect(text).toMatch(/ {2}- action: src\/actions\/tags\.ts/);
    expect(text).toMatch(/### New database field/);
    await expect(
      connection.client.getPrompt({
        name: 'add-database-field',
        arguments: { table: 'tags', field: 'slug' },
      }),
    ).rejects.toThrow(/table 'tags' already has the column 'slug'/);
  });

  it('answers an unknown table with a suggestion', async () => {
    await expect(
      connection.client.getPrompt({ name: 'new-model', arguments: { table: 'tagz' } }),
    ).rejects.toThrow(/table 'tagz' not found; did you mean 'tags'/);
  });

  it('completes table names for every prompt that takes one', async () => {
    for (const name of ['new-model', 'new-server-action', 'add-database-field']) {
      const { completion } = await connection.client.complete({
        ref: { type: 'ref/prompt', name },
        argument: { name: 'table', value: 'recipe' },
      });
      expect(completion.values, name).toEqual(
        expect.arrayContaining(['recipes', 'recipeTags', 'recipe_tags']),
      );
      expect(
        completion.values.every((value) => value.toLowerCase().startsWith('recipe')),
        name,
      ).toBe(true);
    }
  });
});

describe('roots', () => {
  let other: TempProject;

  beforeAll(() => {
    other = createTempProject();
  });

  afterAll(() => other.remove());

  it("uses the client's root without an explicit one, and follows roots/list_changed", async () => {
    let roots: Root[] = [
      { uri: 'file:///no/such/folder/anywhere', name: 'gone' },
      { uri: pathToFileURL(FIXTURE_APP).href, name: 'app' },
    ];
    const messages: LoggingMessageNotification['params'][] = [];
    const client = await connect(
      { cwd: other.root },
      {
        capabilities: { roots: { listChanged: true } },
        setup: (instance) => {
          instance.setRequestHandler(ListRootsRequestSchema, () => ({ roots }));
          instance.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
            messages.push(notification.params);
          });
        },
      },
    );
    try {
      const first = structuredOf<{ root: string }>(
        await client.client.callTool({ name: 'project_overview', arguments: {} }),
      );
      expect(first.root).toBe(FIXTURE_APP);
      expect(messages).toContainEqual(
        expect.objectContaining({ level: 'info', data: `project root from the client: ${FIXTURE_APP}` }),
      );

      roots = [{ uri: pathToFileURL(other.root).href, name: 'other' }];
      await client.client.sendRootsListChanged();
      const second = structuredOf<{ root: string; counts: { tables: number } }>(
        await client.client.callTool({ name: 'project_overview', arguments: {} }),
      );
      expect(second.root).toBe(other.root);
      expect(second.counts.tables).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('ignores client roots when the root is explicit, and falls back to cwd without roots', async () => {
    const explicit = await connect(
      { root: other.root, cwd: FIXTURE_APP },
      {
        capabilities: { roots: {} },
        setup: (instance) =>
          instance.setRequestHandler(ListRootsRequestSchema, () => ({
            roots: [{ uri: pathToFileURL(FIXTURE_APP).href }],
          })),
      },
    );
    const withoutRoots = await connect({ cwd: other.root });
    try {
      const answer = structuredOf<{ root: string }>(
        await explicit.client.callTool({ name: 'project_overview', arguments: {} }),
      );
      expect(answer.root).toBe(other.root);
      const fallback = structuredOf<{ root: string }>(
        await withoutRoots.client.callTool({ name: 'project_overview', arguments: {} }),
      );
      expect(fallback.root).toBe(realpathSync(other.root));
    } finally {
      await explicit.close();
      await withoutRoots.close();
    }
  });

  it('falls back to cwd when no client root is a local folder, and says so in the log', async () => {
    const client = await connect(
      { cwd: other.root },
      {
        capabilities: { roots: {} },
        setup: (instance) =>
          instance.setRequestHandler(ListRootsRequestSchema, () => ({
            roots: [{ uri: 'file:///no/such/folder/anywhere' }],
          })),
      },
    );
    try {
      const answer = structuredOf<{ root: string }>(
        await client.client.callTool({ name: 'project_overview', arguments: {} }),
      );
      expect(answer.root).toBe(other.root);
      expect(client.logs.some((line) => /none of the client's roots is a local directory/.test(line))).toBe(
        true,
      );
    } finally {
      await client.close();
    }
  });

  it('uses cwd without a warning when the client sends no roots at all', async () => {
    const client = await connect(
      { cwd: other.root },
      {
        capabilities: { roots: {} },
        setup: (instance) => instance.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [] })),
      },
    );
    try {
      const answer = structuredOf<{ root: string }>(
        await client.client.callTool({ name: 'project_overview', arguments: {} }),
      );
      expect(answer.root).toBe(other.root);
      expect(client.logs.filter((line) => /roots/.test(line))).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe('progress and errors of the root', () => {
  it('sends progress notifications with the request token while a new index builds', async () => {
    const project = createTempProject();
    for (let file = 0; file < 40; file += 1) {
      project.write(`src/lib/util-${file}.ts`, `export const value${file} = ${file};\n`);
    }
    const client = await connect({ root: project.root });
    try {
      const progress: Progress[] = [];
      const result = await client.client.callTool(
        { name: 'list_tables', arguments: {} },
        CallToolResultSchema,
        { onprogress: (update) => progress.push(update) },
      );
      expect(result.isError).toBeFalsy();
      expect(progress.length).toBeGreaterThan(0);
      const last = progress.at(-1)!;
      expect(last.progress).toBe(last.total);
      expect(last.total).toBeGreaterThanOrEqual(44);
      for (let step = 1; step < progress.length; step += 1) {
        expect(progress[step]!.progress).toBeGreaterThan(progress[step - 1]!.progress);
      }
    } finally {
      await client.close();
      project.remove();
    }
  });

  it('answers every tool with an error, not a crash, when the root does not exist', async () => {
    const client = await connect({ root: join(FIXTURE_APP, 'no-such-folder') });
    try {
      const result = await client.client.callTool({ name: 'list_tables', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/project root '.*no-such-folder' does not exist/);
      await expect(client.client.listTools()).resolves.toBeDefined();
    } finally {
      await client.close();
    }
  });

  it('reports a malformed many-first.config.json as an error naming the file', async () => {
    const project = createTempProject();
    project.write('many-first.config.json', '{ "models": ');
    const client = await connect({ root: project.root });
    try {
      const result = await client.client.callTool({ name: 'project_overview', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/many-first\.config\.json is not valid JSON/);
    } finally {
      await client.close();
      project.remove();
    }
  });
});
