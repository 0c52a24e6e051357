// The HTTP transport's Origin validation, through real HTTP requests to a listening server: a page on another
// origin (DNS rebinding, a malicious site in the user's browser) gets 403 before any tool runs; the server's
// own origin and clients that send no Origin (every non-browser client) are served.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHttp, type RunningHttpServer } from '../../../mcp-server/transports/http.js';
import { closeAllProjects } from '../../../mcp-server/project/project-index.js';
import { FIXTURE_APP } from './projects.js';

let server: RunningHttpServer;

beforeAll(async () => {
  server = await serveHttp({ root: FIXTURE_APP, port: 0, logSink: () => {} });
});

afterAll(async () => {
  await server.close();
  closeAllProjects();
});

/** A raw `initialize` POST with the given extra headers. */
function post(headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/mcp',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'content-length': Buffer.byteLength(body),
          ...headers,
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
}

describe('Origin validation on the HTTP transport', () => {
  it.each([
    'http://evil.example',
    'http://evil.example:8080',
    'null',
    'https://127.0.0.1', // another scheme, so another origin
    'http://127.0.0.1:1', // another local port: another local app's page
    'not a url',
  ])('refuses Origin %s with 403 and a JSON-RPC error', async (origin) => {
    const refused = await post({ origin });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({
      jsonrpc: '2.0',
      error: { code: -32000, message: `Forbidden Origin: ${origin}` },
      id: null,
    });
  });

  it('serves its own origin, by any loopback name, and requests without Origin', async () => {
    for (const origin of [
      `http://127.0.0.1:${server.port}`,
      `http://localhost:${server.port}`,
      `http://[::1]:${server.port}`,
      undefined,
    ]) {
      const accepted = await post(origin === undefined ? {} : { origin });
      expect(accepted.status, origin).toBe(200);
      expect(JSON.parse(accepted.body), origin).toMatchObject({ jsonrpc: '2.0', id: 1, result: {} });
    }
  });

  it('keeps serving after refusing', async () => {
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({})).status).toBe(200);
  });
});
