// Whether each language can be debugged here, and how: the extension that provides its debugger
// (the reference's `package`), and per mode (launch, attach) whether it is supported and
// available now, with the reason when not. Built on the catalog's languages and a check of the
// toolchain a launch needs (the interpreter with debugpy, node, ...). No vscode import.
import { MOCK_DEBUG_TYPE, PYTHON_DEBUG_TYPE, type SupportedLanguage } from './languageCatalog';

export interface ModeAvailability {
  supported: boolean;
  available: boolean;
  reason?: string;
}

/** What a launch needs beyond the debugger, as checked now. */
export interface ToolchainCheck {
  /** What is missing; empty when nothing is. */
  problems: string[];
  /** The version of the debugger the launch runs, when known from the check (debugpy's). */
  version?: string;
  /** What the check left out, and why. */
  notChecked?: string[];
}

export interface LanguageAvailability extends SupportedLanguage {
  /** The extension that provides the debugger, or the one to install. */
  package: string;
  description: string;
  /** The version of the debugger: debugpy's for our Python type, else its extension's. */
  version?: string;
  /** Whether a launch runs an interpreter or runtime the machine must have. */
  requiresExecutable: boolean;
  modes: { launch: ModeAvailability; attach: ModeAvailability };
}

export interface Provider {
  id: string;
  version?: string;
}

/** Debug types whose adapter cannot attach to a running program. */
const LAUNCH_ONLY_TYPES = new Set([MOCK_DEBUG_TYPE]);

export function describeAvailability(language: SupportedLanguage, provider: Provider | undefined, toolchain: ToolchainCheck): LanguageAvailability {
  const packageName = provider?.id ?? language.requiredExtension ?? language.debugType;
  const attachSupported = !LAUNCH_ONLY_TYPES.has(language.debugType);
  const missingDebugger = language.installed ? undefined : `no debugger for ${language.displayName} is installed: install the extension ${packageName}`;
  const toolchainProblem = toolchain.problems.length > 0 ? toolchain.problems.join('; ') : undefined;
  const launchReason = missingDebugger ?? toolchainProblem;
  const attachReason = attachSupported ? missingDebugger : `the ${language.displayName} debugger cannot attach to a running program`;
  const version = language.debugType === PYTHON_DEBUG_TYPE ? toolchain.version : provider?.version;
  return {
    ...language,
    // installed means a session can be launched now: the debugger and what it runs are there
    installed: launchReason === undefined,
    package: packageName,
    description: `${language.displayName}, debugged by VS Code debug type "${language.debugType}" from ${provider ? `the extension ${provider.id}` : `${packageName} (not installed)`}`,
    ...(version ? { version } : {}),
    requiresExecutable: language.defaultExecutable !== undefined,
    modes: {
      launch: { supported: true, available: launchReason === undefined, ...(launchReason ? { reason: launchReason } : {}) },
      attach: { supported: attachSupported, available: attachReason === undefined, ...(attachReason ? { reason: attachReason } : {}) },
    },
  };
}
