// The VS Code debug configurations a session starts: a launch of a script (checked to exist) or
// an attach to a debug server or process, built by the language registry from the tool's spec.
import type * as vscode from 'vscode';
import type { AttachSpec, LaunchSpec } from './debugBridge';
import { DebugError } from './debugErrors';
import type { LanguageRegistry } from './languageRegistry';
import { SESSION_MARKER, type DebugRecord } from './sessionRegistry';
import { resolveSourcePath, workspaceRoot, type SourceCache } from './sourceFiles';

export class LaunchConfigurations {
  constructor(private readonly languages: LanguageRegistry, private readonly sources: SourceCache) {}

  async launch(record: DebugRecord, spec: LaunchSpec): Promise<Record<string, unknown>> {
    const script = await this.sources.read(spec.scriptPath).catch((error: unknown) => {
      if (!(error instanceof DebugError)) throw error;
      const folder = workspaceRoot();
      throw new DebugError({ kind: 'program_not_found', path: resolveSourcePath(spec.scriptPath), ...(folder ? { workspaceFolder: folder } : {}) });
    });
    const configuration = this.languages.launchConfiguration(
      record.language,
      {
        scriptPath: script.path,
        args: spec.args,
        cwd: spec.cwd === undefined ? undefined : resolveSourcePath(spec.cwd),
        env: spec.env,
        executablePath: record.executablePath,
        stopOnEntry: spec.stopOnEntry,
        justMyCode: spec.justMyCode,
        extra: spec.dapLaunchArgs,
      },
      record.name,
    );
    return { ...configuration, ...spec.adapterLaunchConfig };
  }

  attach(record: DebugRecord, spec: AttachSpec): Record<string, unknown> {
    const extra = {
      ...(spec.justMyCode === undefined ? {} : { justMyCode: spec.justMyCode }),
      ...(spec.stopOnEntry === undefined ? {} : { stopOnEntry: spec.stopOnEntry }),
      ...spec.adapterConfig,
    };
    return { ...this.languages.attachConfiguration(record.language, { host: spec.host, port: spec.port, processId: spec.processId, extra }, record.name) };
  }
}

/** The configuration as VS Code takes it, marked so the session it starts finds its record. */
export function toDebugConfiguration(configuration: Record<string, unknown>, recordId: string): vscode.DebugConfiguration {
  return { ...configuration, type: String(configuration.type), name: String(configuration.name), request: String(configuration.request), [SESSION_MARKER]: recordId };
}
