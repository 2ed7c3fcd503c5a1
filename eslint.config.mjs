import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
  {
    files: ['webview/**/*.ts', 'src/shared/**/*.ts', 'src/common/**/*.ts', 'src/trace/**/*.ts', 'src/otel/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'] }] },
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
