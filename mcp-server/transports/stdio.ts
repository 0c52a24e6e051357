/** Serves one client over stdin/stdout, the way editors and assistants start a local MCP server. */
import { serveStdio as serveStdioConnection } from '@modelcontextprotocol/server/stdio';
import { createServer, type CreateServerOptions } from '../server.js';
import { stderrSink } from '../server-log.js';

/**
 * Serves the process's stdin and stdout and resolves when the client disconnects. The SDK's entry picks the
 * protocol era from the client's first message (`server/discover` for 2026-07-28, `initialize` before it)
 * and pins one server from our factory to the connection. stdout carries only the protocol: anything a
 * dependency prints with console.log goes to stderr instead.
 */
export async function serveStdio(options: CreateServerOptions = {}): Promise<void> {
  for (const method of ['log', 'info', 'debug'] as const) {
    console[method] = (...args: unknown[]) => console.error(...args);
  }
  const sink = options.logSink ?? stderrSink;
  const connection = serveStdioConnection(() => createServer(options), {
    onerror: (error) => sink(`[many-first mcp] error: ${error.message}`),
  });
  // stdin ending (the client quit) closes the connection, so the process can exit.
  await new Promise<void>((resolve) => process.stdin.once('end', resolve));
  await connection.close();
}
