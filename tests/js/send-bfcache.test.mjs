// A page entering the back-forward cache with a message to the background out: Chromium (123 and
// later) closes the message's channel, and the page, shown again, finds that send failed with "The
// page keeping the extension port is moved into back/forward cache, so the message channel is
// closed." The content script's send (content/messaging.js) asks again on a channel lost (a worker
// restarting), the same sendId on every attempt (the background answers it once); these words were
// not among those it asks again on, and the send failed: a page restored with its audit loop's
// step out (audit.next, audit.claim, audit.result) ended the loop and showed an error (the page's
// pagehide had paused the audit; its loop would have taken it up again at its next step). Here
// the runtime's sendMessage fails so once, then answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const BFCACHE = 'The page keeping the extension port is moved into back/forward cache, so the message channel is closed.';
const sent = [];
let failures = 0;
globalThis.chrome = {
  runtime: {
    id: 'test',
    async sendMessage(m) {
      sent.push(m);
      if (failures > 0) {
        failures--;
        throw new Error(BFCACHE);
      }
      return { ok: true, what: m.what };
    },
  },
};
const { send } = await import('../../extension/content/messaging.js');

test('a send whose channel the back-forward cache closed is asked again, with the same sendId', async () => {
  failures = 1;
  const answer = await send('audit.next', { username: 'lena.bakes' });
  assert.deepEqual(answer, { ok: true, what: 'audit.next' });
  assert.equal(sent.length, 2, 'asked again once');
  assert.equal(sent[0].sendId, sent[1].sendId, 'as the same send');
});
