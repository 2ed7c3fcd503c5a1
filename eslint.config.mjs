import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NO_VSCODE = { name: 'vscode', message: 'This part runs without VS Code (unit tests, the webview): pass what it needs in.' };
const NO_MCP_SDK = {
  group: ['@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'],
  message: 'Only src/mcp/ and src/proxy/ import the MCP SDK, so an SDK upgrade touches two folders.',
};
/** Bans imports of the part `src/<part>/` from anywhere, whatever the relative path. */
function noImportOf(part, message) {
  return { group: [`**/${part}`, `**/${part}/*`], message };
}

export default tseslint.config(
  // demo/ and test/fixtures/workspace/ hold programs to be debugged, bugs included, not our code
  { ignores: ['dist/', 'out/', 'node_modules/', '.test-host/', 'bench/results/', 'demo/', 'test/fixtures/workspace/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  // the layering of DESIGN.md; a file gets the one entry below that matches it, so each lists all its bans
  {
    files: ['webview/**/*.ts', 'src/shared/**/*.ts', 'src/common/**/*.ts', 'src/trace/**/*.ts', 'src/otel/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [NO_MCP_SDK] }] },
  },
  {
    files: ['src/http/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns: [NO_MCP_SDK, ...['mcp', 'toolEndpoint', 'proxy', 'panel', 'debug'].map((part) => noImportOf(part, 'src/http/ is the listener the parts mount on: it knows none of them (no protocol in it).'))] }] },
  },
  {
    files: ['src/proxy/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...['mcp', 'toolEndpoint'].map((part) => noImportOf(part, 'The proxy is a sibling of src/mcp/, not above it: what both need lives in src/http/, src/trace/ or src/common/.'))] }] },
  },
  {
    files: ['src/mcp/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noImportOf('toolEndpoint', 'src/toolEndpoint/ runs the tools of src/mcp/ over /debug/<tool>: it builds on src/mcp/, not the other way round.')] }] },
  },
  {
    // the tool endpoint reaches the debugger only through the tools' runTool, never src/debug/ itself
    files: ['src/toolEndpoint/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_MCP_SDK, ...['proxy', 'panel', 'debug', 'otel', 'telemetry'].map((part) => noImportOf(part, 'src/toolEndpoint/ mounts /debug/<tool> on src/http/ and runs the tools of src/mcp/; it needs no other part.'))] }] },
  },
  {
    files: ['src/debug/**/*.ts', 'src/panel/**/*.ts', 'src/telemetry/**/*.ts', 'src/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_MCP_SDK] }] },
  },
  {
    // contributed commands and settings go by the typed map of src/common/contributions.ts
    files: ['src/**/*.ts'],
    ignores: ['src/vscodeContributions.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[property.name='getConfiguration']", message: 'Read settings with readSetting(Setting.…) from src/vscodeContributions.ts.' },
        { selector: "MemberExpression[property.name='registerCommand']", message: 'Register commands with registerCommand(Command.…) from src/vscodeContributions.ts.' },
        { selector: "CallExpression[callee.property.name='executeCommand'][arguments.0.value=/^mcpLiveDebugger\\./]", message: 'Run our own commands with executeCommand(Command.…) from src/vscodeContributions.ts.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['test/**/*.mjs'],
    languageOptions: { globals: globals.mocha },
  },
);
