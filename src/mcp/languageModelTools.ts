// The debugger's tools as VS Code language model tools, for Copilot where MCP is switched off.
// Calls run through the same runner and the same policy-wrapped definitions as the MCP server's,
// and are recorded like them (source `language-model-tools`).
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../common/disposable';
import { Setting } from '../common/contributions';
import type { DebugBridge } from '../debug/debugBridge';
import type { TraceStore } from '../trace/traceStore';
import { readSetting, readVscodeSetting } from '../vscodeContributions';
import { confirmationFor } from './languageModelToolConfirmations';
import { LANGUAGE_MODEL_TOOLS_CONTEXT_KEY, languageModelToolId } from './languageModelToolManifest';
import { offersLanguageModelTools } from './languageModelToolOffer';
import { chatClientOf, LanguageModelToolRecorder } from './languageModelToolRecorder';
import type { ToolDefinition } from './toolDefinition';
import { runTool } from './toolRunner';

/** VS Code's own switch for its MCP client. */
const MCP_ACCESS_SETTING = 'chat.mcp.access';

export interface LanguageModelToolsOptions {
  /** The policy-wrapped definitions (the same the MCP server serves), plus the guide tool. */
  tools: () => readonly ToolDefinition[];
  store: TraceStore;
  /** Names the session a confirmation speaks of. */
  sessions: Pick<DebugBridge, 'getSession'>;
}

/**
 * Registers the tools while they are offered (see `offersLanguageModelTools`) and withdraws them
 * when a setting turns them off; the context key hides the contributed tools from chat meanwhile.
 */
export class LanguageModelToolsPart extends Disposable {
  private readonly recorder: LanguageModelToolRecorder;
  private registration: vscode.Disposable | undefined;

  constructor(private readonly options: LanguageModelToolsOptions) {
    super();
    this.recorder = new LanguageModelToolRecorder(options.store);
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(Setting.LanguageModelTools) || event.affectsConfiguration(MCP_ACCESS_SETTING)) this.update();
    }));
    this.register(toDisposable(() => this.withdraw()));
    this.update();
  }

  get offered(): boolean {
    return this.registration !== undefined;
  }

  private update(): void {
    const offer = offersLanguageModelTools(readSetting(Setting.LanguageModelTools), readVscodeSetting(MCP_ACCESS_SETTING));
    if (offer && !this.registration) {
      this.registration = vscode.Disposable.from(...this.options.tools().map((definition) => vscode.lm.registerTool(languageModelToolId(definition.name), this.toolFor(definition))));
    } else if (!offer) {
      this.withdraw();
    }
    void vscode.commands.executeCommand('setContext', LANGUAGE_MODEL_TOOLS_CONTEXT_KEY, offer);
  }

  private withdraw(): void {
    if (!this.registration) return;
    this.registration.dispose();
    this.registration = undefined;
    this.recorder.endAll();
  }

  private describeSession(sessionId: string): string {
    try {
      const session = this.options.sessions.getSession(sessionId);
      return `the ${session.language} debug session "${session.name}"`;
    } catch {
      return `debug session ${sessionId || '(none given)'}`;
    }
  }

  private toolFor(definition: ToolDefinition): vscode.LanguageModelTool<Record<string, unknown>> {
    return {
      prepareInvocation: (options) => {
        const confirmation = confirmationFor(definition.name, options.input ?? {}, (sessionId) => this.describeSession(sessionId));
        if (!confirmation) return undefined;
        return {
          invocationMessage: confirmation.title.replace(/\?$/, '…'),
          confirmationMessages: { title: confirmation.title, message: new vscode.MarkdownString(confirmation.message) },
        };
      },
      invoke: async (options, token) => {
        const abort = new AbortController();
        const cancelled = token.onCancellationRequested(() => abort.abort());
        const client = chatClientOf(options.toolInvocationToken);
        const call = this.recorder.begin(client, definition.name, options.input);
        try {
          const run = await runTool(definition, options.input, { signal: abort.signal, source: 'language-model-tools', clientName: client.name });
          // recorded once this answer went back to VS Code
          void call.finish(run.result, run.trace);
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(run.result))]);
        } finally {
          cancelled.dispose();
        }
      },
    };
  }
}
