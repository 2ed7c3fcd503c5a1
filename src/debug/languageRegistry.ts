import * as vscode from 'vscode';
import { Setting } from '../common/contributions';
import { readSetting } from '../vscodeContributions';
import { DefaultPythonInterpreter } from './adapters/python/pythonInterpreter';
import { describeAvailability, type LanguageAvailability, type Provider, type ToolchainCheck } from './languageAvailability';
import {
  LanguageCatalog,
  MOCK_DEBUG_TYPE,
  PYTHON_DEBUG_TYPE,
  type AttachRequestInput,
  type ExtensionDebuggers,
  type LaunchRequestInput,
  type SupportedLanguage,
} from './languageCatalog';
import { findExecutable, PythonProbe } from './toolchainProbe';

export type { LaunchRequestInput, SupportedLanguage } from './languageCatalog';

export interface LanguageRegistry {
  list(): SupportedLanguage[];
  resolve(languageId: string): SupportedLanguage | undefined;
  launchConfiguration(languageId: string, input: LaunchRequestInput, name: string): vscode.DebugConfiguration;
  attachConfiguration(languageId: string, input: AttachRequestInput, name: string): vscode.DebugConfiguration;
  /** The interpreter our Python adapter uses when none is named. */
  readonly defaultPython: () => string;
  /** Every language with what it can do here now (the toolchain checked, cached briefly). */
  availability(): Promise<LanguageAvailability[]>;
  /**
   * What a launch of `languageId` with this interpreter or runtime lacks. `mayRun: false` looks
   * executables up without running any (the debugpy import is then not checked).
   */
  toolchain(languageId: string, executablePath: string | undefined, mayRun: boolean): Promise<ToolchainCheck>;
}

/**
 * Languages discovered from the installed extensions' `contributes.debuggers`, rebuilt when
 * extensions are installed or removed.
 */
export function createLanguageRegistry(): LanguageRegistry & vscode.Disposable {
  const python = new DefaultPythonInterpreter();
  const probe = new PythonProbe();
  const defaultPython = (): string => readSetting(Setting.PythonInterpreter).trim() || python.get();
  let catalog: LanguageCatalog | undefined;
  let providers: Map<string, Provider> | undefined;
  const current = (): LanguageCatalog => (catalog ??= new LanguageCatalog(installedDebuggers(), { defaultPython }));
  const providerOf = (debugType: string): Provider | undefined => (providers ??= installedProviders()).get(debugType);
  const subscription = vscode.extensions.onDidChange(() => {
    catalog = undefined;
    providers = undefined;
  });
  const toolchain = async (language: SupportedLanguage, executablePath: string | undefined, mayRun: boolean): Promise<ToolchainCheck> => {
    if (!language.installed || language.debugType === MOCK_DEBUG_TYPE) return { problems: [] };
    if (language.debugType === PYTHON_DEBUG_TYPE) {
      const interpreter = executablePath ?? defaultPython();
      if (!mayRun) {
        return findExecutable(interpreter)
          ? { problems: [], notChecked: [`whether ${interpreter} can import debugpy (checking runs the interpreter, which an untrusted workspace does not allow)`] }
          : { problems: [`the Python interpreter ${interpreter} was not found`] };
      }
      const check = await probe.check(interpreter);
      return check.problem ? { problems: [check.problem] } : { problems: [], ...(check.debugpyVersion ? { version: check.debugpyVersion } : {}) };
    }
    // the Python Debugger extension brings its own debugpy; node's and the others' debuggers run the runtime named here
    const runtime = executablePath ?? (language.debugType === 'debugpy' ? undefined : language.defaultExecutable);
    if (runtime === undefined || findExecutable(runtime)) return { problems: [] };
    return { problems: [`${runtime} was not found${runtime.includes('/') ? '' : ' on PATH'} (the ${language.displayName} debugger runs programs with it)`] };
  };
  return {
    list: () => current().list(),
    resolve: (languageId) => current().resolve(languageId),
    launchConfiguration: (languageId, input, name) => current().launchConfiguration(languageId, input, name) as vscode.DebugConfiguration,
    attachConfiguration: (languageId, input, name) => current().attachConfiguration(languageId, input, name) as vscode.DebugConfiguration,
    defaultPython,
    availability: () => Promise.all(current().list().map(async (language) => describeAvailability(language, providerOf(language.debugType), await toolchain(language, undefined, true)))),
    toolchain: async (languageId, executablePath, mayRun) => {
      const language = current().resolve(languageId);
      return language ? toolchain(language, executablePath, mayRun) : { problems: [`no debugger for ${languageId}`] };
    },
    dispose: () => subscription.dispose(),
  };
}

/** The extension (id and version) that contributes each debug type. */
function installedProviders(): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  for (const extension of vscode.extensions.all) {
    const manifest = extension.packageJSON as { version?: unknown } | undefined;
    const version = typeof manifest?.version === 'string' ? manifest.version : undefined;
    for (const debuggerEntry of readDebuggers((extension.packageJSON as { contributes?: unknown } | undefined)?.contributes)) {
      providers.set(debuggerEntry.type, { id: extension.id, ...(version ? { version } : {}) });
    }
  }
  return providers;
}

function installedDebuggers(): ExtensionDebuggers[] {
  const result: ExtensionDebuggers[] = [];
  for (const extension of vscode.extensions.all) {
    const contributes: unknown = (extension.packageJSON as { contributes?: unknown } | undefined)?.contributes;
    const debuggers = readDebuggers(contributes);
    if (debuggers.length > 0) result.push({ id: extension.id, debuggers });
  }
  return result;
}

function readDebuggers(contributes: unknown): ExtensionDebuggers['debuggers'] {
  if (typeof contributes !== 'object' || contributes === null) return [];
  const list: unknown = (contributes as { debuggers?: unknown }).debuggers;
  if (!Array.isArray(list)) return [];
  const debuggers: { type: string; label?: string; languages?: string[] }[] = [];
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { type, label, languages } = entry as { type?: unknown; label?: unknown; languages?: unknown };
    if (typeof type !== 'string') continue;
    debuggers.push({
      type,
      // `%key%` labels are unresolved localization keys
      label: typeof label === 'string' && !label.startsWith('%') ? label : undefined,
      languages: Array.isArray(languages) ? languages.filter((language): language is string => typeof language === 'string') : undefined,
    });
  }
  return debuggers;
}
