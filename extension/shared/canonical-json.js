// A value's JSON with every object's keys in sorted order, to compare values by content: Chromium's
// storage keeps an object with its keys sorted (what a read or a change event gives back is so, not
// as it was written), so the JSON of a value written and of the same value read back differ.
const sortedKeys = (_, v) => (v && typeof v === 'object' && !Array.isArray(v)
  ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v);

export const canonicalJson = (v) => JSON.stringify(v, sortedKeys);
