// The followers' row heading of an audit (panel.js sourceRows), in words: how many of the newest
// were read, of how many the profile has (or that its count could not be read), or that all were.
// `f`: the audit progress's followers source ({listed, population, limited}).
export function followersSourceText(t, f) {
  // A follower count nobody could read is said so, never stood in for by the number listed.
  const known = Number.isSafeInteger(f.population) && f.population > 0;
  const total = known ? f.population.toLocaleString(t.lang) : null;
  // None read (Instagram answered the list's first page with server errors): said as none. "0
  // newest" read oddly, and French, whose 'one' form covers 0, said "le plus récent" (the newest
  // one) of none.
  if (!f.listed) return known ? t('sourceFollowersNoneRead', total) : t('sourceFollowersNoneReadUnknown');
  // Every follower the profile counts was listed (a short list over a small account, a list paged
  // to its end; more, if it gained followers since its count was read): all of them, not "the 50
  // newest of 50 (Instagram shows no more)" above the note that these are all its followers.
  if (known && f.listed >= f.population) return t('sourceFollowersAll', f.listed);
  return known ? t(f.limited ? 'sourceFollowersLimited' : 'sourceFollowers', f.listed, total)
    : t(f.limited ? 'sourceFollowersLimitedUnknown' : 'sourceFollowersUnknown', f.listed);
}
