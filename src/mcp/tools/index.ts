import type { DebugBridge } from '../../debug/debugBridge';
import type { ToolDefinition } from '../toolDefinition';
import { createBreakpointTools } from './breakpointTools';
import { createExceptionTools } from './exceptionTools';
import { createExecutionTools } from './executionTools';
import { createInspectionTools } from './inspectionTools';
import { createLaunchConfigurationTools } from './launchConfigurationTools';
import { createMiscTools } from './miscTools';
import { createRunToLineTools } from './runToLineTools';
import { createSessionTools } from './sessionTools';
import { createTestTools } from './testTools';

/** Every tool the MCP server and the debug endpoint serve, all driving VS Code's debugger through one bridge. */
export function createTools(bridge: DebugBridge): ToolDefinition[] {
  return [
    ...createSessionTools(bridge),
    ...createBreakpointTools(bridge),
    ...createExceptionTools(bridge),
    ...createLaunchConfigurationTools(bridge),
    ...createExecutionTools(bridge),
    ...createRunToLineTools(bridge),
    ...createTestTools(bridge),
    ...createInspectionTools(bridge),
    ...createMiscTools(bridge),
  ];
}
