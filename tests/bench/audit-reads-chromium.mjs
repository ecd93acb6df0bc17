// What the background reads of storage per audit request in the real browser (headless Chromium,
// the packaged extension, the browser tests' settings), where tests/bench/audit-store.mjs counts it
// with the node fake: storage.local.get wrapped in the service worker (storage-cache.js looks its
// methods up at each call) counting calls and the JSON size of their answers, over one default
// audit of a stand-in profile. Chromium's own keeping of values (objects' keys sorted) is what the
// node fake imitates; this checks it where it matters.
// Usage: node tests/bench/audit-reads-chromium.mjs [username]   (prints one JSON line)
import { openSuite } from '../e2e/lib/suite.mjs';
import { startAudit, waitForAudit } from '../e2e/extension-support.mjs';

const username = process.argv[2] || 'lena.bakes';
const suite = await openSuite();
try {
  const worker = await suite.session.worker();
  await worker.evaluate(() => {
    const local = chrome.storage.local, get = local.get.bind(local);
    globalThis.fmReads = { gets: 0, bytes: 0 };
    local.get = async (keys) => {
      const got = await get(keys);
      globalThis.fmReads.gets++;
      globalThis.fmReads.bytes += JSON.stringify(got).length;
      return got;
    };
  });
  const page = await suite.session.newPage();
  await startAudit(suite, page, username);
  await waitForAudit(suite, username, (a) => a && a.status === 'done', { timeout: 300_000 });
  const reads = await worker.evaluate(() => globalThis.fmReads);
  const requests = suite.standin.log().filter((e) => e.kind === 'api').length;
  console.log(JSON.stringify({ username, requests, gets: reads.gets, bytesRead: reads.bytes,
                               getsPerRequest: +(reads.gets / requests).toFixed(2), kibReadPerRequest: +(reads.bytes / 1024 / requests).toFixed(1) }));
} finally {
  await suite.close();
}
