import * as assert from 'node:assert/strict';
import { DefaultPythonInterpreter } from '../../src/debug/adapters/python/pythonInterpreter';

describe('default Python interpreter for our debugpy adapter', () => {
  it('keeps the candidate when it can import debugpy, probing synchronously if asked before the background probe ends', () => {
    // this machine's /usr/bin/python3 has Debian's python3-debugpy (scripts/setup-host.sh installs it)
    assert.equal(new DefaultPythonInterpreter('/usr/bin/python3').get(), '/usr/bin/python3');
  });

  it('falls back to python3 on PATH when the candidate is missing or lacks debugpy', async () => {
    assert.equal(new DefaultPythonInterpreter('/nonexistent/python3').get(), 'python3');
    const background = new DefaultPythonInterpreter('/bin/false');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(background.get(), 'python3');
  });
});
