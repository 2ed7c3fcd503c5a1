// Where set_breakpoint puts a breakpoint given by content rather than by line: `lineContent`
// (lineTargets.ts), or `functionName` as the adapter's own function breakpoint where it has them,
// else on the first line of the function's body found in the file.
import type { BreakpointInfo, BreakpointSpec, DebugBridge } from '../../debug/debugBridge';
import type { ToolResult } from '../toolDefinition';
import { resolveLineTarget } from './lineTargets';
import { definedFunctionNames, findFunctionDefinition } from './sourceLineMatch';

export interface BreakpointRequest {
  sessionId: string;
  file: string;
  line?: number;
  lineContent?: string;
  functionName?: string;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

export type PlacedBreakpoint =
  | { breakpoint: BreakpointInfo; chosenBy: 'line' | 'lineContent' | 'functionName'; why: string; functionBreakpoint?: true }
  | { failure: ToolResult };

export async function placeBreakpoint(bridge: DebugBridge, request: BreakpointRequest): Promise<PlacedBreakpoint> {
  const extras = { condition: request.condition, hitCondition: request.hitCondition, logMessage: request.logMessage };
  if (request.functionName !== undefined) return placeOnFunction(bridge, request, request.functionName, extras);
  const target = await resolveLineTarget(bridge, request.file, request);
  if ('failure' in target) return target;
  const breakpoint = await bridge.setBreakpoint(request.sessionId, { file: request.file, line: target.line, ...extras });
  return { breakpoint, chosenBy: target.chosenBy, why: target.why };
}

async function placeOnFunction(
  bridge: DebugBridge,
  request: BreakpointRequest,
  functionName: string,
  extras: Pick<BreakpointSpec, 'condition' | 'hitCondition' | 'logMessage'>,
): Promise<PlacedBreakpoint> {
  const features = bridge.adapterFeatures(request.sessionId);
  if (features?.supportsFunctionBreakpoints) {
    const breakpoint = await bridge.setFunctionBreakpoint(request.sessionId, { functionName, file: request.file, ...extras });
    return { breakpoint, chosenBy: 'functionName', functionBreakpoint: true, why: `the debugger's own function breakpoint on ${functionName}: it stops when ${functionName} is called, wherever it is defined` };
  }
  const source = await bridge.readSource(request.file);
  const definition = findFunctionDefinition(source.lines, functionName);
  if (!definition) {
    const defined = definedFunctionNames(source.lines);
    return {
      failure: {
        success: false,
        error: `No definition of ${JSON.stringify(functionName)} was found in ${source.path}${features ? ', and its debugger has no function breakpoints' : ''}.${defined.length > 0 ? ` The file defines: ${defined.slice(0, 20).join(', ')}.` : ''} Give the file that defines it, or line / lineContent.`,
        ...(defined.length > 0 ? { definedFunctions: defined } : {}),
      },
    };
  }
  const breakpoint = await bridge.setBreakpoint(request.sessionId, { file: request.file, line: definition.bodyLine, ...extras });
  const sinceNoFeature = features
    ? 'its debugger has no function breakpoints'
    : "the debugger's features are not known before its program first starts";
  const where = definition.bodyLine === definition.definitionLine ? 'its one line' : `the first line of its body`;
  return {
    breakpoint,
    chosenBy: 'functionName',
    why: `${functionName} is defined at line ${definition.definitionLine} of ${source.path}; ${sinceNoFeature}, so the breakpoint is a line breakpoint on ${where} (line ${definition.bodyLine})`,
  };
}
