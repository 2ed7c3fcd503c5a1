import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createUpstreamClient, type UpstreamResponse } from '../../src/proxy/upstreamClient';

describe('pooled upstream client against a real node:http server', () => {
  let server: Server;
  let url: URL;
  const sockets = new Set<Socket>();
  let connectionsMade = 0;
  let handler: (request: IncomingMessage, response: ServerResponse, body: string) => void;

  before(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => handler(request, response, Buffer.concat(chunks).toString()));
    });
    server.on('connection', (socket: Socket) => {
      connectionsMade++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  function send(client: ReturnType<typeof createUpstreamClient>, method: string, body?: string): Promise<{ response: UpstreamResponse; text: string }> {
    return new Promise((resolve, reject) => {
      const request = client.request(method, body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body === undefined ? undefined : Buffer.from(body));
      request.on('error', reject);
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => { text += chunk.toString(); });
        response.on('end', () => resolve({ response, text }));
        response.on('error', reject);
      });
    });
  }

  it('sends method, path, headers and body, and keeps one connection for sequential requests', async () => {
    const seen: string[] = [];
    handler = (request, response, body) => {
      seen.push(`${request.method} ${request.url} ${request.headers.host} ${body}`);
      response.writeHead(200, { 'content-type': 'application/json', 'x-echo': body.length });
      response.end(body || 'none');
    };
    const client = createUpstreamClient(url);
    try {
      for (let index = 0; index < 5; index++) {
        const { response, text } = await send(client, 'POST', `{"n":${index}}`);
        assert.equal(response.statusCode, 200);
        assert.equal(text, `{"n":${index}}`);
        assert.equal(response.headers['x-echo'], String(text.length));
      }
      assert.equal(sockets.size, 1, 'one kept-alive connection served all five');
      assert.equal(seen[0], `POST /mcp ${url.host} {"n":0}`);
      const { text } = await send(client, 'GET');
      assert.equal(text, 'none');
    } finally {
      client.dispose();
    }
  });

  it('sends the credentials of a user:password@ URL as Basic auth, as node\'s client does', async () => {
    let seen: string | undefined;
    handler = (request, response) => {
      seen = request.headers.authorization;
      response.end('{}');
    };
    const client = createUpstreamClient(new URL(`http://user:p%40ss@${url.host}/mcp`));
    try {
      await send(client, 'POST', '{}');
      assert.equal(seen, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
    } finally {
      client.dispose();
    }
  });

  it('streams a chunked answer as it comes, before it ends', async () => {
    let finish: (() => void) | undefined;
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      finish = () => response.end('data: last\n\n');
    };
    const client = createUpstreamClient(url);
    try {
      const request = client.request('GET', {}, undefined);
      // as with node's client, listeners go on in the 'response' handler itself
      let received = '';
      let firstArrived: () => void = () => undefined;
      const first = new Promise<void>((resolve) => { firstArrived = resolve; });
      const ended = new Promise<void>((resolve, reject) => {
        request.on('error', reject);
        request.on('response', (response) => {
          response.on('data', (chunk) => {
            received += chunk.toString();
            firstArrived();
          });
          response.on('end', resolve);
        });
      });
      await first;
      assert.equal(received, 'data: first\n\n', 'the first event arrived while the stream is open');
      finish?.();
      await ended;
      assert.equal(received, 'data: first\n\ndata: last\n\n');
    } finally {
      client.dispose();
    }
  });

  it('retries once on a new connection when the upstream closed a kept-alive one', async () => {
    handler = (_request, response, body) => response.end(body);
    const client = createUpstreamClient(url);
    try {
      assert.equal((await send(client, 'POST', '{"a":1}')).text, '{"a":1}');
      // the upstream drops its idle connection; the parked socket may not have seen it yet
      for (const socket of sockets) socket.destroy();
      assert.equal((await send(client, 'POST', '{"a":2}')).text, '{"a":2}');
    } finally {
      client.dispose();
    }
  });

  it('retries once on a new connection when a kept-alive one closes as the request goes out', async () => {
    const client = createUpstreamClient(url);
    try {
      handler = (_request, response, body) => response.end(body);
      assert.equal((await send(client, 'POST', '{"a":1}')).text, '{"a":1}');
      const kept = [...sockets];
      let closedUnanswered = 0;
      handler = (request, response, body) => {
        // the connection that answered before is closed on arrival, as an upstream timing it out would
        if (kept.includes(request.socket)) {
          closedUnanswered++;
          request.socket.destroy();
          return;
        }
        response.end(body);
      };
      assert.equal((await send(client, 'POST', '{"a":2}')).text, '{"a":2}');
      assert.equal(closedUnanswered, 1);
    } finally {
      client.dispose();
    }
  });

  it('a request destroyed after its answer ended leaves the pooled connection to the next one', async () => {
    handler = (_request, response, body) => response.end(body);
    const client = createUpstreamClient(url);
    try {
      const connectionsBefore = connectionsMade;
      const first = client.request('POST', { 'content-length': '2' }, Buffer.from('{}'));
      await new Promise<void>((resolve, reject) => {
        first.on('error', reject);
        first.on('response', (response) => response.on('data', () => undefined).on('end', resolve));
      });
      // what the proxy does when its client's connection closes later on
      first.destroy();
      const second = client.request('POST', { 'content-length': '7' }, Buffer.from('{"b":2}'));
      const text = await new Promise<string>((resolve, reject) => {
        second.on('error', reject);
        second.on('response', (response) => {
          let body = '';
          response.on('data', (chunk) => { body += chunk.toString(); }).on('end', () => resolve(body));
        });
      });
      assert.equal(text, '{"b":2}');
      assert.equal(connectionsMade - connectionsBefore, 1, 'both requests went over one connection');
    } finally {
      client.dispose();
    }
  });

  it('refuses header injection instead of sending it', async () => {
    let reached = 0;
    handler = (_request, response) => {
      reached++;
      response.end('{}');
    };
    const client = createUpstreamClient(url);
    try {
      for (const headers of [{ 'x-evil': 'a\r\nx-injected: 1' }, { 'bad name': 'a' }] as Record<string, string>[]) {
        const error = await new Promise<Error>((resolve) => {
          const request = client.request('GET', headers, undefined);
          request.on('error', resolve);
          request.on('response', () => resolve(new Error('answered')));
        });
        assert.match(error.message, /invalid .*header/);
      }
      assert.equal(reached, 0);
    } finally {
      client.dispose();
    }
  });

  it('reports an unreachable upstream, and an abandoned request emits nothing more', async () => {
    const closed = createUpstreamClient(new URL('http://127.0.0.1:1/mcp'));
    await assert.rejects(send(closed, 'POST', '{}'), /ECONNREFUSED/);
    closed.dispose();

    let answer: (() => void) | undefined;
    handler = (_request, response) => { answer = () => response.end('late'); };
    const client = createUpstreamClient(url);
    try {
      const request = client.request('POST', { 'content-length': '2' }, Buffer.from('{}'));
      let events = 0;
      request.on('response', () => events++);
      request.on('error', () => events++);
      while (!answer) await new Promise((resolve) => setTimeout(resolve, 5));
      request.destroy();
      answer();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(events, 0);
    } finally {
      client.dispose();
    }
  });
});
