// The lists an audit reads, each mapped to lite account records (what the list shows of a
// user: name, display name, avatar, privacy, verified): the followers list, a post's likers,
// and a post's comments, whose comment objects are also kept as Instagram gives them.
import { isUsername, isDefaultAvatar } from './pages.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// Whether a list user has a picture of their own: true, false, or null when the answer does not
// say. has_anonymous_profile_picture decides when present; else a profile_pic_id (absent for the
// default picture) means one; else the picture's URL, the default one or another. A user with
// none of these is unknown, never "no picture".
export function hasOwnPicture(user) {
  if (typeof user.has_anonymous_profile_picture === 'boolean') return !user.has_anonymous_profile_picture;
  if (user.profile_pic_id !== undefined && user.profile_pic_id !== null && user.profile_pic_id !== '') return true;
  if (typeof user.profile_pic_url === 'string' && user.profile_pic_url) return !isDefaultAvatar(user.profile_pic_url);
  return null;
}

// One user of a list -> the lite account record the estimator takes. A field the answer lacks
// (absent or null) is left out of the record: unknown to the estimator, never false or empty.
// Returns {record} or {error} naming the field that was wrong.
export function accountFromListUser(user, where = 'users[]') {
  if (!isObject(user)) return { error: `${where} must be an object` };
  if (!isUsername(user.username)) return { error: `${where}.username must be a username` };
  for (const key of ['is_private', 'is_verified']) {
    if (user[key] !== undefined && user[key] !== null && typeof user[key] !== 'boolean') {
      return { error: `${where}.${key} must be a boolean` };
    }
  }
  if (user.full_name !== undefined && user.full_name !== null && typeof user.full_name !== 'string') {
    return { error: `${where}.full_name must be a string` };
  }
  const record = { username: user.username };
  if (typeof user.full_name === 'string') record.full_name = user.full_name;
  if (typeof user.is_private === 'boolean') record.is_private = user.is_private;
  if (typeof user.is_verified === 'boolean') record.is_verified = user.is_verified;
  const picture = hasOwnPicture(user);
  if (picture !== null) record.has_profile_pic = picture;
  record.phase = 'lite';
  const pk = userPk(user);
  if (pk) record.pk = pk;
  return { record };
}

// A numeric id as digits, or null: the first of `keys` holding digits as a string or a whole
// number. Ids past 2^53 arrive as digits (parseJson reads them so); a number that lost digits
// is refused rather than kept wrong.
export function idOf(obj, keys = ['pk', 'pk_id', 'id', 'strong_id__']) {
  for (const key of keys) {
    const v = obj[key];
    if ((typeof v === 'string' && /^\d{1,30}$/.test(v)) || (Number.isSafeInteger(v) && v >= 0)) return String(v);
  }
  return null;
}

// A user's numeric id ("pk", or "pk_id" / "id" / "strong_id__"), as digits, or null.
export const userPk = (user) => idOf(user);

// A list's entries -> {accounts, skipped} or {error}. An entry that cannot be read (no username,
// a field of the wrong type) is left out and named in `skipped` ({index, error}), so one odd
// user (a deactivated account, a half-built entry) costs that entry, not the page. When at least
// half of a page's entries cannot be read, the page is not a list of users as the adapter knows
// it (Instagram changed its JSON): an error naming the count and the first problem. An entry
// whose account is gone (`gone`: a comment whose author was deleted, "user": null) is skipped
// too, but says nothing of the shape: a post whose commenters were purged, the kind an audit is
// for, lost all its other commenters with it when half its comments had no author.
function readEntries(list, what, readOne) {
  const read = [], skipped = [];
  for (let i = 0; i < list.length; i++) {
    const r = readOne(list[i], i);
    if (r.error) skipped.push({ index: i, error: r.error, ...(r.gone ? { gone: true } : {}) });
    else read.push(r);
  }
  const odd = skipped.filter((x) => !x.gone);
  const gone = skipped.length - odd.length;
  if (odd.length && odd.length * 2 >= list.length - gone) {
    return { error: `${what}: ${odd.length} of ${list.length - gone} entries could not be read (first: ${odd[0].error})` };
  }
  return { read, skipped };
}

function mapUsers(users, what) {
  const r = readEntries(users, what, (user, i) => accountFromListUser(user, `users[${i}]`));
  return r.error ? r : { accounts: r.read.map((x) => x.record), skipped: r.skipped };
}

// A followers page -> {accounts, skipped, nextCursor, limited} or {error} (Instagram changed its
// JSON); `skipped` lists the entries left out (mapUsers).
// The cursor comes as a string or a number (an offset, or an id read as digits). The list ends
// (nextCursor null) at the last page, on a short list (the limit flag: Instagram shows no more,
// whatever is asked), on "has_more": false, on an empty page and on an empty cursor: never a loop.
export function parseFollowersPage(doc) {
  if (!isObject(doc)) return { error: 'followers page must be a JSON object' };
  if (!Array.isArray(doc.users)) return { error: 'followers page: "users" must be an array' };
  const mapped = mapUsers(doc.users, 'followers page');
  if (mapped.error) return mapped;
  const next = doc.next_max_id;
  if (next !== undefined && next !== null && typeof next !== 'string' && typeof next !== 'number') {
    return { error: 'followers page: "next_max_id" must be a string' };
  }
  const limited = doc.should_limit_list_of_followers === true;
  const ended = limited || doc.has_more === false || doc.users.length === 0 || next === undefined || next === null ||
                next === '';
  return { accounts: mapped.accounts, skipped: mapped.skipped, nextCursor: ended ? null : String(next), limited };
}

// A post's likers -> {accounts, skipped, userCount} or {error}. user_count is how many liked (the list
// may hold fewer); null when absent. "users": null lists no one (a post nobody may be shown
// liking); the count, if any, still stands.
export function parseLikersPage(doc) {
  if (!isObject(doc)) return { error: 'likers page must be a JSON object' };
  if (doc.users !== null && !Array.isArray(doc.users)) return { error: 'likers page: "users" must be an array' };
  const mapped = mapUsers(doc.users || [], 'likers page');
  if (mapped.error) return mapped;
  const n = doc.user_count;
  return { accounts: mapped.accounts, skipped: mapped.skipped, userCount: Number.isSafeInteger(n) && n >= 0 ? n : null };
}

// Comment text is kept for a later analysis of what comments say; longer than Instagram allows
// (2,200 characters) is cut.
const MAX_COMMENT_CHARS = 2200;
const COMMENT_USER_FIELDS = ['username', 'full_name', 'is_private', 'is_verified', 'profile_pic_url',
  'has_anonymous_profile_picture'];

// A post's comments page -> {accounts (one per commenter, first seen first), comments, skipped,
// commentCount} or {error}. `comments` are the comment objects as Instagram gives them, cut to
// the fields kept: {pk, text, created_at, comment_like_count, media_id, user: {pk, username,
// full_name, is_private, is_verified, profile_pic_url, has_anonymous_profile_picture}}.
// "comments": null lists none (comments off, or none to show); comment_count still stands. A
// comment's time is created_at, else created_at_utc.
export function parseCommentsPage(doc, mediaId) {
  if (!isObject(doc)) return { error: 'comments page must be a JSON object' };
  if (doc.comments !== null && !Array.isArray(doc.comments)) return { error: 'comments page: "comments" must be an array' };
  const r = readEntries(doc.comments || [], 'comments page', (c, i) => readComment(c, i, String(mediaId)));
  if (r.error) return r;
  const accounts = [], seen = new Set();
  for (const { record } of r.read) {
    if (!seen.has(record.username)) { seen.add(record.username); accounts.push(record); }
  }
  const n = doc.comment_count;
  return { accounts, comments: r.read.map((x) => x.comment), skipped: r.skipped, commentCount: Number.isSafeInteger(n) && n >= 0 ? n : null };
}

// One comment -> {record (its author's lite record), comment} or {error}.
function readComment(c, i, mediaId) {
  const where = `comments[${i}]`;
  if (!isObject(c)) return { error: `${where} must be an object` };
  if (typeof c.text !== 'string') return { error: `${where}.text must be a string` };
  if (c.user === null) return { error: `${where}.user is null (the author's account is gone)`, gone: true };
  const r = accountFromListUser(c.user, `${where}.user`);
  if (r.error) return r;
  const user = { pk: userPk(c.user) };
  for (const k of COMMENT_USER_FIELDS) if (c.user[k] !== undefined && c.user[k] !== null) user[k] = c.user[k];
  return {
    record: r.record,
    comment: {
      pk: idOf(c, ['pk', 'pk_id', 'id']), text: c.text.slice(0, MAX_COMMENT_CHARS),
      created_at: [c.created_at, c.created_at_utc].find((t) => Number.isSafeInteger(t) && t >= 0) ?? null,
      comment_like_count: Number.isSafeInteger(c.comment_like_count) ? c.comment_like_count : null,
      media_id: mediaId, user,
    },
  };
}
