// Issue 13: a code-running language model tool in an untrusted workspace is refused as over MCP.
// The calls must come from inside VS Code (vscode.lm.invokeTool), so this starts the in-host
// suite in a window with workspace trust on, where the fixture folder is untrusted.
import * as assert from 'node:assert/strict';
import { runIntegration } from '../../scripts/integration.mjs';

describe('e2e: language model tools in an untrusted workspace', function () {
  this.timeout(300_000);

  it('runs the in-host untrusted suite in an untrusted window, and it passes', async () => {
    const counts = await runIntegration({ grep: 'untrusted workspace: language model tools', workspaceTrust: true });
    assert.deepEqual(counts, { passed: 1, failed: 0, skipped: 0 });
  });
});
