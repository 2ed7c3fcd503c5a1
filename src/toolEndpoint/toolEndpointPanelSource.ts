import { Disposable } from '../common/disposable';
import { Emitter } from '../common/emitter';
import type { ToolEndpointPanelState, ToolEndpointTool } from '../shared/toolEndpoint';
import type { EndpointTokenManager } from './endpointTokens';
import { describeTool } from '../mcp/mcpServerFactory';
import type { ToolDefinition } from '../mcp/toolDefinition';

/**
 * What the live panel shows about the debug endpoint, gathered in one place so the panel needs
 * neither the token manager nor zod: token state (no values), the origin, the tools' JSON schemas.
 */
export class ToolEndpointPanelSource extends Disposable {
  private origin: string | undefined;
  private toolsCache: { definitions: readonly ToolDefinition[]; tools: ToolEndpointTool[] } | undefined;
  private readonly changed = this.register(new Emitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly tokens: Pick<EndpointTokenManager, 'state' | 'onDidChange'>, private readonly tools: () => readonly ToolDefinition[], origin: Promise<string>) {
    super();
    this.register(tokens.onDidChange(() => this.changed.fire()));
    origin.then((value) => {
      this.origin = value;
      this.changed.fire();
    }, () => undefined);
  }

  get state(): ToolEndpointPanelState {
    return { tokens: this.tokens.state, origin: this.origin, tools: this.describeTools() };
  }

  /** Something the state depends on changed outside the token manager (e.g. the max-hours setting). */
  refresh(): void {
    this.changed.fire();
  }

  private describeTools(): ToolEndpointTool[] {
    const definitions = this.tools();
    if (this.toolsCache?.definitions !== definitions) {
      this.toolsCache = {
        definitions,
        tools: definitions.map((definition) => ({ name: definition.name, description: definition.description, inputSchema: describeTool(definition).inputSchema as Record<string, unknown> })),
      };
    }
    return this.toolsCache.tools;
  }
}
