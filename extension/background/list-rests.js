// The rest of a history list the popup was answered the first rows of (handlers.js historyList
// with a `limit`), kept in memory until it asks for it by the token it was given: both parts come
// from one read of the history, so together they are one list (no row twice, none missing), and
// the popup shows its first rows without waiting for the whole list to be cloned and sent (5,000
// entries, ~1.4 MB). Taken once. A rest not asked for (the popup closed meanwhile) goes after
// KEPT_MS, and at most MAX_KEPT are kept (the oldest goes first); a worker stopped in between keeps
// none: the popup's ask then finds no rest, and is answered the whole list read again.
export const KEPT_MS = 30_000;
export const MAX_KEPT = 4;

// `newToken`: a token no popup can guess or reuse across a worker's restart (tests give their own).
export function listRests({ keptMs = KEPT_MS, max = MAX_KEPT, newToken = () => crypto.randomUUID() } = {}) {
  const kept = new Map();  // token -> {query, from, entries, timer}
  const drop = (token) => {
    const k = kept.get(token);
    if (!k) return null;
    clearTimeout(k.timer);
    kept.delete(token);
    return k;
  };
  return {
    // Keeps `entries` (the list's rows from index `from` on, for the search `query`); returns the token.
    keep(query, from, entries) {
      const token = newToken();
      while (kept.size >= max) drop(kept.keys().next().value);
      const timer = setTimeout(() => drop(token), keptMs);
      if (timer && typeof timer.unref === 'function') timer.unref();  // (under node, in tests)
      kept.set(token, { query, from, entries, timer });
      return token;
    },
    // The rest kept under `token` for the same search ({from, entries}), taken; null when none is.
    take(token, query) {
      const k = kept.get(token);
      if (!k || k.query !== query) return null;
      drop(token);
      return { from: k.from, entries: k.entries };
    },
    get size() { return kept.size; },
  };
}
