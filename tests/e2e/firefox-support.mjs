// Debian's firefox-esr, headless, driven by puppeteer-core over WebDriver BiDi, with the
// Firefox build of the extension (dist/firefox, written by scripts/package) installed as a
// temporary add-on and www.instagram.com reaching the stand-in.
//
// Host mapping: Firefox has no --host-resolver-rules. Its HTTPS proxy prefs point at a small
// CONNECT proxy here that tunnels "www.instagram.com:443" (and nothing else) to the stand-in's
// port, so the page keeps its real origin (https://www.instagram.com, port 443) without the
// stand-in listening on 443 or any hosts-file change. The stand-in's self-signed certificate is
// accepted through the session's acceptInsecureCerts.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import puppeteer from './lib/puppeteer.mjs';
import { REPO } from './lib/index.mjs';

export const FIREFOX = process.env.FM_FIREFOX || '/usr/bin/firefox-esr';
export const GECKO_ID = JSON.parse(fs.readFileSync(path.join(REPO, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
// The extension's internal UUID, fixed (Firefox draws one at random per install) so its pages
// have a known moz-extension:// address (the popup opened as a tab).
export const MOZ_UUID = '5f0c1b2a-7e3d-4c8b-9a61-2d4e6f8a0b1c';
export const mozExtensionUrl = (file) => `moz-extension://${MOZ_UUID}/${file}`;
export const firefoxExtensionPath = () => process.env.FM_FIREFOX_EXTENSION || path.join(REPO, 'dist/firefox');

// A CONNECT proxy for www.instagram.com:443 -> 127.0.0.1:<port>; anything else is refused.
export async function startTunnel(port) {
  const server = http.createServer((req, res) => { res.writeHead(403); res.end(); });
  const sockets = new Set();
  server.on('connect', (req, socket, head) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (req.url !== 'www.instagram.com:443') { socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); return; }
    const upstream = net.connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

// Launches Firefox through the tunnel; `output()` is everything it printed (console messages
// of pages and chrome code included).
export async function launchFirefox({ tunnelPort, timeout = 20000 }) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // The extension's own pages (moz-extension://) may be opened by WebDriver: Firefox refuses
    // that navigation otherwise ("not allowed in this context").
    args: ['--remote-allow-system-access'],
    acceptInsecureCerts: true,
    protocolTimeout: 60000,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': tunnelPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: MOZ_UUID }),
      // A manifest (or API schema) warning fails the install instead of going to the browser
      // console, which WebDriver cannot read: what Firefox's own extension tests do.
      'extensions.webextensions.warnings-as-errors': true,
      // Console messages of chrome code and pages (the content script's included) go to stdout.
      'devtools.console.stdout.chrome': true,
      'devtools.console.stdout.content': true,
    },
  });
  let out = '';
  const proc = browser.process();
  for (const stream of [proc?.stdout, proc?.stderr]) stream?.on('data', (d) => { out += d.toString(); });
  return {
    browser,
    output: () => out,
    async newPage() {
      const page = await browser.newPage();
      page.setDefaultTimeout(timeout);
      return page;
    },
    // A tab on one of the extension's pages (`file`: its path in the build), loaded. Firefox loads
    // it but WebDriver BiDi reports no load of a moz-extension:// page (puppeteer's goto times
    // out with the page complete): the navigation is left to run and the page's own state read.
    async extensionPage(file) {
      const page = await this.newPage();
      const url = mozExtensionUrl(file);
      page.goto(url).catch(() => {});
      const deadline = Date.now() + timeout;
      for (;;) {
        const at = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
        if (at === `${url} complete`) return page;
        if (Date.now() > deadline) throw new Error(`${url} not loaded within ${timeout} ms (at ${at})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => browser.close().catch(() => {}),
  };
}
