// The tools tools/list offers, as the tool policy has them now: a tool that tools.deny names is
// not offered (a call to it is still answered, with the reason), and while the workspace is not
// trusted the tools that always run code say that they are refused. When that changes,
// `onDidChange` fires so that each connection can send notifications/tools/list_changed.
import { Disposable } from '../common/disposable';
import { Emitter } from '../common/emitter';
import { CODE_RUNNING_EFFECTS, effectsOf } from './toolEffects';
import type { ToolDefinition } from './toolDefinition';
import { patternMatches, type ToolPolicySource } from './toolPolicy';

const UNTRUSTED_NOTE = ' Refused while this workspace is not trusted: ask the user to trust it (Workspaces: Manage Workspace Trust).';

export class OfferedTools extends Disposable {
  private readonly changes = this.register(new Emitter<void>());
  readonly onDidChange = this.changes.event;
  private key: string;
  private offered: readonly ToolDefinition[];

  constructor(private readonly all: readonly ToolDefinition[], private readonly policy: ToolPolicySource) {
    super();
    this.key = this.currentKey();
    this.offered = this.compute();
  }

  /** The same array while nothing changed, so listings can be cached by identity. */
  current(): readonly ToolDefinition[] {
    return this.offered;
  }

  /** Reads the policy again (settings changed, trust granted); fires when the offered tools changed. */
  refresh(): void {
    const key = this.currentKey();
    if (key === this.key) return;
    this.key = key;
    this.offered = this.compute();
    this.changes.fire();
  }

  private currentKey(): string {
    return JSON.stringify([this.policy.isTrusted(), this.policy.deniedPatterns()]);
  }

  private compute(): readonly ToolDefinition[] {
    const patterns = this.policy.deniedPatterns();
    const trusted = this.policy.isTrusted();
    return this.all
      .filter((tool) => !patterns.some((pattern) => !pattern.trim().startsWith('effect:') && patternMatches(pattern, tool.name)))
      .map((tool) => (trusted || !alwaysRunsCode(tool.name) ? tool : { ...tool, description: `${tool.description}${UNTRUSTED_NOTE}` }));
  }
}

function alwaysRunsCode(toolName: string): boolean {
  return (effectsOf(toolName, {}) ?? []).some((effect) => CODE_RUNNING_EFFECTS.has(effect));
}
