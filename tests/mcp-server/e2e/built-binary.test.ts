/**
 * The built binary end to end, `many-first mcp fixtures/app` as an editor starts it: over stdio through
 * the SDK's StdioClientTransport and through raw JSON-RPC lines, over Streamable HTTP on 127.0.0.1 (with
 * the Host-header check against DNS rebinding), and through an independent client, the MCP Inspector's
 * CLI (a pinned devDependency, run with node from node_modules, offline). One build serves all three.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAllProjects } from '../../../mcp-server/project/project-index.js';
import { connect } from '../server/connect.js';
import { DESIGN_TOOL_NAMES, FIXTURE_APP, REPO_ROOT, structuredOf, textOf } from '../server/projects.js';
import { builtPackage, type BuiltPackage } from '../../support/built-package.js';
import { Processes, run, waitForOutput } from './processes.js';

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

interface DescribeTable {
  table: { name: string; sqlName: string; file: string; line: number; columns: { key: string }[] };
  model?: { file: string };
}

let built: BuiltPackage;
const processes = new Processes();

beforeAll(async () => {
  built = await builtPackage();
}, 300_000);

afterAll(async () => {
  await processes.killAll();
  closeAllProjects();
});

const newClient = () => new Client({ name: 'many-first-e2e', version: '0.0.0' });

describe('stdio, through the SDK client', () => {
  let client: Client;
  let stderr: { text: string };
  const transportErrors: Error[] = [];

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [built.bin, 'mcp', FIXTURE_APP],
      stderr: 'pipe',
    });
    stderr = { text: '' };
    transport.stderr!.on('data', (chunk: Buffer) => (stderr.text += chunk.toString()));
    client = newClient();
    // A line on stdout that is not JSON-RPC reaches the client as a transport error.
    client.onerror = (error) => transportErrors.push(error);
    await client.connect(transport);
  }, 60_000);

  afterAll(async () => {
    // Ends stdin, then SIGTERM and SIGKILL if the server is still there.
    await client?.close();
  });

  it('lists the ten tools and names the server with the package version', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(DESIGN_TOOL_NAMES);
    expect(client.getServerVersion()).toMatchObject({ name: 'many-first', version });
    expect(client.getInstructions()).toContain('Call project_overview first');
  });

  it('answers describe_table with the same structured content as the server run from the sources', async () => {
    const result = await client.callTool({ name: 'describe_table', arguments: { table: 'tags' } });
    const answer = structuredOf<DescribeTable>(result);
    expect(answer.table).toMatchObject({ name: 'tags', sqlName: 'tags', file: 'src/lib/db/schema.tags.ts' });
    expect(answer.table.columns.map((column) => column.key)).toContain('usageCount');
    expect(answer.model?.file).toBe('src/models/tags.ts');
    expect(textOf(result)).toMatch(/^tags \(tags, pg\) src\/lib\/db\/schema\.tags\.ts:\d+\n/);

    const inMemory = await connect({ root: FIXTURE_APP });
    try {
      const fromSources = await inMemory.client.callTool({
        name: 'describe_table',
        arguments: { table: 'tags' },
      });
      expect(answer).toEqual(structuredOf(fromSources));
      expect(textOf(result)).toBe(textOf(fromSources));
    } finally {
      await inMemory.close();
    }
  });

  it('answers an unknown table with an error result and keeps serving', async () => {
    const result = await client.callTool({ name: 'describe_table', arguments: { table: 'tag' } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toMatch(/^table 'tag' not found; did you mean 'tags'/);
    expect((await client.listTools()).tools).toHaveLength(DESIGN_TOOL_NAMES.length);
  });

  it('wrote nothing but protocol on stdout', () => {
    expect(transportErrors).toEqual([]);
    expect(stderr.text).not.toMatch(/error/i);
  });
});

describe('stdio, line by line', () => {
  it('writes only JSON-RPC on stdout, logs on stderr and to the client, and exits when stdin closes', async () => {
    // No root on the command line: the server asks the client for its roots, and logs the one it takes.
    const child = processes.track(
      spawn(process.execPath, [built.bin, 'mcp'], { cwd: built.dir, stdio: ['pipe', 'pipe', 'pipe'] }),
    );
    const stderr = { text: '' };
    child.stderr.on('data', (chunk: Buffer) => (stderr.text += chunk.toString()));
    const lines: string[] = [];
    const pending = new Map<number, (message: Record<string, unknown>) => void>();
    const send = (message: Record<string, unknown>) => child.stdin.write(`${JSON.stringify(message)}\n`);
    const ask = (id: number, method: string, params: Record<string, unknown>) =>
      new Promise<Record<string, unknown>>((resolve) => {
        pending.set(id, resolve);
        send({ jsonrpc: '2.0', id, method, params });
      });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        lines.push(line);
        let message: Record<string, unknown>;
        try {
          message = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue; // asserted below: every line must parse
        }
        if (message.method === 'roots/list') {
          send({
            jsonrpc: '2.0',
            id: message.id,
            result: { roots: [{ uri: pathToFileURL(FIXTURE_APP).href }] },
          });
        } else if (typeof message.id === 'number' && pending.has(message.id)) {
          pending.get(message.id)!(message);
        }
      }
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const initialized = await ask(1, 'initialize', {
      protocolVersion: '2025-06-18',
      capabilities: { roots: {} },
      clientInfo: { name: 'raw-lines', version: '0.0.0' },
    });
    expect(initialized.result).toMatchObject({ serverInfo: { name: 'many-first', version } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const overview = await ask(2, 'tools/call', { name: 'project_overview', arguments: {} });
    expect(overview.result).toMatchObject({ structuredContent: { root: FIXTURE_APP, dialect: 'pg' } });

    child.stdin.end();
    expect(await exited).toBe(0);

    const messages = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const message of messages) expect(message.jsonrpc).toBe('2.0');
    const logLine = `project root from the client: ${FIXTURE_APP}`;
    expect(stderr.text).toContain(`[many-first mcp] info: ${logLine}`);
    expect(messages).toContainEqual({
      jsonrpc: '2.0',
      method: 'notifications/message',
      params: { level: 'info', logger: 'many-first', data: logLine },
    });
    expect(lines.join('\n')).not.toContain('[many-first mcp]');
  }, 60_000);

  it('delivers the same log to an SDK client as a logging notification', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [built.bin, 'mcp'],
      cwd: built.dir,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'many-first-e2e', version: '0.0.0' }, { capabilities: { roots: {} } });
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: [{ uri: pathToFileURL(FIXTURE_APP).href, name: 'app' }],
    }));
    const logs: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logs.push(notification.params.data);
    });
    try {
      await client.connect(transport);
      const overview = structuredOf<{ root: string }>(
        await client.callTool({ name: 'project_overview', arguments: {} }),
      );
      expect(overview.root).toBe(FIXTURE_APP);
      expect(logs).toContain(`project root from the client: ${FIXTURE_APP}`);
    } finally {
      await client.close();
    }
  }, 60_000);
});

describe('Streamable HTTP on 127.0.0.1', () => {
  let url: string;
  let port: number;
  let stdout = '';
  let exited: Promise<number | null>;
  let child: ReturnType<typeof spawn>;

  beforeAll(async () => {
    child = processes.track(
      spawn(process.execPath, [built.bin, 'mcp', FIXTURE_APP, '--http', '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // --port 0 picks a free port; the binary says which on stderr.
    const match = await waitForOutput(
      child.stderr!,
      /listening on (http:\/\/127\.0\.0\.1:(\d+)\/mcp)\n/,
      60_000,
    );
    url = match[1]!;
    port = Number(match[2]);
  }, 90_000);

  const listAndDescribe = async () => {
    const client = newClient();
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      const { tools } = await client.listTools();
      const table = structuredOf<DescribeTable>(
        await client.callTool({ name: 'describe_table', arguments: { table: 'tag_groups' } }),
      );
      return { tools, table };
    } finally {
      await client.close();
    }
  };

  /** A raw POST to the server with the given Host header. */
  const post = (host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '0' },
        },
      });
      const outgoing = request(
        {
          host: '127.0.0.1',
          port,
          path: '/mcp',
          method: 'POST',
          headers: {
            host,
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      outgoing.once('error', reject);
      outgoing.end(body);
    });

  it('serves tools/list and a tool call to an SDK client', async () => {
    expect(url).toBe(`http://127.0.0.1:${port}/mcp`);
    const { tools, table } = await listAndDescribe();
    expect(tools.map((tool: Tool) => tool.name)).toEqual(DESIGN_TOOL_NAMES);
    expect(table.table).toMatchObject({ name: 'tagGroups', sqlName: 'tag_groups' });
  });

  it('refuses a request with a foreign Host header, and keeps serving', async () => {
    const refused = await post('evil.example:1234');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({
      jsonrpc: '2.0',
      error: { message: 'Invalid Host: evil.example' },
    });
    const accepted = await post(`127.0.0.1:${port}`);
    expect(accepted.status).toBe(200);
    expect((await listAndDescribe()).tools).toHaveLength(DESIGN_TOOL_NAMES.length);
  });

  it('stops on SIGTERM with exit code 0, having written nothing to stdout', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toBe('');
  }, 30_000);
});

describe('the MCP Inspector CLI as an independent client', () => {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@modelcontextprotocol/inspector/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    version: string;
    bin: Record<string, string>;
  };
  const launcher = join(dirname(manifestPath), manifest.bin['mcp-inspector']!);

  const inspect = (...args: string[]) => {
    // Its own HOME, so nothing it might store lands in the user's.
    const home = join(built.dir, '..', 'home');
    mkdirSync(home, { recursive: true });
    return run(
      process.execPath,
      [launcher, '--cli', process.execPath, built.bin, 'mcp', FIXTURE_APP, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, HOME: home, NO_COLOR: '1' }, timeoutMs: 60_000 },
    );
  };

  it('is the pinned version', () => {
    expect(manifest.version).toBe('2.12.0');
  });

  it('lists the ten tools, each annotated read-only', async () => {
    const listed = await inspect('--method', 'tools/list');
    // The Inspector passes the server's stderr through: the one start-up line, and nothing else.
    expect(listed.stderr).toBe(
      `many-first mcp: serving ${FIXTURE_APP} over stdio; stop with Ctrl+C (or end stdin)\n`,
    );
    expect(listed.code).toBe(0);
    const { tools } = JSON.parse(listed.stdout) as { tools: Tool[] };
    expect(tools.map((tool) => tool.name)).toEqual(DESIGN_TOOL_NAMES);
    for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
  }, 60_000);

  it('calls describe_table and gets the structured content', async () => {
    const called = await inspect(
      ...['--method', 'tools/call', '--tool-name', 'describe_table', '--tool-arg', 'table=tags'],
      ...['--format', 'json'],
    );
    expect(called.code).toBe(0);
    const { result } = JSON.parse(called.stdout) as {
      result: { isError?: boolean; structuredContent: DescribeTable };
    };
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent.table).toMatchObject({ name: 'tags', sqlName: 'tags' });
    expect(result.structuredContent.model?.file).toBe('src/models/tags.ts');
  }, 60_000);

  it('sees an unknown table as a tool error with a suggestion (exit code 5)', async () => {
    const called = await inspect(
      ...['--method', 'tools/call', '--tool-name', 'describe_table', '--tool-arg', 'table=tag'],
      ...['--format', 'json'],
    );
    expect(called.code).toBe(5);
    const { result } = JSON.parse(called.stdout) as {
      result: { isError: boolean; content: { text: string }[] };
    };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/^table 'tag' not found; did you mean 'tags'/);
  }, 60_000);
});
