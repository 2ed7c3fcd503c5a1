// The project's own launch configurations: listing them, and start_debugging by configurationName
// (the branch of that tool which starts a launch.json configuration or compound).
import { z } from 'zod';
import type { DebugBridge, NamedLaunchSpec } from '../../debug/debugBridge';
import { DebugError } from '../../debug/debugErrors';
import { wordDebugError } from '../debugErrorWording';
import { defineTool, type ToolContext, type ToolDefinition, type ToolResult } from '../toolDefinition';
import { describeExecutionOutcome, waitOptions } from './toolSupport';

export const configurationNameField = z
  .string()
  .min(1)
  .optional()
  .describe('Start this launch configuration or compound of the workspace (list_launch_configurations) instead of scriptPath: VS Code resolves its variables, runs its preLaunchTask, reads its envFile. args, cwd, env and stopOnEntry given here override its own.');
export const folderField = z.string().min(1).optional().describe('With configurationName: the workspace folder (name or path) whose configuration to start, or "user settings" for the user\'s own, when several have one of that name.');

const FIELDS_OF_NAMED_START = new Set(['sessionId', 'configurationName', 'folder', 'scriptPath', 'args', 'cwd', 'env', 'stopOnEntry', 'dapLaunchArgs', 'timeoutMs']);

/** What is wrong with a start_debugging input across its fields (scriptPath or configurationName), for its checkInput. */
export function checkStartInput(args: Record<string, unknown>): string | undefined {
  if (args.configurationName === undefined) {
    if (args.scriptPath === undefined) return 'Give scriptPath (the program to debug) or configurationName (a launch configuration of the workspace; list_launch_configurations lists them).';
    if (args.folder !== undefined) return 'folder only applies with configurationName.';
    return undefined;
  }
  const extra = Object.keys(args).filter((field) => args[field] !== undefined && !FIELDS_OF_NAMED_START.has(field));
  if (extra.length > 0) return `With configurationName, ${extra.join(', ')} cannot be given: the configuration in launch.json says those. Fields that override it: scriptPath, args, cwd, env, stopOnEntry.`;
  const launchArgs = args.dapLaunchArgs as Record<string, unknown> | undefined;
  if (launchArgs && Object.keys(launchArgs).some((field) => field !== 'stopOnEntry')) return 'With configurationName, dapLaunchArgs may only carry stopOnEntry.';
  return undefined;
}

/** start_debugging with configurationName: the configuration's start, or its preLaunchTask's failure with the task's name and output. */
export async function startConfiguration(bridge: DebugBridge, sessionId: string, spec: NamedLaunchSpec, timeoutMs: number | undefined, context: ToolContext): Promise<ToolResult> {
  try {
    const outcome = await bridge.launchConfiguration(sessionId, spec, waitOptions(timeoutMs, context.signal));
    const session = bridge.getSession(sessionId);
    const described = await describeExecutionOutcome(bridge, outcome, `Debugging started for configuration "${spec.configurationName}" (${session.debugType ?? session.language}). Current state: ${outcome.state}`);
    const result: ToolResult = { ...described, configurationName: spec.configurationName, language: session.language };
    if (session.debugType) result.debugType = session.debugType;
    if (outcome.preLaunchTask) result.preLaunchTask = outcome.preLaunchTask;
    if (outcome.sessions) {
      result.sessions = outcome.sessions.map((part) => {
        const view: Record<string, unknown> = { sessionId: part.sessionId, configurationName: part.configurationName, state: part.state };
        if (part.reason !== undefined) view.reason = part.reason;
        if (part.location) view.location = part.location;
        if (part.exitCode !== undefined) view.exitCode = part.exitCode;
        return view;
      });
      result.message = `${described.message}. The compound started ${outcome.sessions.length} session(s), each driven by its own sessionId: ${outcome.sessions.map((part) => `${part.sessionId} (${part.configurationName}, ${part.state})`).join('; ')}.`;
    }
    result.data = { launchConfiguration: outcome.configuration };
    return result;
  } catch (error) {
    return taskFailureAnswer(error, bridge, sessionId, 'start_debugging');
  }
}

/** A failing preLaunchTask as the answer of the tool that ran it: the task's name, exit code and output tail; any other error is thrown on. */
export function taskFailureAnswer(error: unknown, bridge: DebugBridge, sessionId: string, tool: string): ToolResult {
  if (!(error instanceof DebugError) || error.fact.kind !== 'task_failed') throw error;
  const fact = error.fact;
  const result: ToolResult = { success: false, error: wordDebugError(fact, tool), code: error.code, state: bridge.getSession(sessionId).state, task: fact.task, outputTail: fact.outputTail };
  if (fact.exitCode !== undefined) result.exitCode = fact.exitCode;
  if (fact.timedOutAfterMs !== undefined) result.timedOutAfterMs = fact.timedOutAfterMs;
  return result;
}

export function createLaunchConfigurationTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    defineTool({
      name: 'list_launch_configurations',
      description:
        'List the launch configurations and compounds of every workspace folder\'s .vscode/launch.json, of a .code-workspace file and of the user\'s settings (launch in settings.json; their folder is "user settings"), as VS Code\'s Run and Debug offers them. Start one with start_debugging { sessionId, configurationName } (and folder when a name repeats).',
      inputSchema: {},
      outputSchema: {
        success: z.boolean(),
        configurations: z.array(z.object({ name: z.string(), type: z.string(), request: z.string(), folder: z.string(), compound: z.boolean() })),
        count: z.number(),
      },
      async handler() {
        const configurations = bridge.listLaunchConfigurations();
        return { success: true, configurations, count: configurations.length };
      },
    }),
  ];
}
