#!/usr/bin/env node
// Bundles the content script (extension/content/entry.js and everything it imports) into one
// classic script, extension/bundle/content.js, the file the manifest injects. A content script
// that loaded its modules with import() would need them listed as web-accessible, and the page
// could then fetch them and so detect the extension; one classic script needs nothing of the
// kind. Readable output (no minifying): store reviewers read what runs.
// Usage: node tools/bundle/content-script.mjs [OUT]   (run by scripts/build and scripts/package)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = 'usage: node tools/bundle/content-script.mjs [OUT]   (default extension/bundle/content.js)';
const [arg, extra] = process.argv.slice(2);
if (arg === '--help' || arg === '-h') {
  console.log(USAGE);
  process.exit(0);
}
// An option taken for the output path wrote the bundle to a file named '--help' in the repository.
if (extra !== undefined || arg?.startsWith('-')) {
  console.error(`content-script.mjs: unexpected argument '${arg.startsWith('-') ? arg : extra}'\n${USAGE}`);
  process.exit(2);
}
const out = path.resolve(arg || path.join(repo, 'extension/bundle/content.js'));

await build({
  absWorkingDir: repo,  // the module comments in the output name repository paths, wherever it runs from
  entryPoints: [path.join(repo, 'extension/content/entry.js')],
  outfile: out,
  bundle: true,
  format: 'iife',
  // The oldest browsers the manifest admits (Firefox strict_min_version; Chromium with MV3's
  // module service workers and the APIs used here).
  target: ['chrome120', 'firefox140'],
  charset: 'utf8',
  legalComments: 'none',
  banner: { js: '// Fakemeter content script, bundled from extension/content/ by tools/bundle/content-script.mjs.' },
  logLevel: 'warning',
});
