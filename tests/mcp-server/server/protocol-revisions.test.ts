// Both protocol eras over both real transports: a client pinned to the 2026-07-28 revision (SDK v2, which
// opens with `server/discover` and sends no `initialize`) and a client of the earlier revisions (SDK 1.32,
// `initialize` handshake) each list the tools, call one for structured content, complete a prompt argument
// and get a tool error for an unknown table, over stdio (the CLI run from the sources) and Streamable HTTP.
import { join } from 'node:path';
import { Client as ModernClient, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as LegacyHttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODERN_PROTOCOL_VERSION } from '../../../mcp-server/server.js';
import { serveHttp, type RunningHttpServer } from '../../../mcp-server/transports/http.js';
import { closeAllProjects } from '../../../mcp-server/project/project-index.js';
import { DESIGN_TOOL_NAMES, FIXTURE_APP, REPO_ROOT, structuredOf } from './projects.js';

/** What the tests use of either SDK's client; both satisfy it. */
interface AnyClient {
  listTools(): Promise<{ tools: { name: string }[] }>;
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
  complete(params: {
    ref: { type: 'ref/prompt'; name: string };
    argument: { name: string; value: string };
  }): Promise<{ completion: { values: string[] } }>;
  close(): Promise<void>;
}

const stdioServer = {
  command: process.execPath,
  args: ['--import', 'tsx', join(REPO_ROOT, 'cli/bin.ts'), 'mcp', FIXTURE_APP],
  cwd: REPO_ROOT,
  stderr: 'ignore' as const,
};

let http: RunningHttpServer;

beforeAll(async () => {
  http = await serveHttp({ root: FIXTURE_APP, port: 0, logSink: () => {} });
});

afterAll(async () => {
  await http.close();
  closeAllProjects();
});

async function connectModern(transport: 'stdio' | 'http'): Promise<AnyClient & { era: unknown }> {
  const client = new ModernClient(
    { name: 'many-first-modern', version: '0.0.0' },
    { versionNegotiation: { mode: { pin: MODERN_PROTOCOL_VERSION } } },
  );
  await client.connect(
    transport === 'stdio'
      ? new ModernStdioTransport(stdioServer)
      : new StreamableHTTPClientTransport(new URL(http.url)),
  );
  return Object.assign(client, {
    era: { era: client.getProtocolEra(), version: client.getNegotiatedProtocolVersion() },
  });
}

async function connectLegacy(transport: 'stdio' | 'http'): Promise<AnyClient & { era: unknown }> {
  const client = new LegacyClient({ name: 'many-first-legacy', version: '0.0.0' });
  const clientTransport =
    transport === 'stdio'
      ? new LegacyStdioTransport(stdioServer)
      : new LegacyHttpTransport(new URL(http.url));
  await client.connect(clientTransport);
  // The 2025-era handshake is `initialize`, whose result names the server.
  return Object.assign(client, { era: { initializedBy: client.getServerVersion()?.name } });
}

describe.each([
  ['2026-07-28', connectModern, { era: 'modern', version: '2026-07-28' }],
  ['2025-11-25 (SDK 1.32)', connectLegacy, { initializedBy: 'many-first' }],
] as const)('a client of the %s revision', (_revision, connectClient, expectedEra) => {
  describe.each(['stdio', 'http'] as const)('over %s', (transport) => {
    it('negotiates its revision, lists the tools, calls one, completes a prompt argument', async () => {
      const client = await connectClient(transport);
      try {
        expect(client.era).toEqual(expectedEra);
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(DESIGN_TOOL_NAMES);
        const described = structuredOf<{ table: { name: string; sqlName: string } }>(
          await client.callTool({ name: 'describe_table', arguments: { table: 'tag_groups' } }),
        );
        expect(described.table).toMatchObject({ name: 'tagGroups', sqlName: 'tag_groups' });
        const { completion } = await client.complete({
          ref: { type: 'ref/prompt', name: 'new-model' },
          argument: { name: 'table', value: 'tag' },
        });
        expect(completion.values).toEqual(expect.arrayContaining(['tagGroups', 'tag_groups']));
        const unknown = (await client.callTool({
          name: 'describe_table',
          arguments: { table: 'tag_group' },
        })) as { isError?: boolean; content: { text: string }[] };
        expect(unknown.isError).toBe(true);
        expect(unknown.content[0]!.text).toMatch(/table 'tag_group' not found/);
      } finally {
        await client.close();
      }
    }, 60_000);
  });
});
