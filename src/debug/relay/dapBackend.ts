// The far side of a relayed debug adapter: something that takes DAP messages and emits them.
// Three kinds: a debug adapter process speaking DAP over stdio (debugpy's adapter), a debug
// server listening on a socket (`python -m debugpy --listen`), and an in-process session with
// handleMessage/onDidSendMessage (our mock adapter).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { Emitter } from '../../common/emitter';
import type { IDisposable } from '../../common/disposable';

/**
 * Any DAP message as it travels: the protocol's header (`seq`, `type`) with the fields of a
 * request, a response or an event, whichever `type` says it is.
 */
export type DapMessage = DebugProtocol.ProtocolMessage & Partial<DebugProtocol.Request & DebugProtocol.Response & DebugProtocol.Event>;

export interface DapBackend extends IDisposable {
  send(message: DapMessage): void;
  readonly onMessage: (listener: (message: DapMessage) => void) => IDisposable;
  /** Fires once when the backend can no longer talk (process exit), with a reason for the log. */
  readonly onClose: (listener: (reason: string) => void) => IDisposable;
}

const HEADER_END = '\r\n\r\n';
const MAX_STDERR_CHARS = 4000;

/** Splits a DAP byte stream (`Content-Length: N\r\n\r\n<json>`) into messages. */
export class DapMessageReader {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly onMessage: (message: DapMessage) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /Content-Length:\s*(\d+)/i.exec(header);
      if (!match) {
        // not a DAP header: drop it rather than stall the stream forever
        this.buffer = this.buffer.subarray(headerEnd + HEADER_END.length);
        continue;
      }
      const length = Number(match[1]);
      const start = headerEnd + HEADER_END.length;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.onMessage(JSON.parse(body) as DapMessage);
    }
  }
}

export function encodeDapMessage(message: DapMessage): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}${HEADER_END}`, 'ascii'), body]);
}

/** What the process and socket backends share: a DAP byte stream in, one close with a reason. */
abstract class StreamDapBackend implements DapBackend {
  private readonly messages = new Emitter<DapMessage>();
  private readonly closes = new Emitter<string>();
  readonly onMessage = this.messages.event;
  readonly onClose = this.closes.event;
  private readonly reader = new DapMessageReader((message) => this.messages.fire(message));
  protected closed = false;

  abstract send(message: DapMessage): void;

  /** Feeds received bytes; a stream that is not DAP closes the backend with `source` named. */
  protected receive(chunk: Buffer, source: string): void {
    try {
      this.reader.push(chunk);
    } catch (error) {
      this.close(`unreadable data from ${source}: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    this.close('disposed');
    this.messages.dispose();
  }

  protected close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closes.fire(reason);
    this.closes.dispose();
  }
}

/** A debug adapter process (e.g. `python3 -m debugpy.adapter`) spoken to over stdin/stdout. */
export class ProcessDapBackend extends StreamDapBackend {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';

  constructor(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    super();
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk, command));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-MAX_STDERR_CHARS);
    });
    this.child.on('error', (error) => this.close(`could not run ${command}: ${error.message}`));
    this.child.on('exit', (code, signal) => {
      this.close(`${command} ${args.join(' ')} exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim()}` : ''}`);
    });
  }

  send(message: DapMessage): void {
    if (this.closed || !this.child.stdin.writable) return;
    this.child.stdin.write(encodeDapMessage(message));
  }

  override dispose(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    super.dispose();
  }
}

/** A debug server already listening on a TCP port (e.g. `python -m debugpy --listen 5678`), for attach. */
export class SocketDapBackend extends StreamDapBackend {
  private readonly socket: Socket;

  constructor(host: string, port: number) {
    super();
    // writes before the connection is up are buffered by the socket
    this.socket = connect({ host, port });
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk, `${host}:${port}`));
    this.socket.on('error', (error) => this.close(`could not talk to the debug server at ${host}:${port}: ${error.message}`));
    this.socket.on('close', () => this.close(`the debug server at ${host}:${port} closed the connection`));
  }

  send(message: DapMessage): void {
    if (!this.closed) this.socket.write(encodeDapMessage(message));
  }

  override dispose(): void {
    this.socket.destroy();
    super.dispose();
  }
}

/** An adapter living in this process, such as the mock debugger's LoggingDebugSession. */
export interface InProcessAdapter {
  handleMessage(message: never): void;
  onDidSendMessage(listener: (message: unknown) => void): IDisposable;
  dispose(): unknown;
}

export class InProcessDapBackend implements DapBackend {
  private readonly messages = new Emitter<DapMessage>();
  private readonly closes = new Emitter<string>();
  readonly onMessage = this.messages.event;
  readonly onClose = this.closes.event;
  private readonly subscription: IDisposable;

  constructor(private readonly adapter: InProcessAdapter) {
    this.subscription = adapter.onDidSendMessage((message) => this.messages.fire(message as DapMessage));
  }

  send(message: DapMessage): void {
    this.adapter.handleMessage(message as never);
  }

  dispose(): void {
    this.subscription.dispose();
    this.adapter.dispose();
    this.closes.fire('disposed');
    this.messages.dispose();
    this.closes.dispose();
  }
}
