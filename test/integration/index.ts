// Entry VS Code's extension host calls with the real `vscode` module (extensionTestsPath).
// It loads every integration test bundled into all.js and streams results to a file the
// launcher reads, because the workbench only reports an exit code.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

interface ResultLine {
  type: 'pass' | 'fail' | 'pending' | 'suite' | 'end' | 'log';
  title?: string;
  duration?: number;
  error?: string;
  passes?: number;
  failures?: number;
  pending?: number;
}

export function run(): Promise<void> {
  const resultsFile = process.env.MLD_TEST_RESULTS;
  const write = (line: ResultLine) => {
    const text = `${JSON.stringify(line)}\n`;
    if (resultsFile) appendFileSync(resultsFile, text);
    else console.log(text.trimEnd());
  };
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: Number(process.env.MLD_TEST_TIMEOUT ?? 60_000),
    color: false,
    grep: process.env.MLD_TEST_GREP || undefined,
    reporter: class extends Mocha.reporters.Base {
      constructor(runner: Mocha.Runner) {
        super(runner);
        runner.on('suite', (suite) => suite.title && write({ type: 'suite', title: suite.fullTitle() }));
        runner.on('pass', (test) => write({ type: 'pass', title: test.fullTitle(), duration: test.duration }));
        runner.on('pending', (test) => write({ type: 'pending', title: test.fullTitle() }));
        runner.on('fail', (test, error: Error) => write({ type: 'fail', title: test.fullTitle(), error: error.stack ?? error.message }));
        runner.once('end', () => write({ type: 'end', passes: runner.stats?.passes, failures: runner.stats?.failures, pending: runner.stats?.pending }));
      }
    },
  });
  mocha.suite.emit('pre-require', globalThis, join(__dirname, 'all.js'), mocha);
  // a computed path, so the bundler leaves the tests' own bundle to be loaded at run time
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(__dirname, 'all.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
