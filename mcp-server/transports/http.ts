/**
 * Stateless Streamable HTTP on 127.0.0.1, for both protocol eras: a 2025-era request (no per-request
 * `_meta` envelope) gets a fresh server and transport per POST with a JSON response, as before; a
 * 2026-07-28 request goes to the SDK's per-request handler. The project index is shared per root, so
 * nothing is rebuilt. In front of both: Host validation against DNS rebinding and Origin validation
 * against pages in the user's browser, which the SDK's handler deliberately leaves to us.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import {
  createMcpHandler,
  isLegacyRequest,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type CreateServerOptions } from '../server.js';

export const HTTP_HOST = '127.0.0.1';
export const MCP_PATH = '/mcp';

export interface HttpServeOptions extends CreateServerOptions {
  /** 0 picks a free port. */
  port: number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function jsonRpcError(response: ServerResponse, status: number, code: number, message: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/** The loopback names Host validation accepts; an Origin on one of them, at our port, is ours. */
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a browser's `Origin` header names this server itself: http, a loopback name, the port the request
 * arrived on. A page on any other origin (`http://evil.example`, another local port, `null`) must not
 * reach the tools, as the MCP specification's Streamable HTTP transport requires (403 Forbidden).
 */
function isOwnOrigin(origin: string, localPort: number | undefined): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const port = url.port === '' ? 80 : Number(url.port);
  return url.protocol === 'http:' && LOOPBACK_HOSTNAMES.has(url.hostname) && port === localPort;
}

/** The request's Host without its port; Host validation refuses names other than loopback ones. */
function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

/** A JSON-RPC error as a web Response, for the stateless methods refused before any server exists. */
function jsonRpcErrorResponse(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });
}

/** Starts listening; rejects with a clear message when the port is taken or not allowed. */
export function serveHttp(options: HttpServeOptions): Promise<RunningHttpServer> {
  const { port, ...serverOptions } = options;
  const factory = () => createServer(serverOptions);
  const onerror = (error: Error) =>
    process.stderr.write(`[many-first mcp] error: HTTP request failed: ${error.message}\n`);
  const modern = createMcpHandler(factory, { legacy: 'reject', onerror });

  /** 2025-era requests: a fresh server per POST answering in JSON, since there is no session to stream to. */
  const serveLegacy = async (request: Request): Promise<Response> => {
    // Stateless: there is no session to stream to (GET) or to end (DELETE).
    if (request.method !== 'POST') {
      return jsonRpcErrorResponse(
        405,
        -32000,
        'Method not allowed: this server is stateless; POST JSON-RPC to /mcp',
      );
    }
    const server = factory();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    try {
      await server.connect(transport);
      return await transport.handleRequest(request);
    } finally {
      void transport.close();
      void server.close();
    }
  };
  const handle = toNodeHandler(
    {
      fetch: async (request) =>
        (await isLegacyRequest(request)) ? serveLegacy(request) : modern.fetch(request),
    },
    { onerror },
  );

  const listener: Server = createHttpServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== MCP_PATH) {
      jsonRpcError(response, 404, -32000, `Not found: POST JSON-RPC to ${MCP_PATH}`);
      return;
    }
    const host = request.headers.host;
    if (host === undefined) {
      jsonRpcError(response, 403, -32000, 'Missing Host header');
      return;
    }
    const hostname = hostnameOf(host);
    if (!LOOPBACK_HOSTNAMES.has(hostname)) {
      jsonRpcError(response, 403, -32000, `Invalid Host: ${hostname}`);
      return;
    }
    // A request without Origin is not from a browser page.
    const origin = request.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, request.socket.localPort)) {
      jsonRpcError(response, 403, -32000, `Forbidden Origin: ${origin}`);
      return;
    }
    handle(request, response).catch((error: unknown) => {
      onerror(error instanceof Error ? error : new Error(String(error)));
      jsonRpcError(response, 500, -32603, 'Internal server error');
    });
  });

  return new Promise((resolve, reject) => {
    listener.listen(port, HTTP_HOST);
    listener.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(new Error(`port ${port} is already in use; pass another --port`));
      else if (error.code === 'EACCES')
        reject(new Error(`port ${port} needs privileges; pass a port above 1023`));
      else reject(error);
    });
    listener.once('listening', () => {
      const address = listener.address() as AddressInfo;
      resolve({
        port: address.port,
        url: `http://${HTTP_HOST}:${address.port}${MCP_PATH}`,
        close: () =>
          new Promise<void>((done, fail) => {
            void modern.close();
            listener.close((error) => (error ? fail(error) : done()));
            listener.closeAllConnections();
          }),
      });
    });
  });
}
