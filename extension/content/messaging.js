// The content script's one way to the background. A stopped service worker is woken by the
// next message; while it restarts, sends fail with "receiving end does not exist" or
// "message port closed", and are retried (the background's handlers are idempotent).
const api = globalThis.browser || globalThis.chrome;
const RETRYABLE = /Could not establish connection|Receiving end does not exist|message port closed|before a response was received/i;
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

export async function send(what, payload = {}) {
  let delay = 50;
  for (let attempt = 1; ; attempt++) {
    try {
      // A worker stopped mid-message may never answer (seen in headless Chromium): give each
      // attempt a deadline and ask again; the background's handlers are idempotent.
      // The deadline is cleared once the answer is in (it kept each left profile's view alive 5 s).
      let deadline;
      const answer = await Promise.race([
        api.runtime.sendMessage({ what, ...payload }),
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
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
}
