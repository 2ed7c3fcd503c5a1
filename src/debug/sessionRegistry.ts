// Our sessions, keyed by our id and by the VS Code debug sessions that back them. Sessions the
// user starts from VS Code become records too (startedBy "user"), and are dropped when they end.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Emitter } from '../common/emitter';
import type { SessionChange } from './debugBridge';
import { DebugError } from './debugErrors';
import { DebugRecordOf, type RecordChange } from './debugRecord';
import { runsWithoutDebugging } from './sessionConfigurations';

/** Put in the configurations we start, so the started VS Code session finds its record. */
export const SESSION_MARKER = '__mcpLiveDebuggerSession';

/** The record of one debug session, bound to the VS Code session its requests go to. */
export type DebugRecord = DebugRecordOf<vscode.DebugSession>;

/** Record changes that others can see in a session's state, stop or output. */
const SESSION_CHANGES: Partial<Record<RecordChange, SessionChange['what']>> = { state: 'state', output: 'output' };

export class SessionRegistry implements vscode.Disposable {
  private readonly records = new Map<string, DebugRecord>();
  private readonly byVscodeId = new Map<string, DebugRecord>();
  private readonly changes = new Emitter<SessionChange>();
  readonly onDidChangeSession = this.changes.event;
  /** Fires with a record each time VS Code ended one of the debug sessions bound to it. */
  private readonly vscodeSessionEnded = new Emitter<DebugRecord>();

  constructor(private readonly languageOfDebugType: (debugType: string) => string) {}

  create(input: { language: string; name?: string; executablePath?: string; debugType?: string }): DebugRecord {
    const id = randomUUID();
    const record = new DebugRecordOf<vscode.DebugSession>({
      id,
      name: input.name?.trim() || `${input.language} session ${id.slice(0, 8)}`,
      language: input.language,
      startedBy: 'agent',
      executablePath: input.executablePath,
      debugType: input.debugType,
    });
    this.add(record);
    return record;
  }

  get(id: string): DebugRecord | undefined {
    return this.records.get(id);
  }

  /** The record of `id`; an unknown id fails with the sessions there are. */
  require(id: string): DebugRecord {
    const record = this.records.get(id);
    if (record) return record;
    const known = this.all().map((candidate) => ({ id: candidate.id, name: candidate.name, state: candidate.state }));
    throw new DebugError({ kind: 'unknown_session', sessionId: id, known });
  }

  all(): DebugRecord[] {
    return [...this.records.values()];
  }

  ofVscodeSession(vscodeSession: vscode.DebugSession): DebugRecord | undefined {
    return this.byVscodeId.get(vscodeSession.id);
  }

  /**
   * Resolves once VS Code has ended every debug session bound to `record` (js-debug: the child and
   * its parent; onDidTerminateDebugSession), answering true, or false when `timeoutMs` elapsed first.
   */
  whenVscodeSessionsEnded(record: DebugRecord, timeoutMs: number): Promise<boolean> {
    const bound = () => [...this.byVscodeId.values()].includes(record);
    if (!bound()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (ended: boolean) => {
        clearTimeout(timer);
        subscription.dispose();
        resolve(ended);
      };
      const subscription = this.vscodeSessionEnded.event((ended) => {
        if (ended === record && !bound()) finish(true);
      });
      const timer = setTimeout(() => finish(!bound()), timeoutMs);
    });
  }

  delete(id: string): void {
    const record = this.records.get(id);
    if (!record) return;
    this.records.delete(id);
    for (const [vscodeId, bound] of this.byVscodeId) if (bound === record) this.byVscodeId.delete(vscodeId);
    record.dispose();
    this.changes.fire({ sessionId: id, what: 'closed' });
  }

  /**
   * Finds or makes the record of a VS Code session: ours (by marker), a child of ours (js-debug
   * runs the program in a child session, which then receives the requests), or the user's.
   */
  bind(vscodeSession: vscode.DebugSession): DebugRecord {
    const known = this.byVscodeId.get(vscodeSession.id);
    if (known) return known;
    const marker: unknown = vscodeSession.configuration[SESSION_MARKER];
    const ours = typeof marker === 'string' ? this.records.get(marker) : undefined;
    const parent = vscodeSession.parentSession ? this.byVscodeId.get(vscodeSession.parentSession.id) : undefined;
    let record: DebugRecord;
    if (ours) {
      record = ours;
      record.rootHandle = vscodeSession;
    } else if (parent) {
      record = parent;
    } else {
      record = new DebugRecordOf<vscode.DebugSession>({
        id: vscodeSession.id,
        name: vscodeSession.name,
        language: this.languageOfDebugType(vscodeSession.type),
        startedBy: 'user',
        debugType: vscodeSession.type,
      });
      record.rootHandle = vscodeSession;
      record.mode = vscodeSession.configuration.request === 'attach' ? 'attach' : 'launch';
      this.add(record);
      record.setState('initializing');
    }
    this.byVscodeId.set(vscodeSession.id, record);
    record.noDebug = runsWithoutDebugging(vscodeSession);
    record.bindHandle(vscodeSession, vscodeSession.id);
    return record;
  }

  /** A VS Code session ended: its record ends when it was the current one; user records are dropped. */
  ended(vscodeSession: vscode.DebugSession): void {
    const record = this.byVscodeId.get(vscodeSession.id);
    this.byVscodeId.delete(vscodeSession.id);
    if (!record) return;
    this.vscodeSessionEnded.fire(record);
    const current = record.handleId === vscodeSession.id || record.rootHandle?.id === vscodeSession.id;
    if (current && !record.ended) record.end();
    else if (current) record.releaseHandles();
    if (record.startedBy === 'user' && record.ended) {
      const stillBound = [...this.byVscodeId.values()].includes(record);
      if (!stillBound) this.delete(record.id);
    }
  }

  dispose(): void {
    for (const record of this.records.values()) record.dispose();
    this.records.clear();
    this.byVscodeId.clear();
    this.changes.dispose();
    this.vscodeSessionEnded.dispose();
  }

  private add(record: DebugRecord): void {
    this.records.set(record.id, record);
    record.onDidChange((change) => {
      const what = SESSION_CHANGES[change];
      if (what) this.changes.fire({ sessionId: record.id, what });
    });
    this.changes.fire({ sessionId: record.id, what: 'created' });
  }
}
