// Keys of account records that the engine does not read. The engine ignores them (a record is
// scored on what it has), so a file whose counts sit under other names ("followers", "posts")
// would be scored on its usernames alone, silently. The CLI names such keys once on stderr, with
// the field that was probably meant. The list of fields read is the engine's (rules.js).
import { RULES } from '../../extension/shared/rules.js';

const READ = new Set(RULES.account_fields);

// Names other exports use for a field the engine reads (a hint, never read in its place: a
// "followers" key can as well hold a list of accounts as a count).
const LIKELY = {
  followers: 'follower_count', followers_count: 'follower_count', follower: 'follower_count',
  following: 'following_count', follows: 'following_count', follows_count: 'following_count', followings: 'following_count',
  posts: 'media_count', posts_count: 'media_count', post_count: 'media_count', media: 'media_count',
  name: 'full_name', fullname: 'full_name', display_name: 'full_name',
  bio: 'biography', description: 'biography',
  url: 'external_url', website: 'external_url', link: 'external_url',
  private: 'is_private', verified: 'is_verified',
  profile_pic: 'has_profile_pic', has_profile_picture: 'has_profile_pic',
  user: 'username', handle: 'username', screen_name: 'username',
};

// Collects, over parsed records ({where, rec}), where each unread key was first seen ("line 3",
// "item 3", "users[2] (@name)") and how many records carry it (into `seen`, so batches add up).
export function unreadFields(records, seen = new Map()) {
  for (const { where, rec } of records) {
    for (const key of Object.keys(rec)) {
      if (READ.has(key)) continue;
      const s = seen.get(key);
      if (s) s.records++;
      else seen.set(key, { where, records: 1 });
    }
  }
  return seen;
}

// One line for people (null when every key was read). The keys are quoted as JSON strings, so a
// key holding control characters cannot write to the terminal.
export function unreadFieldsNote(seen, limit = 8) {
  if (!seen.size) return null;
  const keys = [...seen.keys()];
  const shown = keys.slice(0, limit).map((k) => {
    const s = seen.get(k);
    const likely = Object.hasOwn(LIKELY, k.toLowerCase()) ? LIKELY[k.toLowerCase()].split(' ') : null;
    const hint = likely ? `; did you mean '${likely[0]}'${likely.length > 1 ? ' ' + likely.slice(1).join(' ') : ''}?` : '';
    return `${JSON.stringify(k)} (in ${s.records} ${s.records === 1 ? 'record' : 'records'}, first at ${s.where}${hint})`;
  });
  const more = keys.length > limit ? ` and ${keys.length - limit} more` : '';
  return `not read, not account fields: ${shown.join(', ')}${more}. ` +
    'Records are scored on the fields they have; --help lists the fields read.';
}

// A record that holds no account field at all (say {"pk": 1}, or a whole answer of another
// shape) would be scored on nothing: it is refused, naming where it was and its keys.
export function isEmptyRecord(rec) {
  return !Object.entries(rec).some(([k, v]) => READ.has(k) && v !== null);
}

export function emptyRecordError(rec, where) {
  const keys = Object.keys(rec).slice(0, 6).map((k) => JSON.stringify(k)).join(', ');
  return `${where}: no account field in this record (${keys ? `its keys: ${keys}` : 'it is empty'}); --help lists the fields read`;
}

// Over records ({where, rec}): the first empty one's error, with how many more there are, or null.
export function emptyRecords(records) {
  const empty = records.filter(({ rec }) => rec && isEmptyRecord(rec));
  if (!empty.length) return null;
  const more = empty.length - 1;
  return emptyRecordError(empty[0].rec, empty[0].where) + (more ? ` (and ${more} more such ${more === 1 ? 'record' : 'records'})` : '');
}
