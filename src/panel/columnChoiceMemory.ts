import type * as vscode from 'vscode';
import { Disposable } from '../common/disposable';
import { Emitter } from '../common/emitter';
import { normalizeColumnChoices, type ColumnChoices } from '../shared/columnChoices';

/** Where the choices live in VS Code's global state. */
export const COLUMN_CHOICES_KEY = 'mcpLiveDebugger.panel.columnChoices';

export interface ColumnChoicesChange {
  choices: ColumnChoices;
  /** The page that made the choice (it shows them already). */
  from: unknown;
}

/**
 * The Columns menus' choices, kept in VS Code's global state: a layout preference of the user's,
 * like the width they give the Chat view, so it holds in both places the live debugger shows (the
 * editor tab and the bottom panel, two webviews with states of their own) and in every window,
 * rather than starting over in each new folder.
 */
export class ColumnChoiceMemory extends Disposable {
  private readonly changed = this.register(new Emitter<ColumnChoicesChange>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {
    super();
  }

  get choices(): ColumnChoices {
    return normalizeColumnChoices(this.memento.get(COLUMN_CHOICES_KEY));
  }

  async save(choices: unknown, from: unknown): Promise<void> {
    const normalized = normalizeColumnChoices(choices);
    await this.memento.update(COLUMN_CHOICES_KEY, normalized);
    this.changed.fire({ choices: normalized, from });
  }
}
