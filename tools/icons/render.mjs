#!/usr/bin/env node
// Renders the extension's toolbar and store icons (extension/icons/icon-<size>.png, sizes 16,
// 32, 48 and 128) from their one source, extension/icons/icon.svg, in headless Chromium. The
// PNGs are committed: run this after changing the SVG and commit both.
// Usage: node tools/icons/render.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

export const ICON_SIZES = [16, 32, 48, 128];
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension/icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-icons-'));
const browser = await puppeteer.launch({
  executablePath: process.env.FM_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  userDataDir,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  for (const size of ICON_SIZES) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    const sized = svg.replace(/width="128" height="128"/, `width="${size}" height="${size}"`);
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
    const file = path.join(dir, `icon-${size}.png`);
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`${path.relative(process.cwd(), file)} (${fs.statSync(file).size} bytes)`);
  }
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
