import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const OURS = join(__dirname, '../../resources/debugpy');

// Connects one socket from code that looks like debugpy's and one from the program's own code,
// and prints TCP_NODELAY of each plus whether the shadowed sitecustomize ran.
const PROBE = `
import socket, sys
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(2)
port = server.getsockname()[1]
def connect_from(module_name):
    scope = {"__name__": module_name, "socket": socket, "port": port}
    exec("s = socket.socket(); s.connect(('127.0.0.1', port))", scope)
    return scope["s"].getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
print(connect_from("_pydevd_bundle.pydevd_comm"), connect_from("__main__"), getattr(sys, "user_sitecustomize_ran", False))
`;

describe('resources/debugpy/sitecustomize.py', () => {
  let userSite: string;
  before(() => {
    userSite = mkdtempSync(join(tmpdir(), 'mld-usersite-'));
    writeFileSync(join(userSite, 'sitecustomize.py'), 'import sys\nsys.user_sitecustomize_ran = True\n');
  });
  after(() => rmSync(userSite, { recursive: true, force: true }));

  it("turns Nagle off only on debugpy's own sockets and still runs the sitecustomize it shadows", () => {
    const output = execFileSync('/usr/bin/python3', ['-c', PROBE], {
      env: { ...process.env, PYTHONPATH: `${OURS}${delimiter}${userSite}` },
      encoding: 'utf8',
    }).trim();
    const [debuggerSocket, programSocket, chained] = output.split(' ');
    assert.notEqual(debuggerSocket, '0', 'debugpy/pydevd sockets get TCP_NODELAY');
    assert.equal(programSocket, '0', "the program's own sockets are left as they were");
    assert.equal(chained, 'True', "the user's own sitecustomize still runs");
  });
});
