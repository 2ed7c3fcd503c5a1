import * as assert from 'node:assert/strict';
import { LanguageCatalog, MOCK_DEBUG_TYPE, PYTHON_DEBUG_TYPE, normalizeLanguageId, type ExtensionDebuggers } from '../../src/debug/languageCatalog';

const JS_DEBUG: ExtensionDebuggers = {
  id: 'ms-vscode.js-debug',
  debuggers: [
    { type: 'pwa-node', label: 'Node.js', languages: ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'] },
    { type: 'node', label: 'Node.js', languages: ['javascript', 'typescript'] },
    { type: 'pwa-chrome', label: 'Web App (Chrome)', languages: ['javascript', 'typescript', 'html'] },
    { type: 'pwa-editor-browser', label: 'Editor Browser', languages: ['javascript', 'css', 'vue'] },
  ],
};
const OURS: ExtensionDebuggers = {
  id: 'mcp-live-debugger.mcp-live-debugger',
  debuggers: [{ type: MOCK_DEBUG_TYPE, languages: ['mock'] }, { type: PYTHON_DEBUG_TYPE, languages: ['python'] }],
};
const PYTHON_EXTENSION: ExtensionDebuggers = { id: 'ms-python.debugpy', debuggers: [{ type: 'debugpy', label: 'Python Debugger', languages: ['python'] }] };
const GO: ExtensionDebuggers = { id: 'golang.go', debuggers: [{ type: 'go', label: 'Go', languages: ['go'] }] };
const LUA: ExtensionDebuggers = { id: 'someone.lua-debug', debuggers: [{ type: 'lua', label: 'Lua Debug', languages: ['lua'] }] };

const options = { defaultPython: () => '/usr/bin/python3' };

describe('language catalog', () => {
  it('maps the built-in JS debugger, our python and mock types, and says what is missing', () => {
    const catalog = new LanguageCatalog([JS_DEBUG, OURS], options);
    assert.deepEqual(catalog.resolve('javascript'), {
      id: 'javascript', displayName: 'JavaScript (Node.js)', debugType: 'pwa-node', installed: true, defaultExecutable: 'node', requiredExtension: undefined,
    });
    assert.equal(catalog.resolve('typescript')?.debugType, 'pwa-node');
    assert.deepEqual(catalog.resolve('python'), {
      id: 'python', displayName: 'Python (debugpy)', debugType: PYTHON_DEBUG_TYPE, installed: true, defaultExecutable: '/usr/bin/python3', requiredExtension: undefined,
    });
    assert.equal(catalog.resolve('mock')?.debugType, MOCK_DEBUG_TYPE);
    const go = catalog.resolve('go');
    assert.deepEqual([go?.installed, go?.requiredExtension, go?.debugType], [false, 'golang.go', 'go']);
    const extensions: Record<string, string> = {
      java: 'vscjava.vscode-java-debug', rust: 'vadimcn.vscode-lldb', c: 'ms-vscode.cpptools', cpp: 'ms-vscode.cpptools',
      csharp: 'ms-dotnettools.csharp', php: 'xdebug.php-debug', ruby: 'KoichiSasada.vscode-rdbg',
    };
    for (const [id, extension] of Object.entries(extensions)) {
      const language = catalog.resolve(id);
      assert.equal(language?.installed, false, id);
      assert.equal(language?.requiredExtension, extension, `${id} names the extension to install`);
    }
    // browser debug types and React variants do not become languages of their own
    assert.equal(catalog.resolve('html'), undefined);
    assert.equal(catalog.resolve('vue'), undefined);
    assert.equal(catalog.resolve('javascriptreact'), undefined);
  });

  it('prefers the Python Debugger extension when it is installed', () => {
    const catalog = new LanguageCatalog([JS_DEBUG, OURS, PYTHON_EXTENSION], options);
    assert.equal(catalog.resolve('python')?.debugType, 'debugpy');
    const launch = catalog.launchConfiguration('python', { scriptPath: '/w/app.py' }, 'run');
    assert.equal(launch.type, 'debugpy');
    // the extension picks the user's interpreter; we only pass one when asked to
    assert.equal(launch.python, undefined);
    assert.equal(catalog.launchConfiguration('python', { scriptPath: '/w/app.py', executablePath: '/opt/py' }, 'run').python, '/opt/py');
  });

  it('adds languages of other installed debuggers and marks known ones installed', () => {
    const catalog = new LanguageCatalog([JS_DEBUG, OURS, GO, LUA], options);
    assert.equal(catalog.resolve('go')?.installed, true);
    assert.equal(catalog.resolve('go')?.requiredExtension, undefined);
    assert.deepEqual(catalog.resolve('lua'), { id: 'lua', displayName: 'lua (Lua Debug)', debugType: 'lua', installed: true });
    assert.ok(catalog.list().some((language) => language.id === 'lua'));
  });

  it('normalizes ids and aliases', () => {
    assert.equal(normalizeLanguageId(' Python '), 'python');
    assert.equal(normalizeLanguageId('js'), 'javascript');
    assert.equal(normalizeLanguageId('C++'), 'cpp');
    const catalog = new LanguageCatalog([JS_DEBUG, OURS], options);
    assert.equal(catalog.resolve('PY')?.id, 'python');
    assert.equal(catalog.resolve('cobol'), undefined);
  });

  it('builds a debugpy 1.6 launch with the defaults it needs', () => {
    const catalog = new LanguageCatalog([JS_DEBUG, OURS], options);
    const launch = catalog.launchConfiguration('python', { scriptPath: '/w/demo/swap_vars.py', args: ['1'], env: { A: 'b' }, stopOnEntry: true }, 'swap');
    assert.deepEqual(launch, {
      type: PYTHON_DEBUG_TYPE, name: 'swap', request: 'launch', program: '/w/demo/swap_vars.py', args: ['1'], cwd: '/w/demo',
      env: { A: 'b' }, python: '/usr/bin/python3', stopOnEntry: true, justMyCode: true, console: 'internalConsole',
    });
    const custom = catalog.launchConfiguration('python', { scriptPath: '/w/a.py', cwd: '/tmp', justMyCode: false, executablePath: '/venv/bin/python', extra: { subProcess: true, console: 'integratedTerminal' } }, 'x');
    assert.deepEqual([custom.cwd, custom.justMyCode, custom.python, custom.subProcess, custom.console], ['/tmp', false, '/venv/bin/python', true, 'integratedTerminal']);
  });

  it('builds a js-debug launch with the debug console and node internals skipped', () => {
    const catalog = new LanguageCatalog([JS_DEBUG, OURS], options);
    assert.deepEqual(catalog.launchConfiguration('javascript', { scriptPath: '/w/swap_vars.js' }, 'js'), {
      type: 'pwa-node', name: 'js', request: 'launch', program: '/w/swap_vars.js', args: [], stopOnEntry: false, console: 'internalConsole', skipFiles: ['<node_internals>/**'],
    });
    const withNode = catalog.launchConfiguration('typescript', { scriptPath: '/w/a.ts', executablePath: '/usr/bin/node', justMyCode: false }, 'ts');
    assert.deepEqual([withNode.runtimeExecutable, withNode.skipFiles], ['/usr/bin/node', []]);
  });

  it('keeps type, request and name even when extra tries to override them', () => {
    const catalog = new LanguageCatalog([JS_DEBUG, OURS], options);
    const launch = catalog.launchConfiguration('mock', { scriptPath: '/w/hello.mock', extra: { type: 'other', request: 'attach', name: 'n', trace: true } }, 'mock run');
    assert.deepEqual(launch, { type: MOCK_DEBUG_TYPE, name: 'mock run', request: 'launch', program: '/w/hello.mock', args: [], stopOnEntry: false, trace: true });
  });

  it('builds attach configurations per debugger', () => {
    const catalog = new LanguageCatalog([JS_DEBUG, OURS, GO], options);
    assert.deepEqual(catalog.attachConfiguration('python', { port: 5678 }, 'a'), {
      type: PYTHON_DEBUG_TYPE, name: 'a', request: 'attach', connect: { host: '127.0.0.1', port: 5678 }, justMyCode: true,
    });
    assert.deepEqual(catalog.attachConfiguration('python', { processId: 42 }, 'p').processId, 42);
    assert.deepEqual(catalog.attachConfiguration('javascript', { port: 9229 }, 'n'), { type: 'pwa-node', name: 'n', request: 'attach', address: '127.0.0.1', port: 9229 });
    assert.deepEqual(catalog.attachConfiguration('go', { host: 'localhost', port: 2345 }, 'g'), { type: 'go', name: 'g', request: 'attach', mode: 'remote', host: 'localhost', port: 2345 });
  });

  it('builds launches for debuggers that are not installed, and refuses unknown languages', () => {
    const catalog = new LanguageCatalog([JS_DEBUG, OURS], options);
    const cpp = catalog.launchConfiguration('cpp', { scriptPath: '/w/a.out', env: { K: 'v' }, stopOnEntry: true }, 'c');
    assert.deepEqual([cpp.type, cpp.environment, cpp.stopAtEntry, cpp.MIMode], ['cppdbg', [{ name: 'K', value: 'v' }], true, 'gdb']);
    assert.equal(catalog.launchConfiguration('ruby', { scriptPath: '/w/a.rb' }, 'r').script, '/w/a.rb');
    assert.throws(() => catalog.launchConfiguration('cobol', { scriptPath: '/w/a.cob' }, 'x'), /Unknown language "cobol"\. Supported: javascript, typescript, python, mock/);
  });
});
