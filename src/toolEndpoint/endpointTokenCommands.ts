import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { Command } from '../common/contributions';
import { describeDuration, type EndpointTokenInfo } from '../shared/toolEndpoint';
import { registerCommand } from '../vscodeContributions';
import type { EndpointTokenManager } from './endpointTokens';

/**
 * Options of the start command when another extension or a test runs it. From the command
 * palette it takes none: it asks before replacing and shows the token in a dialog.
 */
export interface StartEndpointTokenOptions {
  /** Replace an active token without asking. */
  replace?: boolean;
  /** Show the token dialog (default true). A caller that takes the returned value can skip it. */
  showToken?: boolean;
}

export interface StartedEndpointToken {
  /** The token value; the palette ignores it, callers of `executeCommand` receive it. */
  value: string;
  token: EndpointTokenInfo;
  /** `http://127.0.0.1:<port>/debug/` */
  endpointUrl: string;
}

export interface EndpointTokenCommandDependencies {
  tokens: EndpointTokenManager;
  /** The loopback origin once the listener is up. */
  origin: Promise<string>;
}

export function registerEndpointTokenCommands(dependencies: EndpointTokenCommandDependencies): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand(Command.StartDebugToken, (options?: StartEndpointTokenOptions) => startEndpointToken(dependencies, options ?? {})),
    registerCommand(Command.StopDebugToken, () => stopEndpointToken(dependencies.tokens)),
  );
}

async function startEndpointToken({ tokens, origin }: EndpointTokenCommandDependencies, options: StartEndpointTokenOptions): Promise<StartedEndpointToken | undefined> {
  const active = tokens.active;
  if (active && !options.replace) {
    const replace = 'End It and Start a New One';
    const answer = await vscode.window.showWarningMessage(
      `A debug token session is active (started by ${active.by}, ${describeDuration(active.expiresAt - Date.now())} left).`,
      { modal: true, detail: 'Only one debug token is valid at a time: starting a new one ends the current token at once.' },
      replace,
    );
    if (answer !== replace) return undefined;
  }
  const endpointUrl = `${await origin}/debug/`;
  const created = tokens.create(await whoIsStarting());
  if (options.showToken !== false) void showTokenOnce(created.value, created.token, endpointUrl);
  return { value: created.value, token: created.token, endpointUrl };
}

async function stopEndpointToken(tokens: EndpointTokenManager): Promise<boolean> {
  const stopped = tokens.stop();
  if (!stopped) {
    void vscode.window.showInformationMessage('MCP Live Debugger: no debug token session is active.');
    return false;
  }
  void vscode.window.showInformationMessage(`MCP Live Debugger: debug token session stopped after ${describeDuration(stopped.durationMs)}; its token no longer works.`);
  return true;
}

/** A modal dialog, so the token is seen once and does not linger in the notification list. */
async function showTokenOnce(value: string, token: EndpointTokenInfo, endpointUrl: string): Promise<void> {
  const copy = 'Copy Token';
  const answer = await vscode.window.showInformationMessage(
    'MCP Live Debugger: debug token created. It is shown only now.',
    {
      modal: true,
      detail: `${value}\n\nValid until ${new Date(token.expiresAt).toLocaleTimeString()} for ${endpointUrl}<tool>\nSend it as "Authorization: Token <token>", e.g.:\nexport DEBUG_TOKEN=<token>\ncurl -H "Authorization: Token $DEBUG_TOKEN" ${endpointUrl}<tool>`,
    },
    copy,
  );
  if (answer === copy) {
    await vscode.env.clipboard.writeText(value);
    void vscode.window.showInformationMessage('MCP Live Debugger: debug token copied to the clipboard.');
  }
}

/** The VS Code account when one is signed in (no session or token is requested), else the OS user. */
async function whoIsStarting(): Promise<string> {
  const osUser = safeOsUser();
  try {
    const accounts = await Promise.race([
      Promise.all(['github', 'microsoft'].map((provider) => Promise.resolve(vscode.authentication.getAccounts(provider)).catch(() => []))),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1500).unref()),
    ]);
    const account = accounts?.flat()[0];
    if (account) return `${account.label} (${osUser})`;
  } catch {
    // no authentication provider: the OS user name is enough
  }
  return osUser;
}

function safeOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown user';
  }
}
