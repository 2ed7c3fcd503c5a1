// Hot code replace of changed Java classes, through the Java Debugger extension's own command.
// That command takes no list: the Java debugger finds the changed classes itself. So the
// classes directory is read here only to say which .class files changed since the given moment
// (and to ask for nothing when none did), never to choose what is replaced.
import * as vscode from 'vscode';
import { recordChildSpan } from '../trace/spanRecorder';
import { scanClassFiles } from './classFiles';
import type { HotCodeReplaceOutcome } from './debugBridge';
import { DebugError } from './debugErrors';
import { touch } from './dapRequests';
import type { DebugRecord } from './sessionRegistry';

const JAVA_DEBUGGER_EXTENSION = 'vscjava.vscode-java-debug';
const HOT_CODE_REPLACE_COMMAND = 'java.debug.hotCodeReplace';

export async function redefineClasses(record: DebugRecord, input: { classesDir: string; sinceTimestamp?: number }): Promise<HotCodeReplaceOutcome> {
  if (record.debugType !== 'java') throw new DebugError({ kind: 'not_java', sessionId: record.id, language: record.language });
  if (!record.handle) throw new DebugError({ kind: 'no_program', sessionId: record.id, state: record.state });
  const since = input.sinceTimestamp ?? 0;
  const scan = await scanClassFiles(input.classesDir, since).catch((error: unknown) => {
    throw new DebugError({ kind: 'classes_dir_unreadable', path: input.classesDir, problem: error instanceof Error ? error.message : String(error) });
  });
  const outcome: HotCodeReplaceOutcome = {
    classesDir: input.classesDir,
    sinceTimestamp: since,
    changedClassFiles: scan.changed.map((change) => change.path),
    scannedFiles: scan.scannedFiles,
    newestTimestamp: scan.newestTimestamp,
    asked: false,
  };
  if (scan.changed.length === 0) return outcome;
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes(HOT_CODE_REPLACE_COMMAND)) throw new DebugError({ kind: 'hot_code_replace_missing', extension: JAVA_DEBUGGER_EXTENSION });
  touch(record);
  await recordChildSpan('vscode.command', { command: HOT_CODE_REPLACE_COMMAND, request: input }, () => Promise.resolve(vscode.commands.executeCommand(HOT_CODE_REPLACE_COMMAND)));
  return { ...outcome, asked: true, command: HOT_CODE_REPLACE_COMMAND };
}
