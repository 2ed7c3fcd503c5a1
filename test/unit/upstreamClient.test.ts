import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Http1ResponseParser, type Http1ResponseHead } from '../../src/proxy/http1ResponseParser';
import { createUpstreamClient, serializeRequest, type UpstreamResponse } from '../../src/proxy/upstreamClient';

interface Parsed {
  heads: Http1ResponseHead[];
  body: string;
  completed: number;
  rest?: string;
}

/** Feeds `wire` to a parser in pieces of `piece` bytes (every split point gets its turn). */
function parse(wire: string, piece: number, noBody = false, endConnection = false): Parsed {
  const parsed: Parsed = { heads: [], body: '', completed: 0 };
  const parser = new Http1ResponseParser({
    head: (head) => parsed.heads.push(head),
    body: (chunk) => { parsed.body += chunk.toString('latin1'); },
    complete: (rest) => {
      parsed.completed++;
      if (rest) parsed.rest = rest.toString('latin1');
    },
  }, noBody);
  const bytes = Buffer.from(wire, 'latin1');
  for (let at = 0; at < bytes.length; at += piece) parser.push(bytes.subarray(at, at + piece));
  if (endConnection) parser.end();
  return parsed;
}

function eachPieceSize(wire: string, check: (parsed: Parsed, piece: number) => void, noBody = false, endConnection = false): void {
  for (let piece = 1; piece <= wire.length; piece++) check(parse(wire, piece, noBody, endConnection), piece);
}

describe('HTTP/1.1 response parser (proxy upstream client)', () => {
  it('reads a Content-Length body, whatever the split of the bytes', () => {
    const wire = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n{"jsonrpc":1}';
    eachPieceSize(wire, (parsed, piece) => {
      assert.equal(parsed.heads.length, 1, `piece ${piece}`);
      assert.equal(parsed.heads[0].statusCode, 200);
      assert.equal(parsed.heads[0].headers['content-type'], 'application/json');
      assert.deepEqual(parsed.heads[0].headers['set-cookie'], ['a=1', 'b=2']);
      assert.equal(parsed.heads[0].keepAlive, true);
      assert.equal(parsed.body, '{"jsonrpc":1}');
      assert.equal(parsed.completed, 1);
    });
  });

  it('decodes a chunked body with extensions and trailers, whatever the split', () => {
    const wire = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n'
      + '7\r\nevent: \r\n18;name=value\r\nmessage\ndata: {"id":1}\n\n\r\n0\r\nX-Trailer: yes\r\n\r\n';
    eachPieceSize(wire, (parsed, piece) => {
      assert.equal(parsed.body, 'event: message\ndata: {"id":1}\n\n', `piece ${piece}`);
      assert.equal(parsed.completed, 1);
      assert.equal(parsed.rest, undefined);
    });
  });

  it('skips informational responses and reads the one that follows', () => {
    const parsed = parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n', 5);
    assert.deepEqual(parsed.heads.map((head) => head.statusCode), [202]);
    assert.equal(parsed.completed, 1);
  });

  it('knows the responses without a body: 204, 304, HEAD, Content-Length 0', () => {
    for (const [wire, noBody] of [
      ['HTTP/1.1 204 No Content\r\n\r\n', false],
      ['HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n', false],
      ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n', true],
      ['HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\n\r\n', false],
    ] as const) {
      const parsed = parse(wire, 3, noBody);
      assert.equal(parsed.completed, 1, wire);
      assert.equal(parsed.body, '');
    }
  });

  it('reads a body without length to the end of the connection, which is then not kept', () => {
    eachPieceSize('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"a":1}', (parsed) => {
      assert.equal(parsed.heads[0].keepAlive, false);
      assert.equal(parsed.body, '{"a":1}');
      assert.equal(parsed.completed, 1);
    }, false, true);
    assert.equal(parse('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx', 4).heads[0].keepAlive, false);
    assert.equal(parse('HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx', 4).heads[0].keepAlive, false);
  });

  it('hands back bytes after the response, and refuses what is not HTTP', () => {
    assert.equal(parse('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxGARBAGE', 100).rest, 'GARBAGE');
    assert.throws(() => parse('SSH-2.0-OpenSSH\r\n\r\n', 100), /not an HTTP\/1\.x status line/);
    assert.throws(() => parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 100), /malformed chunk size/);
    assert.throws(() => parse('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab', 100, false, true), /closed the connection before its response was complete/);
  });

  it('writes the request in one block and refuses header injection', () => {
    const wire = serializeRequest('POST', '/mcp?x=1', '127.0.0.1:9', { 'content-type': 'application/json', 'x-many': ['a', 'b'], 'content-length': 2 }, Buffer.from('{}')).toString('latin1');
    assert.equal(wire, 'POST /mcp?x=1 HTTP/1.1\r\nhost: 127.0.0.1:9\r\ncontent-type: application/json\r\nx-many: a\r\nx-many: b\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n{}');
    assert.throws(() => serializeRequest('GET', '/', 'h', { 'x-evil': 'a\r\nx-injected: 1' }, undefined), /cannot be sent over HTTP/);
    assert.throws(() => serializeRequest('GET', '/', 'h', { 'bad name': 'a' }, undefined), /cannot be sent over HTTP/);
  });
});

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
      const request = client.request(method, body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, body === undefined ? undefined : Buffer.from(body));
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

  it('a request destroyed after its answer ended leaves the pooled connection to the next one', async () => {
    handler = (_request, response, body) => response.end(body);
    const client = createUpstreamClient(url);
    try {
      const connectionsBefore = connectionsMade;
      const first = client.request('POST', { 'content-length': 2 }, Buffer.from('{}'));
      await new Promise<void>((resolve, reject) => {
        first.on('error', reject);
        first.on('response', (response) => response.on('data', () => undefined).on('end', resolve));
      });
      // what the proxy does when its client's connection closes later on
      first.destroy();
      const second = client.request('POST', { 'content-length': 7 }, Buffer.from('{"b":2}'));
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

  it('reports an unreachable upstream, and an abandoned request emits nothing more', async () => {
    const closed = createUpstreamClient(new URL('http://127.0.0.1:1/mcp'));
    await assert.rejects(send(closed, 'POST', '{}'), /ECONNREFUSED/);
    closed.dispose();

    let answer: (() => void) | undefined;
    handler = (_request, response) => { answer = () => response.end('late'); };
    const client = createUpstreamClient(url);
    try {
      const request = client.request('POST', { 'content-length': 2 }, Buffer.from('{}'));
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
