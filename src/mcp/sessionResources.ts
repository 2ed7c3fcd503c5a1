// The MCP resources of the debugger: the guide, and per live session its program output and its
// current stop. Read from the bridge on demand; the bridge's session events say when one changed.
import type { DebugBridge, SessionChange, SessionInfo } from '../debug/debugBridge';
import { DEBUGGING_GUIDE, GUIDE_URI } from './agentGuidance';
import { isInternalVariable, pickLocalScope } from './tools/internalVariables';
import { capValue } from './tools/toolSupport';

const SESSION_URI = /^debug:\/\/sessions\/([^/]+)\/(output|stop)$/;
const OUTPUT_PAGE = 1000;
const MAX_OUTPUT_CHARS = 256 * 1024;
const SOURCE_CONTEXT_LINES = 3;
const MAX_LOCALS = 100;

export interface ResourceDescription {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType: string;
}

export interface ResourceTemplateDescription {
  uriTemplate: string;
  name: string;
  title?: string;
  description: string;
  mimeType: string;
}

export interface ResourceContents {
  uri: string;
  mimeType: string;
  text: string;
}

/** What a session change means for the resources: one of them changed, or the list did. */
export type ResourceChange = { kind: 'updated'; uri: string } | { kind: 'listChanged' };

export class ResourceNotFoundError extends Error {}

export const RESOURCE_TEMPLATES: readonly ResourceTemplateDescription[] = [
  {
    uriTemplate: 'debug://sessions/{sessionId}/output',
    name: 'session-output',
    title: 'Program output of a debug session',
    description: 'Everything the debugged program printed so far (stdout, stderr, console), as text.',
    mimeType: 'text/plain',
  },
  {
    uriTemplate: 'debug://sessions/{sessionId}/stop',
    name: 'session-stop',
    title: 'Current stop of a debug session',
    description: 'Where the session is paused: reason, location, the source around it and the locals of the top frame (JSON).',
    mimeType: 'application/json',
  },
];

export function outputUri(sessionId: string): string {
  return `debug://sessions/${encodeURIComponent(sessionId)}/output`;
}

export function stopUri(sessionId: string): string {
  return `debug://sessions/${encodeURIComponent(sessionId)}/stop`;
}

export class SessionResources {
  constructor(private readonly bridge: DebugBridge) {}

  list(): ResourceDescription[] {
    const guide: ResourceDescription = { uri: GUIDE_URI, name: 'debugging-guide', title: 'Debugging guide', description: 'How to debug with these tools, step by step.', mimeType: 'text/markdown' };
    return [guide, ...this.bridge.listSessions().flatMap((session) => [
      { uri: outputUri(session.id), name: `${session.name} output`, description: `Program output of ${describeSession(session)}.`, mimeType: 'text/plain' },
      { uri: stopUri(session.id), name: `${session.name} stop`, description: `Current stop of ${describeSession(session)}.`, mimeType: 'application/json' },
    ])];
  }

  /** Throws `ResourceNotFoundError` with what exists when the URI names nothing. */
  async read(uri: string): Promise<ResourceContents> {
    if (uri === GUIDE_URI) return { uri, mimeType: 'text/markdown', text: DEBUGGING_GUIDE };
    const match = SESSION_URI.exec(uri);
    if (!match) throw new ResourceNotFoundError(`Unknown resource ${uri}. Resources are ${GUIDE_URI}, debug://sessions/{sessionId}/output and debug://sessions/{sessionId}/stop.`);
    const sessionId = decodeURIComponent(match[1]);
    const session = this.bridge.listSessions().find((candidate) => candidate.id === sessionId);
    if (!session) {
      const known = this.bridge.listSessions().map((candidate) => candidate.id);
      throw new ResourceNotFoundError(`No debug session ${sessionId}${known.length > 0 ? `; live sessions: ${known.join(', ')}` : ': there is no live session'}. Call list_debug_sessions.`);
    }
    if (match[2] === 'output') return { uri, mimeType: 'text/plain', text: this.outputText(sessionId) };
    return { uri, mimeType: 'application/json', text: JSON.stringify(await this.stop(session), null, 2) };
  }

  /** Turns the bridge's session events into resource changes. */
  watch(listener: (change: ResourceChange) => void): { dispose(): void } {
    return this.bridge.onDidChangeSession((change: SessionChange) => {
      if (change.what === 'output') listener({ kind: 'updated', uri: outputUri(change.sessionId) });
      else if (change.what === 'state') listener({ kind: 'updated', uri: stopUri(change.sessionId) });
      else {
        listener({ kind: 'listChanged' });
        if (change.what === 'closed') {
          listener({ kind: 'updated', uri: outputUri(change.sessionId) });
          listener({ kind: 'updated', uri: stopUri(change.sessionId) });
        }
      }
    });
  }

  private outputText(sessionId: string): string {
    let text = '';
    let since = 0;
    for (;;) {
      const page = this.bridge.output(sessionId, since, OUTPUT_PAGE);
      text += page.entries.map((entry) => entry.output).join('');
      since = page.nextSince;
      if (!page.hasMore || page.entries.length === 0) break;
      if (text.length > MAX_OUTPUT_CHARS) return `${text.slice(0, MAX_OUTPUT_CHARS)}\n[output capped at ${MAX_OUTPUT_CHARS} characters: read the rest with get_output since ${since}]\n`;
    }
    return text;
  }

  private async stop(session: SessionInfo): Promise<Record<string, unknown>> {
    if (session.state !== 'paused') {
      const why = session.state === 'stopped'
        ? `The program ended${session.exitCode !== undefined ? ` with exit code ${session.exitCode}` : ''}.`
        : `The session is ${session.state}, not paused${session.noDebug ? ': its program runs without debugging (noDebug), so it never pauses' : ''}.`;
      return { sessionId: session.id, state: session.state, paused: false, ...(session.noDebug ? { noDebug: true } : {}), message: why };
    }
    const stop: Record<string, unknown> = { sessionId: session.id, state: session.state, paused: true, reason: session.lastStop?.reason };
    if (session.lastStop?.description) stop.description = session.lastStop.description;
    if (session.lastStop?.text) stop.text = session.lastStop.text;
    const frame = await this.bridge.topFrame(session.id);
    if (!frame) return { ...stop, message: 'No stack frame is available at this stop.' };
    stop.location = { file: frame.file, line: frame.line, column: frame.column, function: frame.name };
    stop.source = await this.sourceAround(frame.file, frame.line);
    stop.locals = await this.locals(session, frame.id);
    return stop;
  }

  private async sourceAround(file: string, line: number): Promise<{ line: number; text: string; current: boolean }[] | undefined> {
    try {
      const { lines } = await this.bridge.readSource(file);
      const first = Math.max(1, line - SOURCE_CONTEXT_LINES);
      const last = Math.min(lines.length, line + SOURCE_CONTEXT_LINES);
      const around = [];
      for (let number = first; number <= last; number++) around.push({ line: number, text: lines[number - 1], current: number === line });
      return around;
    } catch {
      // a source the adapter names but the disk does not have (generated code): the location still says where
      return undefined;
    }
  }

  private async locals(session: SessionInfo, frameId: number): Promise<{ name: string; value: string; type?: string }[] | undefined> {
    const scope = pickLocalScope(await this.bridge.scopes(session.id, frameId));
    if (!scope) return undefined;
    const variables = await this.bridge.variables(session.id, scope.variablesReference);
    return variables
      .filter((variable) => !isInternalVariable(session.language, variable.name))
      .slice(0, MAX_LOCALS)
      .map((variable) => ({ name: variable.name, value: capValue(variable.value).value, ...(variable.type ? { type: variable.type } : {}) }));
  }
}

function describeSession(session: SessionInfo): string {
  return `${session.name} (${session.language}, ${session.state})`;
}
