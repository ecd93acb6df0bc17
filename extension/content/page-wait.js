// Waiting, bounded, for the page to show something: looked at each time the document changes,
// not on a clock. Instagram's app draws a profile reached by its own links some time after the
// address changed, and what the page shows can decide what an answer means (main.js
// pageShowsProfile).

// Resolves with true once `holds()` is true, with false once `ms` passed without it; rejects
// with the signal's reason when `signal` aborts first (the caller's view was left: nothing it
// would have done with the answer is done).
export function waitForPage(holds, { ms, signal, root = document }) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) { reject(signal.reason); return; }
    if (holds()) { resolve(true); return; }
    const end = (fn, value) => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
      fn(value);
    };
    const abort = () => end(reject, signal.reason);
    const observer = new MutationObserver(() => { if (holds()) end(resolve, true); });
    // Headers drawn and their text set; og tags rewritten in place.
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['content', 'href'] });
    const timer = setTimeout(() => end(resolve, holds()), ms);
    signal.addEventListener('abort', abort, { once: true });
  });
}
