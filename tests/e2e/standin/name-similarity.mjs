// How close a display name is to its username, as the engine's full_name_username_similarity
// measures it: 1 - edit distance / longer length, on letters and digits, case-folded, at most 64
// of each. The stand-in's fit (derive-distributions.mjs), its tests and research aids share it.
const fold = (text) => [...text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')].slice(0, 64);

export function nameSimilarity(fullName, username) {
  const a = fold(fullName), b = fold(username);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  const longer = Math.max(a.length, b.length);
  return longer ? 1 - prev[b.length] / longer : 0;
}
