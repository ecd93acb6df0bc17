// Account records from what a user has at hand, for `classify` and `estimate`:
//  - JSON Lines, one record per line (the documented form);
//  - a JSON array of records;
//  - a saved answer of one of Instagram's lists: followers ({"users": [...], with its limit flag
//    or cursor}), a post's likers ({"users": [...], "user_count"}) or a post's comments
//    ({"comments": [{"user": {...}}]}); read by the extension's own adapter (lists.js), so the CLI
//    and the audit map a list user alike: lite records, the picture told by its URL;
//  - in JSON Lines, a saved profile answer per line: users/<id>/info ({"user": {...}}) or
//    web_profile_info ({"data": {"user": {...}}}), read as its user object (the engine reads
//    Instagram's names for the fields).
// Each record keeps where it came from ("line 3", "users[2]") for messages, and whether it is
// Instagram's own object (whose many other keys are not worth a note).
import { parseJson, parseFollowersPage, parseLikersPage, parseCommentsPage } from '../../extension/shared/instagram.js';
import { emptyRecords, unreadFields, unreadFieldsNote } from './fields.mjs';
import { counted } from './words.mjs';

import { InputError } from './io.mjs';

export { InputError };

// An engine error about a sample as the CLI says it: where in the input first (the engine names
// followers by index: "followers[3]" becomes the record's "line 4", `file` before it when given),
// then the error's id and the rest, as classify says a record's error.
export function sampleErrorText(error, records, file = null) {
  const m = /^followers\[(\d+)\]:?\s*/.exec(error.message);
  const rec = m ? records[Number(m[1])] : null;
  if (!rec) return `[${error.id}] ${error.message}`;
  return `${file ? `${file}, ` : ''}${rec.where}: [${error.id}] ${error.message.slice(m[0].length)}`;
}

const kMaxLineBytes = 1 << 20;
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// Which list a whole document is, or null when it is none (then it is read as JSON Lines).
// Likers answers carry user_count; followers answers the limit flag, a cursor or big_list.
export function listKind(doc) {
  if (!isObject(doc)) return null;
  if ('comments' in doc && (Array.isArray(doc.comments) || doc.comments === null)) return 'commenters';
  if (!('users' in doc) || !(Array.isArray(doc.users) || doc.users === null)) return null;
  return 'user_count' in doc && !('should_limit_list_of_followers' in doc) ? 'likers' : 'followers';
}

// The whole text as one JSON document (an array, a list answer, or one record over several lines,
// as a saved answer often is); null when it is not one document (JSON Lines).
function wholeDocument(text) {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t.startsWith('[') && !t.startsWith('{')) return null;
  const doc = parseJson(t);
  return Array.isArray(doc) || isObject(doc) ? doc : null;
}

// A line's object: a saved profile answer is read as its user object.
function unwrapProfileAnswer(rec) {
  const onlyKeys = (o, allowed) => Object.keys(o).every((k) => allowed.includes(k));
  if (isObject(rec.user) && onlyKeys(rec, ['user', 'status'])) return rec.user;
  if (isObject(rec.data) && isObject(rec.data.user) && onlyKeys(rec, ['data', 'status', 'extensions'])) {
    return rec.data.user;
  }
  return null;
}

// One record of the input: a saved profile answer as its user object.
function entry(rec, where) {
  const user = unwrapProfileAnswer(rec);
  return { where, rec: user || rec, instagram: Boolean(user) };
}

// The first number in `v` that JSON can hold but a double cannot (1e400 parses as Infinity, and
// written out again for the engine it would turn into null: a field silently unknown), by its
// path ("follower_count"), or null.
function outOfRange(v, path = '') {
  if (typeof v === 'number') return Number.isFinite(v) ? null : path || 'the value';
  if (!v || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    const hit = outOfRange(x, Array.isArray(v) ? `${path}[${k}]` : path ? `${path}.${k}` : k);
    if (hit) return hit;
  }
  return null;
}
// entry(), or for a record holding such a number an error (thrown, or with `tolerant` kept as
// {where, error} in its place).
function checkedEntry(rec, where, tolerant) {
  const huge = outOfRange(rec);
  if (!huge) return entry(rec, where);
  const error = `${where}: field '${huge}' is a number too large to read (beyond about 1.8e308)`;
  if (!tolerant) throw new InputError(error);
  return { where, error };
}

const isOneLine = (text) => text.trim().split('\n').length === 1;

// What the input probably is, when its first line is no JSON: objects written over several lines
// one after another (jq without -c), or a table (CSV).
function formatHint(line) {
  const t = line.trim();
  if (t === '{' || t === '[') {
    return '; the input looks like JSON objects written over several lines, one after another (as jq writes ' +
      'without -c): give one object per line (jq -c) or one JSON array';
  }
  if (!t.startsWith('{') && /[,;\t]/.test(t)) return '; the input looks like a table (CSV): give JSON Lines, one account record per line';
  return '';
}

// `tolerant`: a line or item that is no record is kept as {where, raw} (its text) instead of
// thrown, for a caller that reports each bad record in its place (classify).
function fromLines(text, tolerant) {
  const records = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (!line.trim()) continue;
    const where = `line ${i + 1}`;
    const bad = (message) => {
      if (!tolerant) throw new InputError(`${where}: ${message}`);
      records.push({ where, raw: line });
    };
    if (line.length > kMaxLineBytes) { bad(`longer than ${kMaxLineBytes} bytes`); continue; }
    let rec;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      bad(`not valid JSON (${err.message})${records.length === 0 ? formatHint(line) : ''}`);
      continue;
    }
    if (!isObject(rec)) { bad('an account record must be a JSON object'); continue; }
    records.push(checkedEntry(rec, where, tolerant));
  }
  return { records, shape: 'lines' };
}

function fromArray(doc, tolerant) {
  const records = [];
  doc.forEach((rec, i) => {
    const where = `item ${i + 1}`;
    if (!isObject(rec)) {
      if (!tolerant) throw new InputError(`${where} of the array: an account record must be a JSON object`);
      records.push({ where, raw: JSON.stringify(rec) ?? 'null' });
      return;
    }
    records.push(checkedEntry(rec, where, tolerant));
  });
  return { records, shape: 'array' };
}

// A list answer's entries the adapter could not read (lists.js leaves them out, as an audit
// does) are errors here: thrown, or with `tolerant` kept as {where, error} in their place.
function fromList(doc, kind, tolerant) {
  const parsed = kind === 'followers' ? parseFollowersPage(doc)
    : kind === 'likers' ? parseLikersPage(doc) : parseCommentsPage(doc, '0');
  if (parsed.error) throw new InputError(`the ${kind} answer: ${parsed.error}`);
  const skipped = parsed.skipped || [];
  if (skipped.length && !tolerant) {
    const more = skipped.length > 1 ? ` (and ${skipped.length - 1} more)` : '';
    throw new InputError(`the ${kind} answer: ${skipped[0].error}${more}`);
  }
  const unread = skipped.map((x) => ({ where: `${kind === 'commenters' ? 'comments' : 'users'}[${x.index}]`, error: x.error }));
  let records;
  if (kind === 'commenters') {
    // Commenters are listed once each, in the order they first commented; comments not read last.
    records = parsed.accounts.map((rec, i) => ({ where: `commenter[${i}] (@${rec.username})`, rec, instagram: true }))
      .concat(unread);
  } else {
    // Each user in its place in the answer.
    const bad = new Map(skipped.map((x, k) => [x.index, unread[k]]));
    const total = parsed.accounts.length + skipped.length;
    records = [];
    for (let i = 0, j = 0; i < total; i++) {
      if (bad.has(i)) { records.push(bad.get(i)); continue; }
      const rec = parsed.accounts[j++];
      records.push({ where: `users[${i}] (@${rec.username})`, rec, instagram: true });
    }
  }
  // Likers and comments answers say how many liked or commented (user_count, comment_count): the
  // population their accounts were drawn from (for comments an upper bound on the commenters).
  const population = kind === 'likers' ? parsed.userCount : kind === 'commenters' ? parsed.commentCount : null;
  return { records, shape: kind, limited: Boolean(parsed.limited), population: population ?? null };
}

// text -> {records: [{where, rec, instagram}], shape: 'lines'|'array'|'followers'|'likers'|
// 'commenters', limited (followers: Instagram's short-list flag), population (likers, commenters:
// the answer's count, or null)}. Bad input throws InputError
// naming where; with `tolerant`, a bad line or item is kept as {where, raw} instead, and a list
// entry the adapter cannot read as {where, error} (a list answer the adapter refuses whole still
// throws: it has no records to keep).
export function readRecords(text, { tolerant = false } = {}) {
  const doc = wholeDocument(text);
  if (doc === null) return fromLines(text, tolerant);
  if (Array.isArray(doc)) return fromArray(doc, tolerant);
  const kind = listKind(doc);
  if (kind) return fromList(doc, kind, tolerant);
  // One object: read as JSON Lines would (one line holds it, or it spans several).
  const where = isOneLine(text) ? 'line 1' : 'the record';
  if (outOfRange(doc)) return { records: [checkedEntry(doc, where, tolerant)], shape: 'lines' };
  const lines = fromLines(JSON.stringify(doc), tolerant);
  for (const r of lines.records) r.where = where;
  return lines;
}

// A sample to estimate from (estimate, profile --followers): readRecords, refusing an input with no
// records or with a record that holds no account field; each account once (sameAccounts).
export function readSample(text) {
  const input = readRecords(text);
  if (input.records.length === 0) throw new InputError('no follower records in the input');
  const empty = emptyRecords(input.records);
  if (empty) throw new InputError(empty);
  return { ...input, ...sameAccounts(input.records) };
}

// An account named twice (the same username, in any case) is one follower: counted twice it
// would narrow the interval on no new evidence, and a two-phase export (the listed followers,
// then the few fetched in full, each again) would count the fetched ones twice. The fullest
// record is kept in the place of the first (a full record over a list entry, then the one with
// more fields); `merged` says how many records went. Records without a username stay as they are.
export function sameAccounts(records) {
  const kept = [];
  const at = new Map();
  const fullness = (rec) => [rec.phase !== 'lite' ? 1 : 0, Object.values(rec).filter((v) => v !== null && v !== undefined).length];
  const fuller = (a, b) => { const [x, y] = [fullness(a), fullness(b)]; return x[0] !== y[0] ? x[0] > y[0] : x[1] > y[1]; };
  for (const r of records) {
    const name = typeof r.rec.username === 'string' && r.rec.username ? r.rec.username.toLowerCase() : null;
    if (name === null || !at.has(name)) {
      if (name !== null) at.set(name, kept.length);
      kept.push(r);
    } else if (fuller(r.rec, kept[at.get(name)].rec)) {
      kept[at.get(name)] = r;
    }
  }
  return { records: kept, merged: records.length - kept.length };
}

// What is worth saying of a sample read by readSample, for stderr (estimate, profile --followers):
// the list it is, keys not read, accounts named twice. Lines, none when there is nothing to say.
export function sampleNotes(input) {
  return [shapeNote(input), unreadFieldsNote(unreadFields(input.records.filter((f) => !f.instagram))), mergedNote(input.merged)]
    .filter(Boolean);
}

// The stderr line for records sameAccounts merged, or null.
function mergedNote(merged) {
  if (!merged) return null;
  return `${merged} ${merged === 1 ? 'record names an account' : 'records name accounts'} already in the sample ` +
    '(by username): each account is counted once, with its fullest record';
}

// What the shape means for people, for stderr (null for plain records).
export function shapeNote(input) {
  const n = input.records.filter((r) => r.rec).length;
  if (input.shape === 'followers') {
    return `read a saved followers list: ${counted(n, 'follower', 'followers')}` +
      (input.limited ? " (Instagram's short list: it shows no more of them)" : '') + ', listed fields only (lite tier)';
  }
  if (input.shape === 'likers') return `read a saved likers list: ${counted(n, 'account', 'accounts')}, listed fields only (lite tier)`;
  if (input.shape === 'commenters') return `read a saved comments answer: ${counted(n, 'commenter', 'commenters')}, listed fields only (lite tier)`;
  return null;
}
