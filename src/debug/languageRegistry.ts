import * as vscode from 'vscode';
import { DefaultPythonInterpreter } from './adapters/python/pythonInterpreter';
import {
  LanguageCatalog,
  type AttachRequestInput,
  type ExtensionDebuggers,
  type LaunchRequestInput,
  type SupportedLanguage,
} from './languageCatalog';

export type { LaunchRequestInput, SupportedLanguage } from './languageCatalog';

export interface LanguageRegistry {
  list(): SupportedLanguage[];
  resolve(languageId: string): SupportedLanguage | undefined;
  launchConfiguration(languageId: string, input: LaunchRequestInput, name: string): vscode.DebugConfiguration;
  attachConfiguration(languageId: string, input: AttachRequestInput, name: string): vscode.DebugConfiguration;
  /** The interpreter our Python adapter uses when none is named. */
  readonly defaultPython: () => string;
}

/**
 * Languages discovered from the installed extensions' `contributes.debuggers`, rebuilt when
 * extensions are installed or removed.
 */
export function createLanguageRegistry(): LanguageRegistry & vscode.Disposable {
  const python = new DefaultPythonInterpreter();
  const defaultPython = (): string => python.get();
  let catalog: LanguageCatalog | undefined;
  const current = (): LanguageCatalog => (catalog ??= new LanguageCatalog(installedDebuggers(), { defaultPython }));
  const subscription = vscode.extensions.onDidChange(() => {
    catalog = undefined;
  });
  return {
    list: () => current().list(),
    resolve: (languageId) => current().resolve(languageId),
    launchConfiguration: (languageId, input, name) => current().launchConfiguration(languageId, input, name) as vscode.DebugConfiguration,
    attachConfiguration: (languageId, input, name) => current().attachConfiguration(languageId, input, name) as vscode.DebugConfiguration,
    defaultPython,
    dispose: () => subscription.dispose(),
  };
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
