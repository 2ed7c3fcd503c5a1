import * as vscode from 'vscode';
import { report } from './support';

describe('EXPERIMENT tasks', function () {
  this.timeout(90_000);
  it('EXPERIMENT tasks.json task output', async () => {
    const seen: string[] = [];
    const t0 = Date.now();
    const subs = [
      vscode.window.onDidStartTerminalShellExecution(async (event) => {
        const pid = await event.terminal.processId;
        seen.push(`${Date.now() - t0} start term=${event.terminal.name} pid=${pid} ${event.execution.commandLine.value.slice(0, 60)}`);
        let text = '';
        for await (const chunk of event.execution.read()) text += chunk;
        seen.push(`${Date.now() - t0} read ${JSON.stringify(text.slice(-200))}`);
      }),
      vscode.tasks.onDidStartTaskProcess((e) => seen.push(`${Date.now() - t0} taskproc ${e.execution.task.name} pid=${e.processId}`)),
      vscode.tasks.onDidEndTaskProcess((e) => seen.push(`${Date.now() - t0} taskend ${e.execution.task.name} code=${e.exitCode}`)),
      vscode.window.onDidOpenTerminal((t) => seen.push(`${Date.now() - t0} open ${t.name}`)),
    ];
    const tasks = await vscode.tasks.fetchTasks();
    seen.push(`${Date.now() - t0} fetched ${tasks.map((t) => t.name).join('|')}`);
    for (const name of ['fixture: write build stamp', 'fixture: failing build', 'tsc: build - tsproject']) {
      const task = tasks.find((t) => t.name === name)!;
      const ended = new Promise<void>((resolve) => { const d = vscode.tasks.onDidEndTaskProcess((e) => { if (e.execution.task.name === name) { d.dispose(); resolve(); } }); });
      await vscode.tasks.executeTask(task);
      await ended;
      await new Promise((r) => setTimeout(r, 1500));
    }
    report(JSON.stringify(seen, null, 1));
    subs.forEach((s) => s.dispose());
  });
});
