/**
 * The MCP server on the hostile corpus (hostile-corpus.ts), started as an editor starts it: `many-first mcp
 * ROOT` in its own process with a 1 GB heap, through the SDK's stdio client. Every tool answers, the
 * hostile files are one diagnostic each, and the server is still answering describe_table afterwards.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_BUDGETS } from '../../../mcp-server/project/analysis-budgets.js';
import type { Diagnostic } from '../../../mcp-server/project/model.js';
import {
  corpusProblems,
  createHostileCorpus,
  EXPECTED_TABLES,
  type HostileCorpus,
} from './hostile-corpus.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let corpus: HostileCorpus;
let client: Client;
let transport: StdioClientTransport;
let serverLog = '';

async function call(name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args }, undefined, {
    timeout: 120_000,
  })) as CallToolResult;
}

function structured<T>(result: CallToolResult): T {
  if (result.isError) throw new Error(`expected a result, got: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

beforeAll(async () => {
  corpus = createHostileCorpus();
  transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--max-old-space-size=1024', '--import', 'tsx', join(repoRoot, 'cli/bin.ts'), 'mcp', corpus.root],
    cwd: repoRoot,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  client = new Client({ name: 'many-first-hostile', version: '0.0.0' });
  await client.connect(transport);
}, 60_000);

afterAll(async () => {
  await client?.close();
  corpus?.remove();
});

describe('the MCP server on the hostile corpus', () => {
  it('lists every ordinary table and one diagnostic naming its budget per hostile file', async () => {
    const { tables } = structured<{ tables: { sqlName: string }[] }>(
      await call('list_tables', { limit: 100 }),
    );
    const overview = structured<{ diagnostics: Diagnostic[] }>(await call('project_overview'));
    expect(tables.map((table) => table.sqlName).sort()).toEqual(
      [...EXPECTED_TABLES, 'moods', 'ping_pong'].sort(),
    );
    expect(
      corpusProblems(
        tables.map((table) => table.sqlName),
        overview.diagnostics,
      ),
    ).toEqual([]);
    // The structured answer names the budget itself, as inspect --json does, not only the message.
    const budgets = overview.diagnostics.flatMap((diagnostic) => diagnostic.budget ?? []);
    expect(budgets.length).toBeGreaterThan(0);
    for (const budget of budgets) expect(Object.keys(ANALYSIS_BUDGETS)).toContain(budget);
  }, 180_000);

  it('runs the conventions check over every file, hostile ones included', async () => {
    const result = await call('check_conventions');
    expect(result.isError).toBeFalsy();
  }, 180_000);

  it('answers describe_table afterwards, with the foreign keys between ordinary tables', async () => {
    const users = structured<{ incoming: { table: string; columns: string[] }[] }>(
      await call('describe_table', { table: 'users' }),
    );
    expect(users.incoming).toEqual([expect.objectContaining({ table: 'posts', columns: ['author_id'] })]);
    const neighbour = structured<{ table: { file: string } }>(
      await call('describe_table', { table: 'exps_neighbour' }),
    );
    expect(neighbour.table.file).toBe('db/exponential-spreads.ts');
    const cut = await call('describe_table', { table: 'exps' });
    expect(cut.isError).toBe(true);
    expect(serverLog).not.toMatch(/heap out of memory|Maximum call stack/);
  }, 180_000);
});
