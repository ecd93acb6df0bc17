#!/usr/bin/env node
// Store readiness of the packaged zips (dist/, written by scripts/package), each against its
// browser's own manifest checks:
// - Firefox: Mozilla's addons-linter (the validator addons.mozilla.org runs) on the Firefox zip,
//   which must give no error and no warning;
// - Chromium: the Chromium zip, unzipped, loaded into headless Chromium in developer mode; what
//   chrome://extensions reports for it (developerPrivate: manifest errors, install warnings,
//   runtime errors once its service worker has started) must be empty.
// Usage: node tests/store/check-packages.mjs   (run by scripts/test after scripts/package)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const version = JSON.parse(fs.readFileSync(path.join(repo, 'manifest.json'), 'utf8')).version;
const chromiumZip = path.join(repo, `dist/fakemeter-${version}.zip`);
const firefoxZip = path.join(repo, `dist/fakemeter-${version}-firefox.zip`);
const problems = [];

function firefox() {
  let out;
  try {
    out = execFileSync(path.join(repo, 'node_modules/.bin/addons-linter'), ['--output', 'json', '--boring', firefoxZip],
      { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = e.stdout;  // exits non-zero on errors; the JSON says which
    if (!out) throw new Error(`addons-linter failed: ${e.stderr || e.message}`);
  }
  const r = JSON.parse(out);
  for (const kind of ['errors', 'warnings']) {
    for (const m of r[kind]) problems.push(`firefox ${kind.slice(0, -1)}: ${m.code} ${m.file || ''}: ${m.message} ${m.description || ''}`.trim());
  }
  for (const m of r.notices) console.log(`firefox notice: ${m.code}: ${m.message}`);
  console.log(`firefox: addons-linter ${r.summary.errors} errors, ${r.summary.warnings} warnings, ${r.summary.notices} notices (${path.relative(repo, firefoxZip)})`);
}

async function chromium() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-package-'));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-chromium-'));
  execFileSync('unzip', ['-q', chromiumZip, '-d', dir]);
  const browser = await puppeteer.launch({
    executablePath: process.env.FM_CHROMIUM || '/usr/bin/chromium',
    headless: true, userDataDir, pipe: true, enableExtensions: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto('chrome://extensions');
    // Chromium collects manifest and runtime errors only in developer mode.
    await page.evaluate(() => new Promise((r) => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, r)));
    let id;
    try {
      id = await browser.installExtension(dir);
    } catch (e) {
      problems.push(`chromium: the package does not load: ${e.message}`);
      return;
    }
    const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${id}/`),
      { timeout: 15000 }).catch(() => null);
    if (!worker) problems.push('chromium: the service worker did not start within 15 s');
    // Errors a starting worker throws are reported a moment later.
    await new Promise((r) => setTimeout(r, 1000));
    const infos = await page.evaluate(() => new Promise((r) => chrome.developerPrivate.getExtensionsInfo({ includeDisabled: true }, r)));
    const info = infos.find((e) => e.id === id);
    if (!info) { problems.push('chromium: the extension is not listed in chrome://extensions'); return; }
    if (info.state !== 'ENABLED') problems.push(`chromium: the extension is ${info.state}`);
    for (const e of info.manifestErrors) problems.push(`chromium manifest error: ${e.message}`);
    for (const w of info.installWarnings) problems.push(`chromium install warning: ${w}`);
    for (const e of info.runtimeErrors) problems.push(`chromium runtime error: ${e.message} (${e.source})`);
    console.log(`chromium: loaded ${info.name} ${info.version}: ${info.manifestErrors.length} manifest errors, ` +
      `${info.installWarnings.length} install warnings, ${info.runtimeErrors.length} runtime errors (${path.relative(repo, chromiumZip)})`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

for (const zip of [chromiumZip, firefoxZip]) {
  if (!fs.existsSync(zip)) { console.error(`${path.relative(repo, zip)} is missing: run scripts/package`); process.exit(1); }
}
firefox();
await chromium();
for (const p of problems) console.error(p);
console.log(problems.length ? `store checks: ${problems.length} problems` : 'store checks: both packages clean');
process.exitCode = problems.length ? 1 : 0;
