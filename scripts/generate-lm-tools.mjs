// Writes `contributes.languageModelTools` of package.json from the tools' zod definitions
// (VS Code reads contributions before the extension runs, so they cannot be computed at run time).
// `--check` only reports whether package.json is up to date. Run: npm run generate:lm-tools
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const root = join(import.meta.dirname, '..');
const packageFile = join(root, 'package.json');
const { languageModelToolManifest } = await tsImport('../src/mcp/languageModelToolManifest.ts', import.meta.url);

const text = readFileSync(packageFile, 'utf8');
const manifest = JSON.parse(text);
manifest.contributes.languageModelTools = languageModelToolManifest();
const updated = `${JSON.stringify(manifest, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (updated !== text) {
    console.error('package.json: contributes.languageModelTools is out of date; run npm run generate:lm-tools');
    process.exit(1);
  }
} else if (updated !== text) {
  writeFileSync(packageFile, updated);
  console.log(`package.json: ${manifest.contributes.languageModelTools.length} language model tools written`);
}
