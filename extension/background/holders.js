// Whether the page that claimed an audit's pending request (claimPending: its tab and frame) is
// still there to send it. Asked only when another page of the same profile waits for that claim:
// the holder's tab may have closed, or moved on to another page, with the request unanswered, and
// its claim would otherwise hold the audit for a request's whole time to answer.
import { tabs } from '../platform/browser.js';

const ANSWER_MS = 1000;

// True when the holder is surely gone: no such tab, no Fakemeter page in it, or a page that runs
// no audit of `username` now. A page that does not answer in time is taken as there (the claim's
// time limit still frees the request).
export async function holderGone(holder, username) {
  const m = /^(\d+):(\d+)$/.exec(holder || '');
  if (!m) return false;
  let timer;
  try {
    const answer = await Promise.race([
      tabs.sendMessage(Number(m[1]), { what: 'audit.holds', username }, { frameId: Number(m[2]) }),
      new Promise((resolve) => { timer = setTimeout(() => resolve({ holds: true }), ANSWER_MS); }),
    ]);
    return !(answer && answer.holds === true);
  } catch {
    return true;
  } finally {
    clearTimeout(timer);
  }
}
