// The last few results of a pure computation, by the full text of its inputs. An audit's every
// step asks the engine for the profile's reading alone (handlers.js refreshEstimates) from the same
// document, at the same second as the step before: the answer is the same, and worked out again
// it cost the service worker an engine call per request. Keyed by every input (the engine's
// options, `now` in seconds included, and the whole document), so a changed input is a new key,
// never a stale answer. Each hit hands out a copy: a caller changing its result changes no other's.
export function recentResults(size) {
  const kept = new Map();
  return {
    // `compute()` -> a promise of the result; `keep(result)`: whether it may be kept (not an error
    // that a second try might not repeat).
    async get(key, compute, keep = () => true) {
      if (kept.has(key)) {
        const hit = kept.get(key);
        kept.delete(key);
        kept.set(key, hit);  // the newest last: the oldest goes first
        return structuredClone(hit);
      }
      const result = await compute();
      if (keep(result)) {
        kept.set(key, structuredClone(result));
        while (kept.size > size) kept.delete(kept.keys().next().value);
      }
      return result;
    },
    clear() { kept.clear(); },
  };
}
