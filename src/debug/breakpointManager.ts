// Breakpoints are VS Code's own SourceBreakpoints, so they show in the gutter and every session
// (the agent's and the user's) receives them. A session remembers which ones it set; the
// adapter's answer (verified, placed line) is read back through getDebugProtocolBreakpoint.
// Function breakpoints are VS Code's FunctionBreakpoints (the Breakpoints view lists them).
import * as vscode from 'vscode';
import type { BreakpointInfo, BreakpointSpec, FunctionBreakpointInfo, FunctionBreakpointSpec } from './debugBridge';
import { DebugError } from './debugErrors';
import type { DebugRecord } from './sessionRegistry';
import { resolveSourcePath, uriToPath, type SourceCache } from './sourceFiles';

/** How long adding a breakpoint waits for a running adapter's answer to it. */
const VERIFY_WAIT_MS = 2000;

type ListedBreakpoint = vscode.SourceBreakpoint | vscode.FunctionBreakpoint;

export class BreakpointManager {
  /** The file each function breakpoint was set for, by VS Code breakpoint id, until the adapter places it. */
  private readonly functionFiles = new Map<string, string>();

  constructor(private readonly sources: SourceCache) {}

  async addFunction(record: DebugRecord, spec: FunctionBreakpointSpec): Promise<BreakpointInfo> {
    const breakpoint = new vscode.FunctionBreakpoint(spec.functionName, true, spec.condition, spec.hitCondition, spec.logMessage);
    const answeredBefore = record.functionBreakpointAnswers.get(spec.functionName);
    this.functionFiles.set(breakpoint.id, resolveSourcePath(spec.file));
    vscode.debug.addBreakpoints([breakpoint]);
    record.ownedBreakpoints.add(breakpoint.id);
    if (record.handle && !record.ended && !record.noDebug) {
      await record.waitFor(() => {
        const answer = record.functionBreakpointAnswers.get(spec.functionName);
        return answer !== undefined && answer !== answeredBefore;
      }, VERIFY_WAIT_MS, undefined, 'breakpoints');
    }
    return this.describe(record, breakpoint);
  }

  /**
   * A breakpoint at `line` for one run to a line, unless an enabled one is there already: the
   * caller removes it when the wait ends. It is not the session's (a listing omits it).
   */
  async addTemporary(record: DebugRecord, file: string, line: number): Promise<vscode.SourceBreakpoint | undefined> {
    const source = await this.sources.read(file);
    if (line > source.lines.length) throw new DebugError({ kind: 'line_out_of_range', path: source.path, line, lineCount: source.lines.length });
    const existing = vscode.debug.breakpoints.some((breakpoint) => breakpoint instanceof vscode.SourceBreakpoint && breakpoint.enabled
      && uriToPath(breakpoint.location.uri) === source.path && breakpoint.location.range.start.line === line - 1);
    if (existing) return undefined;
    const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(source.path), new vscode.Position(line - 1, 0)));
    const answeredBefore = record.breakpointAnswers.get(source.path);
    vscode.debug.addBreakpoints([breakpoint]);
    await record.waitFor(() => record.breakpointAnswers.get(source.path) !== answeredBefore && record.breakpointAnswers.get(source.path)?.has(line) === true, VERIFY_WAIT_MS, undefined, 'breakpoints');
    return breakpoint;
  }

  removeTemporary(breakpoint: vscode.SourceBreakpoint): void {
    if (vscode.debug.breakpoints.some((known) => known.id === breakpoint.id)) vscode.debug.removeBreakpoints([breakpoint]);
  }

  async add(record: DebugRecord, spec: BreakpointSpec): Promise<BreakpointInfo> {
    const source = await this.sources.read(spec.file);
    if (spec.line > source.lines.length) {
      throw new DebugError({ kind: 'line_out_of_range', path: source.path, line: spec.line, lineCount: source.lines.length });
    }
    const breakpoint = new vscode.SourceBreakpoint(
      new vscode.Location(vscode.Uri.file(source.path), new vscode.Position(spec.line - 1, 0)),
      true,
      spec.condition,
      spec.hitCondition,
      spec.logMessage,
    );
    const answeredBefore = record.breakpointAnswers.get(source.path);
    vscode.debug.addBreakpoints([breakpoint]);
    record.ownedBreakpoints.add(breakpoint.id);
    // in a run without debugging nothing binds it, so no answer comes to wait for
    if (record.handle && !record.ended && !record.noDebug) {
      // VS Code sends the file's breakpoints again; the adapter's answer says where this one went
      await record.waitFor(() => record.breakpointAnswers.get(source.path) !== answeredBefore && record.breakpointAnswers.get(source.path)?.has(spec.line) === true, VERIFY_WAIT_MS, undefined, 'breakpoints');
    }
    return this.describe(record, breakpoint);
  }

  /** The session's source breakpoints: those it set, and for a user's session every one. */
  async list(record: DebugRecord, file?: string): Promise<BreakpointInfo[]> {
    return (await this.listAll(record, file)).filter((info) => info.functionName === undefined);
  }

  /** Source and function breakpoints, for removing either by id. */
  private async listAll(record: DebugRecord, file?: string): Promise<BreakpointInfo[]> {
    const path = file === undefined ? undefined : resolveSourcePath(file);
    const all = await Promise.all(this.breakpointsOf(record).map((breakpoint) => this.describe(record, breakpoint)));
    return all.filter((info) => path === undefined || info.file === path);
  }

  listFunctions(record: DebugRecord): FunctionBreakpointInfo[] {
    return vscode.debug.breakpoints
      .filter((breakpoint): breakpoint is vscode.FunctionBreakpoint => breakpoint instanceof vscode.FunctionBreakpoint && (record.startedBy === 'user' || record.ownedBreakpoints.has(breakpoint.id)))
      .map((breakpoint) => ({
        id: breakpoint.id,
        functionName: breakpoint.functionName,
        enabled: breakpoint.enabled,
        // the adapter's answer as the DAP tracker saw it (VS Code hands extensions none)
        verified: record.ended ? false : record.functionBreakpointAnswers.get(breakpoint.functionName)?.verified === true,
        ...(breakpoint.condition ? { condition: breakpoint.condition } : {}),
      }));
  }

  async remove(record: DebugRecord, target: { breakpointId?: string; file?: string; line?: number }): Promise<BreakpointInfo[]> {
    const all = await this.listAll(record);
    const matches = target.breakpointId !== undefined
      ? all.filter((info) => info.id === target.breakpointId)
      : all.filter((info) => info.file === resolveSourcePath(target.file ?? '') && (info.line === target.line || info.requestedLine === target.line));
    this.removeIds(record, matches.map((info) => info.id));
    return matches;
  }

  /** Clears the breakpoints this session set (never the user's own). */
  async clear(record: DebugRecord, file?: string): Promise<BreakpointInfo[]> {
    const owned = (await this.listAll(record, file)).filter((info) => record.ownedBreakpoints.has(info.id));
    this.removeIds(record, owned.map((info) => info.id));
    return owned;
  }

  removeOwned(record: DebugRecord): void {
    this.removeIds(record, [...record.ownedBreakpoints]);
  }

  private removeIds(record: DebugRecord, ids: readonly string[]): void {
    const wanted = new Set(ids);
    const breakpoints = vscode.debug.breakpoints.filter((breakpoint) => wanted.has(breakpoint.id));
    if (breakpoints.length > 0) vscode.debug.removeBreakpoints(breakpoints);
    for (const id of ids) {
      record.ownedBreakpoints.delete(id);
      this.functionFiles.delete(id);
    }
  }

  private breakpointsOf(record: DebugRecord): ListedBreakpoint[] {
    return vscode.debug.breakpoints.filter(
      (breakpoint): breakpoint is ListedBreakpoint =>
        (breakpoint instanceof vscode.SourceBreakpoint || breakpoint instanceof vscode.FunctionBreakpoint)
        && (record.startedBy === 'user' || record.ownedBreakpoints.has(breakpoint.id)),
    );
  }

  private describe(record: DebugRecord, breakpoint: ListedBreakpoint): Promise<BreakpointInfo> {
    return breakpoint instanceof vscode.SourceBreakpoint ? this.describeSource(record, breakpoint) : this.describeFunction(record, breakpoint);
  }

  private async describeFunction(record: DebugRecord, breakpoint: vscode.FunctionBreakpoint): Promise<BreakpointInfo> {
    const answer = record.ended ? undefined : record.functionBreakpointAnswers.get(breakpoint.functionName);
    const info: BreakpointInfo = {
      id: breakpoint.id,
      functionName: breakpoint.functionName,
      file: answer?.path ?? this.functionFiles.get(breakpoint.id) ?? '',
      line: answer?.line ?? 0,
      requestedLine: 0,
      verified: answer?.verified ?? false,
      enabled: breakpoint.enabled,
    };
    if (breakpoint.condition) info.condition = breakpoint.condition;
    if (breakpoint.hitCondition) info.hitCondition = breakpoint.hitCondition;
    if (breakpoint.logMessage) info.logMessage = breakpoint.logMessage;
    if (answer?.message) info.message = answer.message;
    return info;
  }

  private async describeSource(record: DebugRecord, breakpoint: vscode.SourceBreakpoint): Promise<BreakpointInfo> {
    const requestedLine = breakpoint.location.range.start.line + 1;
    const info: BreakpointInfo = {
      id: breakpoint.id,
      file: uriToPath(breakpoint.location.uri),
      line: requestedLine,
      requestedLine,
      verified: false,
      enabled: breakpoint.enabled,
    };
    if (breakpoint.condition) info.condition = breakpoint.condition;
    if (breakpoint.hitCondition) info.hitCondition = breakpoint.hitCondition;
    if (breakpoint.logMessage) info.logMessage = breakpoint.logMessage;
    const answer = record.ended ? undefined : record.breakpointAnswers.get(info.file)?.get(requestedLine);
    if (answer) {
      info.verified = answer.verified;
      if (answer.line !== undefined) info.line = answer.line;
      if (answer.message) info.message = answer.message;
      return info;
    }
    const vscodeSession = record.ended ? undefined : record.handle;
    if (vscodeSession) {
      const answer = await Promise.resolve(vscodeSession.getDebugProtocolBreakpoint(breakpoint)).catch(() => undefined);
      const dap = answer as { verified?: boolean; line?: number; message?: string } | undefined;
      if (dap) {
        info.verified = dap.verified === true;
        if (typeof dap.line === 'number') info.line = dap.line;
        if (dap.message) info.message = dap.message;
      }
    }
    return info;
  }
}
