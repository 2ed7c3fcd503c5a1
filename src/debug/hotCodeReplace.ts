// Hot code replace of changed Java classes, through the Java Debugger extension's own command.
import * as vscode from 'vscode';
import { recordChildSpan } from '../trace/spanRecorder';
import { DebugError } from './debugErrors';
import { touch } from './dapRequests';
import type { DebugRecord } from './sessionRegistry';

const JAVA_DEBUGGER_EXTENSION = 'vscjava.vscode-java-debug';
const HOT_CODE_REPLACE_COMMAND = 'java.debug.hotCodeReplace';

export async function redefineClasses(record: DebugRecord, input: { classesDir: string; sinceTimestamp?: number }): Promise<Record<string, unknown>> {
  if (record.debugType !== 'java') throw new DebugError({ kind: 'not_java', sessionId: record.id, language: record.language });
  if (!record.handle) throw new DebugError({ kind: 'no_program', sessionId: record.id, state: record.state });
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes(HOT_CODE_REPLACE_COMMAND)) throw new DebugError({ kind: 'hot_code_replace_missing', extension: JAVA_DEBUGGER_EXTENSION });
  touch(record);
  await recordChildSpan('vscode.command', { command: HOT_CODE_REPLACE_COMMAND, request: input }, () => Promise.resolve(vscode.commands.executeCommand(HOT_CODE_REPLACE_COMMAND)));
  return { message: `Asked the Java debugger to hot-replace the classes changed under ${input.classesDir}.`, classesDir: input.classesDir };
}
