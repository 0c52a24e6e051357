/**
 * Stateless Streamable HTTP on 127.0.0.1: a fresh server and transport per POST (the project index is
 * shared per root, so nothing is rebuilt), JSON responses, the SDK's Host-header validation against
 * DNS rebinding, and our own Origin validation against pages in the user's browser.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
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

/** The loopback names the SDK's Host validation accepts; an Origin on one of them, at our port, is ours. */
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

/** Starts listening; rejects with a clear message when the port is taken or not allowed. */
export function serveHttp(options: HttpServeOptions): Promise<RunningHttpServer> {
  const { port, ...serverOptions } = options;
  const app = createMcpExpressApp({ host: HTTP_HOST });
  // The SDK checks Host (DNS rebinding); a request without Origin is not from a browser page.
  app.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    const origin = request.headers.origin;
    if (origin === undefined || isOwnOrigin(origin, request.socket.localPort)) return next();
    jsonRpcError(response, 403, -32000, `Forbidden Origin: ${origin}`);
  });

  app.post(MCP_PATH, async (request: IncomingMessage & { body?: unknown }, response: ServerResponse) => {
    const server = createServer(serverOptions);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request, response, request.body);
    } catch (error) {
      process.stderr.write(`[many-first mcp] error: HTTP request failed: ${(error as Error).message}\n`);
      jsonRpcError(response, 500, -32603, 'Internal server error');
    }
  });
  // Stateless: there is no session to stream to (GET) or to end (DELETE).
  for (const method of ['get', 'delete'] as const) {
    app[method](MCP_PATH, (_request: IncomingMessage, response: ServerResponse) =>
      jsonRpcError(
        response,
        405,
        -32000,
        'Method not allowed: this server is stateless; POST JSON-RPC to /mcp',
      ),
    );
  }
  // Malformed or oversized JSON bodies get a JSON-RPC error rather than Express's HTML page.
  app.use(
    (
      error: { status?: number; type?: string; message?: string },
      _request: IncomingMessage,
      response: ServerResponse,
      _next: unknown,
    ) => {
      const status = error.status ?? 500;
      const message =
        error.type === 'entity.parse.failed'
          ? 'Parse error: the body is not JSON'
          : (error.message ?? 'error');
      jsonRpcError(response, status, status === 400 ? -32700 : -32000, message);
    },
  );

  return new Promise((resolve, reject) => {
    const listener: Server = app.listen(port, HTTP_HOST);
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
            listener.close((error) => (error ? fail(error) : done()));
            listener.closeAllConnections();
          }),
      });
    });
  });
}
