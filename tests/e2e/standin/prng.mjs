// Seeded pseudo-random numbers, so every run of the stand-in serves the same data.
// mulberry32 over a 32-bit FNV-1a hash of a string key: tiny, fast, good enough for test data.

export function hashString(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// A generator of floats in [0, 1) seeded by any string key (e.g. "anna/follower/17").
export function prng(key) {
  let a = hashString(String(key));
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive bounds
  next.pick = (list) => list[Math.floor(next() * list.length)];
  // Standard normal by Box-Muller (one value per call; simple beats fast here).
  next.normal = () => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return next;
}
