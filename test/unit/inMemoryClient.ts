// An SDK client connected to one of our MCP servers through the SDK's in-memory transport pair,
// as the tool-layer tests drive the server without a socket.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

/** Connects `server` and a new client (named `unit`) to each other; the caller closes both. */
export async function connectInMemory(server: { connect(transport: Transport): Promise<void> }): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'unit', version: '1' });
  await client.connect(clientTransport);
  return client;
}
