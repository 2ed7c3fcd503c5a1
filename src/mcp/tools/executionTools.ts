// Running and stepping: every call that resumes the program waits for the adapter's next stop or
// the program's end (event-driven, bounded per call) and answers where it is now.
import { z } from 'zod';
import type { DebugBridge } from '../../debug/debugBridge';
import { defineTool, type ToolDefinition } from '../toolDefinition';
import { checkStartInput, configurationNameField, folderField, startConfiguration, taskFailureAnswer } from './launchConfigurationTools';
import { describeExecutionOutcome, executionOutput, passthroughObject, PAUSED, sessionIdField, STARTABLE, timeoutField, waitOptions } from './toolSupport';

export function createExecutionTools(bridge: DebugBridge): ToolDefinition[] {
  const stepTool = (name: string, kind: 'over' | 'into' | 'out', what: string) =>
    defineTool({
      name,
      description: `${what} Waits for the program to stop again (up to timeoutMs, default 10 s) and answers the new location with its source; state "running" with pending:true if it did not stop in time, state "stopped" with the exit code if the program ended.`,
      inputSchema: { sessionId: sessionIdField, timeoutMs: timeoutField },
      outputSchema: executionOutput,
      session: { sessions: bridge, states: PAUSED },
      async handler(args, context) {
        const outcome = await bridge.step(args.sessionId, kind, waitOptions(args.timeoutMs, context.signal));
        return describeExecutionOutcome(bridge, outcome, `Stepped ${kind}`);
      },
    });

  return [
    defineTool({
      name: 'start_debugging',
      description:
        'Start debugging a script, or a launch configuration of the workspace (configurationName; its preLaunchTask runs first, and a failing task answers its name and output), in a created session. The program shows in VS Code\'s debug toolbar and views. Waits until it pauses (breakpoint or stopOnEntry) or ends, up to timeoutMs (default 10 s); with no breakpoints it answers once the program runs. A compound starts every part, each in its own session (answered in sessions). dryRunSpawn starts nothing: it checks what the launch of a script needs and says what is missing.',
      inputSchema: {
        sessionId: sessionIdField,
        scriptPath: z.string().min(1).optional().describe('Program to debug: absolute path or relative to the first workspace folder. Required unless configurationName is given (then it replaces the configuration\'s program).'),
        configurationName: configurationNameField,
        folder: folderField,
        args: z.array(z.string()).optional().describe('Command-line arguments of the program.'),
        cwd: z.string().optional().describe('Working directory (default: the workspace folder).'),
        env: z.record(z.string(), z.string()).optional().describe('Extra environment variables.'),
        dapLaunchArgs: z
          .object({ stopOnEntry: z.boolean().optional(), justMyCode: z.boolean().optional() })
          .passthrough()
          .optional()
          .describe('DAP launch arguments: stopOnEntry, justMyCode, and any adapter-specific ones.'),
        adapterLaunchConfig: passthroughObject.optional().describe('Merged last into the VS Code launch configuration (any field of the debugger\'s launch.json).'),
        dryRunSpawn: z.boolean().optional().describe('Start nothing: check what the launch of scriptPath needs (the script, the debugger, the interpreter or runtime and, for Python, that it imports debugpy) and return the launch configuration with what is missing.'),
        timeoutMs: timeoutField,
      },
      outputSchema: {
        ...executionOutput,
        configurationName: z.string().optional(),
        language: z.string().optional(),
        sessions: z.array(z.object({ sessionId: z.string(), configurationName: z.string(), state: z.string() }).passthrough()).optional().describe('A compound: each part\'s session.'),
        task: z.string().optional().describe('A failing preLaunchTask.'),
        outputTail: z.array(z.string()).optional().describe('The end of the failing preLaunchTask\'s output.'),
      },
      checkInput: checkStartInput,
      // a dry run only builds the configuration, which works in any state
      session: { sessions: bridge, states: (args) => (args.dryRunSpawn ? undefined : STARTABLE) },
      async handler(args, context) {
        const { stopOnEntry, justMyCode, ...extraLaunchArgs } = args.dapLaunchArgs ?? {};
        if (args.configurationName !== undefined) {
          const named = { configurationName: args.configurationName, folder: args.folder, scriptPath: args.scriptPath, args: args.args, cwd: args.cwd, env: args.env, stopOnEntry };
          return startConfiguration(bridge, args.sessionId, named, args.timeoutMs, context);
        }
        // checkStartInput made sure of it
        const scriptPath = args.scriptPath ?? '';
        const spec = {
          scriptPath,
          args: args.args,
          cwd: args.cwd,
          env: args.env,
          stopOnEntry,
          justMyCode,
          dapLaunchArgs: extraLaunchArgs,
          adapterLaunchConfig: args.adapterLaunchConfig,
        };
        if (args.dryRunSpawn) {
          const plan = await bridge.planLaunch(args.sessionId, spec);
          const state = bridge.getSession(args.sessionId).state;
          const data = { dryRun: true, launchConfiguration: plan.configuration, missing: plan.missing, ...(plan.notChecked.length > 0 ? { notChecked: plan.notChecked } : {}) };
          const unchecked = plan.notChecked.length > 0 ? ` Not checked: ${plan.notChecked.join('; ')}.` : '';
          if (plan.missing.length > 0) {
            return { success: false, state, error: `Dry run: the launch would fail: ${plan.missing.join('; ')}. Nothing was started.${unchecked}`, data };
          }
          return {
            success: true,
            state,
            message: `Dry run: the script is readable and the debugger and what it runs were found; nothing was started.${unchecked}`,
            data,
          };
        }
        const outcome = await bridge.launch(args.sessionId, spec, waitOptions(args.timeoutMs, context.signal));
        const described = await describeExecutionOutcome(bridge, outcome, `${outcome.noDebug ? `Started ${scriptPath} without debugging` : `Debugging started for ${scriptPath}`}. Current state: ${outcome.state}`);
        return {
          ...described,
          data: {
            message: described.message,
            reason: outcome.reason,
            stopOnEntrySuccessful: Boolean(stopOnEntry) && outcome.state === 'paused',
            launchConfiguration: outcome.configuration,
          },
        };
      },
    }),
    defineTool({
      name: 'restart_debugging',
      description: 'Restart the program with the configuration of the last start_debugging: runs its preLaunchTask again (a failing one answers its name and output and leaves the program as it was), stops the program if it runs, relaunches, re-applies the breakpoints, and waits like start_debugging. The output buffer starts fresh.',
      inputSchema: { sessionId: sessionIdField, timeoutMs: timeoutField },
      outputSchema: { ...executionOutput, task: z.string().optional().describe('A failing preLaunchTask.'), outputTail: z.array(z.string()).optional().describe('The end of the failing preLaunchTask\'s output.') },
      session: { sessions: bridge },
      async handler(args, context) {
        try {
          const outcome = await bridge.restart(args.sessionId, waitOptions(args.timeoutMs, context.signal));
          const described = await describeExecutionOutcome(bridge, outcome, `Debugging restarted${outcome.preLaunchTask ? ` after its preLaunchTask "${outcome.preLaunchTask.task}"` : ''}. Current state: ${outcome.state}`);
          return outcome.preLaunchTask ? { ...described, preLaunchTask: outcome.preLaunchTask } : described;
        } catch (error) {
          return taskFailureAnswer(error, bridge, args.sessionId, 'restart_debugging');
        }
      },
    }),
    defineTool({
      name: 'attach_to_process',
      description: 'Attach the session to a running program: a debug server at host:port (e.g. python -m debugpy --listen 5678, node --inspect=9229) or a local process id. Waits for the attach to complete.',
      inputSchema: {
        sessionId: sessionIdField,
        port: z.number().int().min(1).max(65535).optional().describe('Debug port to attach to.'),
        host: z.string().optional().describe('Host of the debug server (default 127.0.0.1).'),
        processId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional().describe('Process id for a local attach (language-specific).'),
        stopOnEntry: z.boolean().optional().describe('Stop right after attaching.'),
        justMyCode: z.boolean().optional().describe('Only debug user code.'),
        adapterConfig: passthroughObject.optional().describe('Adapter-specific attach configuration merged into the attach configuration.'),
        timeoutMs: timeoutField,
      },
      outputSchema: executionOutput,
      checkInput: (args) => (args.port === undefined && args.processId === undefined ? 'Provide port (with optional host) of a debug server, or processId of a local process.' : undefined),
      session: { sessions: bridge, states: STARTABLE },
      async handler(args, context) {
        const outcome = await bridge.attach(args.sessionId, {
          host: args.host, port: args.port, processId: args.processId === undefined ? undefined : Number(args.processId),
          stopOnEntry: args.stopOnEntry, justMyCode: args.justMyCode, adapterConfig: args.adapterConfig,
        }, waitOptions(args.timeoutMs, context.signal));
        const described = await describeExecutionOutcome(bridge, outcome, `Attached. Current state: ${outcome.state}`);
        return { ...described, data: { attachConfiguration: outcome.configuration } };
      },
    }),
    defineTool({
      name: 'detach_from_process',
      description: 'Detach from the debugged program, leaving it running (DAP disconnect with terminateDebuggee false; an adapter that cannot leave a launched program running is not asked, and the answer says so), or terminate it with terminateProcess: true.',
      inputSchema: { sessionId: sessionIdField, terminateProcess: z.boolean().optional().describe('Terminate the program instead of leaving it running (default false).') },
      outputSchema: { ...executionOutput, detached: z.boolean().optional(), terminated: z.boolean().optional(), sessionEnded: z.boolean().optional() },
      session: { sessions: bridge, states: ['initializing', 'ready', 'running', 'paused'] },
      async handler(args) {
        const outcome = await bridge.detach(args.sessionId, args.terminateProcess ?? false);
        const message = outcome.terminated
          ? 'Detached and terminated the program.'
          : outcome.sessionEnded
            ? 'Detached: the debug adapter let go of the program, which keeps running without the debugger.'
            : 'Detached: the debug adapter confirmed it let go of the program, which keeps running; VS Code has not ended its debug session yet.';
        return { success: true, state: outcome.state, detached: true, terminated: outcome.terminated, sessionEnded: outcome.sessionEnded, message };
      },
    }),
    stepTool('step_over', 'over', 'Step over the current line.'),
    stepTool('step_into', 'into', 'Step into the call on the current line.'),
    stepTool('step_out', 'out', 'Step out of the current function.'),
    defineTool({
      name: 'continue_execution',
      description: 'Continue execution. Waits for the next stop (breakpoint, exception) or the program\'s end up to timeoutMs (default 10 s) and answers it; waitForStop:false answers as soon as the adapter acknowledges.',
      inputSchema: {
        sessionId: sessionIdField,
        waitForStop: z.boolean().optional().describe('Wait for the next stop or the end (default true).'),
        timeoutMs: timeoutField,
      },
      outputSchema: executionOutput,
      session: { sessions: bridge, states: PAUSED },
      async handler(args, context) {
        const wait = args.waitForStop === false ? undefined : waitOptions(args.timeoutMs, context.signal);
        const outcome = await bridge.continue(args.sessionId, wait);
        if (!wait) return { success: true, state: outcome.state, message: 'Continued execution' };
        return describeExecutionOutcome(bridge, outcome, 'Continued execution');
      },
    }),
    defineTool({
      name: 'pause_execution',
      description: 'Pause a running program and answer where it stopped. A paused session answers at once.',
      inputSchema: {
        sessionId: sessionIdField,
        threadId: z.number().int().min(0).optional().describe('Thread to pause; omitted or 0 pauses the first thread (usually all).'),
        timeoutMs: timeoutField,
      },
      outputSchema: executionOutput,
      session: { sessions: bridge, states: ['running', 'ready', 'paused'] },
      async handler(args, context) {
        const session = bridge.getSession(args.sessionId);
        if (session.state === 'paused') {
          return {
            success: true,
            state: 'paused',
            message: 'Already paused',
            ...(session.lastStop ? { reason: session.lastStop.reason, data: { message: 'Already paused', stopReason: session.lastStop.reason } } : {}),
          };
        }
        const outcome = await bridge.pause(args.sessionId, args.threadId || undefined, waitOptions(args.timeoutMs, context.signal));
        return describeExecutionOutcome(bridge, outcome, 'Paused');
      },
    }),
  ];
}
