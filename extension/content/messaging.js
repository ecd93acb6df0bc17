// The content script's one way to the background. A stopped service worker is woken by the
// next message; while it restarts, sends fail with "receiving end does not exist" or
// "message port closed", and are retried: every attempt of a send carries its sendId, and the
// background answers a retry with the first attempt's answer when it has one (a worker that was
// only slow), so a retry never does the work twice nor answers otherwise.
const api = globalThis.browser || globalThis.chrome;
// (And Chromium's closing of a page's channels as it enters the back-forward cache: a send out then
// fails once the page is shown again, "... moved into back/forward cache, so the message channel is closed".)
const RETRYABLE = /Could not establish connection|Receiving end does not exist|message port closed|before a response was received|back\/forward cache/i;
const MAX_TRIES = 30;
const ATTEMPT_TIMEOUT_MS = 5000;

export class BackgroundError extends Error {
  constructor(error) {
    super(`${error.id}: ${error.message}`);
    this.id = error.id;
  }
}

let invalidated = false;
export const isInvalidated = () => invalidated;

// Whether this copy of the content script lost its extension (updated, reloaded, removed): a
// message failed with "Extension context invalidated", or the runtime no longer has an id
// (Chromium clears it on unload). Such a copy takes its overlay off (main.js teardown): after an
// update the background puts a new copy into the tab (background/reinject.js), which draws its own.
// Firefox instead ends the old copy without letting it run again; after an update the new copy
// removes what it left (Overlay.removeStrays).
export function contextGone() {
  return invalidated || !api || !api.runtime || !api.runtime.id;
}

// One id for all attempts of a send: the background answers it once (background/answer-once.js).
let sends = 0;
function newSendId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${(++sends).toString(36)}`;
}

const NEVER = new Promise(() => {});

export async function send(what, payload = {}) {
  const sendId = newSendId();
  // The answers still to come of the attempts that missed their deadline: a slow worker's answer
  // to an earlier attempt is taken when it comes first (the background gives every attempt the
  // same answer). One that fails or says nothing is left to the attempts after it.
  const late = [];
  let delay = 50;
  for (let attempt = 1; ; attempt++) {
    let current;
    try {
      current = api.runtime.sendMessage({ what, ...payload, sendId });
      // A worker stopped mid-message may never answer (seen in headless Chromium): give each
      // attempt a deadline and ask again. The deadline is cleared once an answer is in (it kept
      // each left profile's view alive 5 s).
      let deadline;
      const answer = await Promise.race([
        current,
        ...late,
        new Promise((_, reject) => { deadline = setTimeout(() => reject(new Error('message port closed (no answer in time)')), ATTEMPT_TIMEOUT_MS); }),
      ]).finally(() => clearTimeout(deadline));
      if (answer === undefined && attempt < MAX_TRIES) throw new Error('message port closed (no answer)');
      if (answer && answer.error && typeof answer.error === 'object') throw new BackgroundError(answer.error);
      return answer;
    } catch (e) {
      if (e instanceof BackgroundError) throw e;
      const text = String(e && e.message ? e.message : e);
      if (/Extension context invalidated/i.test(text)) { invalidated = true; throw e; }
      if (!RETRYABLE.test(text) || attempt >= MAX_TRIES) throw e;
      late.push(Promise.resolve(current).then((a) => (a === undefined ? NEVER : a), () => NEVER));
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
}
