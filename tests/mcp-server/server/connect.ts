/** Connects an SDK client to createServer over an in-memory transport pair. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { createServer, type CreateServerOptions } from '../../../mcp-server/server.js';

export interface Connection {
  client: Client;
  /** Every line the server logged. */
  logs: string[];
  close(): Promise<void>;
}

export async function connect(
  options: CreateServerOptions = {},
  clientOptions: { capabilities?: ClientCapabilities; setup?: (client: Client) => void } = {},
): Promise<Connection> {
  const logs: string[] = [];
  const server = createServer({ logSink: (line) => logs.push(line), ...options });
  const client = new Client(
    { name: 'many-first-tests', version: '0.0.0' },
    { capabilities: clientOptions.capabilities ?? {} },
  );
  clientOptions.setup?.(client);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return {
    client,
    logs,
    async close() {
      await client.close();
      await server.close();
    },
  };
}
