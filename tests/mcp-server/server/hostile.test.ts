/**
 * Hostile input: paths that escape the root (../, absolute, through symlinks), NUL bytes, unknown names, a
 * schema file that does not parse, a 5 MB generated schema and 100 concurrent calls. Each call gets a result
 * or an error, nothing outside the root reaches an answer, and the server keeps serving.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from './connect.js';
import { createTempProject, structuredOf, textOf, type TempProject } from './projects.js';

/** A marker that only the files outside the root contain. */
const SECRET = 'TOP_SECRET_OUTSIDE_THE_ROOT';

let project: TempProject;
let outside: string;
let connection: Connection;
/** Every answer the server gave in this file, to check that nothing from outside leaked into one. */
const answers: string[] = [];

async function call(name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  const result = (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
  answers.push(textOf(result), JSON.stringify(result.structuredContent ?? {}));
  return result;
}

beforeAll(async () => {
  project = createTempProject();
  outside = join(project.base, 'outside');
  mkdirSync(outside);
  const secretSchema = [
    "import { integer, pgTable } from 'drizzle-orm/pg-core';",
    `// ${SECRET}`,
    `export const ${SECRET.toLowerCase()} = pgTable('${SECRET.toLowerCase()}', { id: integer().primaryKey() });`,
    '',
  ].join('\n');
  writeFileSync(join(outside, 'schema.secret.ts'), secretSchema);
  writeFileSync(join(outside, 'model.ts'), `export const ${SECRET} = 1;\n`);
  // Inside the root, pointing out: a schema file the schema glob matches, and a whole folder of models.
  symlinkSync(join(outside, 'schema.secret.ts'), join(project.root, 'src/lib/db/schema.secret.ts'));
  symlinkSync(outside, join(project.root, 'src/models/linked'));
  project.write(
    'src/lib/db/schema.broken.ts',
    [
      "import { pgTable, text } from 'drizzle-orm/pg-core';",
      '',
      "export const broken = pgTable('broken', {",
      '  name: text(',
      '',
      '',
    ].join('\n'),
  );
  connection = await connect({ root: project.root });
});

afterAll(async () => {
  await connection.close();
  project.remove();
});

describe('paths outside the root', () => {
  const escapes = ['../outside/model.ts', 'src/../../outside/model.ts', '/etc/passwd'];

  it('refuses ../ and absolute paths in every tool that takes a path', async () => {
    for (const path of escapes) {
      const results = [
        await call('describe_model', { model: path }),
        await call('list_server_actions', { file: path }),
        await call('check_conventions', { file: path }),
        await call('lint_code', { code: 'export {};', filename: path }),
      ];
      for (const result of results) {
        expect(result.isError, path).toBe(true);
        expect(textOf(result), path).toMatch(/is outside the project root; pass a path inside it$/);
        expect(result.structuredContent).toBeUndefined();
      }
    }
  });

  it('refuses a path through a symlink that points outside, even for a file that does not exist yet', async () => {
    for (const path of [
      'src/models/linked/model.ts',
      'src/models/linked/new-file.ts',
      'src/lib/db/schema.secret.ts',
    ]) {
      const result = await call('lint_code', { code: 'export {};', filename: path });
      expect(textOf(result), path).toMatch(
        /resolves through a symbolic link to a place outside the project root/,
      );
    }
    const model = await call('describe_model', { model: 'src/models/linked/model.ts' });
    expect(textOf(model)).toMatch(/symbolic link/);
  });

  it('never indexes what a symlink inside the root points at', async () => {
    // schema.broken.ts still yields its table: TypeScript's parser recovers from the syntax error.
    const tables = structuredOf<{ tables: { name: string }[] }>(await call('list_tables'));
    expect(tables.tables.map((table) => table.name).sort()).toEqual(['broken', 'items']);
    const overview = structuredOf<{ diagnostics: { file: string; message: string }[] }>(
      await call('project_overview'),
    );
    expect(overview.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(
      expect.arrayContaining(['src/lib/db/schema.secret.ts', 'src/models/linked']),
    );
    // Asked by the name defined only outside: an unknown name. Its echo in the error is the caller's own
    // words, so this answer stays out of the leak check below.
    const usages = (await connection.client.callTool({
      name: 'find_usages',
      arguments: { name: SECRET },
    })) as CallToolResult;
    expect(usages.isError).toBe(true);
    expect(textOf(usages)).toMatch(/not found/);
    expect(textOf(usages).replaceAll(`'${SECRET}'`, '')).not.toContain(SECRET);
    await call('schema_diagram');
    await call('list_models', { verbose: true });
  });

  it('refuses NUL bytes in paths and answers NUL bytes in names as unknown names', async () => {
    expect(textOf(await call('describe_model', { model: 'src/models/items.ts\0.png' }))).toBe(
      'model file contains a NUL byte',
    );
    expect(textOf(await call('lint_code', { code: 'export {};', filename: 'src/a\0.ts' }))).toBe(
      'filename contains a NUL byte',
    );
    const table = await call('describe_table', { table: 'items\0' });
    expect(table.isError).toBe(true);
    expect(textOf(table)).toMatch(/^table 'items\0' not found; did you mean 'items'\?$/);
    expect(structuredOf<{ total: number }>(await call('list_tables', { filter: '\0' })).total).toBe(0);
  });
});

describe('broken and unknown input', () => {
  it('lists a schema file with a syntax error in diagnostics and answers from the rest', async () => {
    const overview = structuredOf<{ diagnostics: { file: string; line: number; message: string }[] }>(
      await call('project_overview'),
    );
    expect(overview.diagnostics).toContainEqual({
      file: 'src/lib/db/schema.broken.ts',
      line: expect.any(Number),
      message: expect.stringMatching(/syntax error/),
    });
    const items = structuredOf<{ table: { name: string } }>(await call('describe_table', { table: 'items' }));
    expect(items.table.name).toBe('items');
  });

  it('answers unknown names, unknown tools and wrong argument types with errors', async () => {
    expect(textOf(await call('describe_table', { table: 'item' }))).toBe(
      "table 'item' not found; did you mean 'items'?",
    );
    // An unknown tool is a protocol error (JSON-RPC -32602), as the specification says, not a tool result.
    await expect(call('drop_tables')).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(/drop_tables not found/),
    });
    const wrongType = await call('list_tables', { limit: 'fifty', verbose: 'yes' });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(/Input validation error/);
    const huge = await call('describe_table', { table: 'x'.repeat(10_000) });
    expect(huge.isError).toBe(true);
  });

  it('answers 100 concurrent calls, each with a result or an error, and keeps serving', async () => {
    const requests: [string, Record<string, unknown>][] = [];
    for (let i = 0; i < 100; i += 1) {
      const variants: [string, Record<string, unknown>][] = [
        ['list_tables', { limit: 1 + (i % 5) }],
        ['describe_table', { table: i % 2 === 0 ? 'items' : `missing_${i}` }],
        ['find_usages', { name: 'insertItems' }],
        ['describe_model', { model: i % 3 === 0 ? '../escape.ts' : 'items' }],
        ['schema_diagram', { table: 'items' }],
        ['check_conventions', {}],
        ['lint_code', { code: `export const value${i} = ${i};\n`, filename: `src/lib/value-${i}.ts` }],
        ['project_overview', {}],
        ['list_server_actions', { filter: 'item' }],
        ['list_models', {}],
      ];
      requests.push(variants[i % variants.length]!);
    }
    const results = await Promise.all(requests.map(([name, args]) => call(name, args)));
    for (const [position, result] of results.entries()) {
      const [name, args] = requests[position]!;
      const label = `${name} ${JSON.stringify(args)}`;
      if (result.isError) {
        expect(result.structuredContent, label).toBeUndefined();
        expect(textOf(result), label).toMatch(/not found|outside the project root/);
      } else {
        expect(result.structuredContent, label).toBeDefined();
      }
    }
    expect(results.filter((result) => result.isError).length).toBe(
      requests.filter(
        ([name, args]) =>
          (name === 'describe_table' && args.table !== 'items') ||
          (name === 'describe_model' && args.model !== 'items'),
      ).length,
    );
    const after = await call('describe_table', { table: 'items' });
    expect(structuredOf<{ table: { name: string } }>(after).table.name).toBe('items');
  });

  it('put nothing from outside the root into any answer', () => {
    expect(answers.length).toBeGreaterThan(100);
    for (const answer of answers) {
      expect(answer).not.toContain(SECRET);
      expect(answer.toLowerCase()).not.toContain(SECRET.toLowerCase());
      expect(answer).not.toContain(outside);
    }
  });
});

describe('a 5 MB generated schema', () => {
  const TABLES = 2_600;
  let big: TempProject;
  let client: Connection;

  /** A table with 25 columns and a foreign key to the one before it: about 2 kB of source. */
  function generatedTable(n: number): string {
    const id = String(n).padStart(4, '0');
    const columns = ['  id: integer().primaryKey().generatedAlwaysAsIdentity(),'];
    if (n > 0)
      columns.push(`  previousId: integer().references(() => table${String(n - 1).padStart(4, '0')}.id),`);
    for (let column = 0; column < 23; column += 1) {
      columns.push(
        `  field${column}: varchar('field_${column}_of_${id}', { length: 255 }).notNull().default(''),`,
      );
    }
    return [`export const table${id} = pgTable('table_${id}', {`, ...columns, '});', ''].join('\n');
  }

  beforeAll(async () => {
    big = createTempProject();
    const parts = ["import { integer, pgTable, varchar } from 'drizzle-orm/pg-core';", ''];
    for (let n = 0; n < TABLES; n += 1) parts.push(generatedTable(n));
    const source = parts.join('\n');
    expect(source.length).toBeGreaterThan(5_000_000);
    big.write('src/lib/db/schema.ts', source);
    client = await connect({ root: big.root });
  });

  afterAll(async () => {
    await client.close();
    big.remove();
  });

  it('indexes it and answers within the size caps', async () => {
    const tool = async (name: string, args: Record<string, unknown> = {}) => {
      const result = await client.client.callTool({ name, arguments: args });
      const size = textOf(result).length + JSON.stringify(result.structuredContent ?? {}).length;
      expect(size, name).toBeLessThan(60_000);
      return result;
    };
    const list = structuredOf<{ total: number; tables: unknown[]; nextCursor?: string }>(
      await tool('list_tables', { verbose: true }),
    );
    expect(list.total).toBe(TABLES);
    expect(list.nextCursor).toBeDefined();
    const last = structuredOf<{ table: { columns: unknown[] }; outgoing: { sqlName: string }[] }>(
      await tool('describe_table', { table: `table${TABLES - 1}` }),
    );
    expect(last.table.columns).toHaveLength(25);
    expect(last.outgoing[0]!.sqlName).toBe(`table_${String(TABLES - 2).padStart(4, '0')}`);
    const diagram = structuredOf<{ tables: string[]; omitted: number }>(await tool('schema_diagram'));
    expect(diagram.tables).toHaveLength(40);
    expect(diagram.omitted).toBe(TABLES - 40);
  });
});
