/** Serves one client over stdin/stdout, the way editors and assistants start a local MCP server. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer, type CreateServerOptions } from '../server.js';

/**
 * Connects a server to the process's stdin and stdout and resolves when the client disconnects. stdout
 * carries only the protocol: anything a dependency prints with console.log goes to stderr instead.
 */
export async function serveStdio(options: CreateServerOptions = {}): Promise<void> {
  for (const method of ['log', 'info', 'debug'] as const) {
    console[method] = (...args: unknown[]) => console.error(...args);
  }
  const server = createServer(options);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  const transport = new StdioServerTransport();
  // stdin ending (the client quit) closes the server, so the process can exit.
  process.stdin.once('end', () => void server.close());
  await server.connect(transport);
  await closed;
}
