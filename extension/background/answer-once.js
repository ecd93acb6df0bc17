// A content script asks again when an attempt got no answer within its deadline (content/
// messaging.js): the worker may have been stopped mid-message, and then never answers. But a
// worker that is only slow (storage near its quota making room on a busy machine) is still working
// on the first attempt: run again, the retry waited behind it for the store lock, did the work a
// second time and answered otherwise (the room was made already, so no "older details were
// dropped"), and each such wait could miss its own deadline, so the badge kept loading.
// So the answer of each send (its sendId, the same on every attempt) is made once: a retry gets
// the first attempt's answer, in progress or given, for KEEP_MS after it was given. Kept in
// memory: a restarted worker has none, and its retry runs the handler afresh, as it must.
export const KEEP_MS = 120_000;
const MAX_KEPT = 500;

// `clock`: the time now (ms). Returns once(key, run): the promise of run()'s answer, shared by
// every call with the same key while it runs and for KEEP_MS after.
export function answerOnce(clock = Date.now) {
  const answers = new Map();  // key -> { promise, givenAt: null while running }
  const prune = (t) => {
    for (const [k, a] of answers) if (a.givenAt !== null && t - a.givenAt > KEEP_MS) answers.delete(k);
    // Many sends at once (never seen): the oldest given answers go first, never one in progress.
    for (const [k, a] of answers) {
      if (answers.size <= MAX_KEPT) break;
      if (a.givenAt !== null) answers.delete(k);
    }
  };
  return function once(key, run) {
    prune(clock());
    const known = answers.get(key);
    if (known) return known.promise;
    const entry = { promise: null, givenAt: null };
    entry.promise = Promise.resolve().then(run);
    entry.promise.then(() => { entry.givenAt = clock(); }, () => { entry.givenAt = clock(); });
    answers.set(key, entry);
    return entry.promise;
  };
}
