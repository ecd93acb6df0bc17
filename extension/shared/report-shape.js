// Whether a report kept in the history (written by the engine, or brought in by an import) has
// the engine's shape where the badge, the panel and the popup read it. A report of another
// shape (an edited export, a file of another tool) would show wrong states or stop the panel
// from opening; it is refused at the door, naming the field, rather than drawn. Fields the
// overlay does not read, and fields added by later engines, are not checked.
import { isUsername } from './instagram.js';

const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const absent = (v) => v === undefined || v === null;
const isPercent = (v) => typeof v === 'number' && v >= 0 && v <= 100;
const isCount = (v) => Number.isSafeInteger(v) && v >= 0;
// An engine message: {id, params?}.
const isMessage = (m) => isPlain(m) && typeof m.id === 'string' && (absent(m.params) || isPlain(m.params));

// A reading with its interval, {fake, low, high} (the headline's, shared/headline.js).
const isReading = (r) => isPlain(r) && isPercent(r.fake) && isPercent(r.low) && isPercent(r.high);

// A reason: a message with its severity and detail messages, or, saved before reasons had ids,
// its English text.
const isReason = (r) => isPlain(r) && typeof r.severity === 'string' &&
  ((isMessage(r) && (absent(r.details) || (Array.isArray(r.details) && r.details.every(isMessage)))) ||
   (absent(r.id) && typeof r.text === 'string'));

// Each check: [field, test of a present value, what it must be, that as a code (`reportMust_<code>`
// in _locales: the popup says it in the user's language, history.js problem)].
const FIELDS = [
  ['status', (v) => typeof v === 'string', 'a word', 'word'],
  ['fake_percent', isPercent, 'a percentage (0..100) or null', 'percent'],
  ['ci_low', isPercent, 'a percentage (0..100) or null', 'percent'],
  ['ci_high', isPercent, 'a percentage (0..100) or null', 'percent'],
  ['follower_count', isCount, 'a whole number or null', 'count'],
  ['following_count', isCount, 'a whole number or null', 'count'],
  ['media_count', isCount, 'a whole number or null', 'count'],
  ['user_id', (v) => typeof v === 'string' && /^\d{1,30}$/.test(v), 'an id of digits or null', 'id'],
  ['full_name', (v) => typeof v === 'string', 'text or null', 'text'],
  ['grade', (v) => typeof v === 'string', 'a word or null', 'word_or_null'],
  ['confidence', (v) => typeof v === 'string', 'a word or null', 'word_or_null'],
  ['states', (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'), 'a list of words', 'words'],
  ['reasons', (v) => Array.isArray(v) && v.every(isReason), 'a list of reasons {id, severity, params}', 'reasons'],
  ['combined_notes', (v) => Array.isArray(v) && v.every(isMessage), 'a list of messages {id, params}', 'messages'],
  ['posts', (v) => Array.isArray(v) && v.every(isPlain), 'a list of posts', 'posts'],
  ['badge', (v) => isPlain(v) && typeof v.state === 'string' && typeof v.tone === 'string' &&
    (absent(v.label) || isMessage(v.label)) && (absent(v.notes) || (Array.isArray(v.notes) && v.notes.every(isMessage))),
  'the badge {state, tone, label, notes}', 'badge'],
  ['signals', isPlain, 'an object', 'object'],
  ['audience', isPlain, 'an estimate or null', 'estimate'],
  ['headline', (v) => isPlain(v) && ['audit', 'profile'].includes(v.source) && typeof v.why === 'string' &&
    (absent(v.checked) || isCount(v.checked)) && [v.audit, v.profile].every((x) => absent(x) || isReading(x)),
  'whose estimate the headline is {source, why, audit, profile}', 'headline'],
];

// null when `report` has the engine's shape for `username`, else what is wrong, under `where`.
export function reportShapeError(report, username, where = 'report') {
  const p = reportShapeProblem(report, username, where);
  return p && p.error;
}

// As reportShapeError, with the field at fault and what it must be apart ({path, must, error}:
// `must` a FIELDS code), for words in the user's language (history.js: the set-aside list's
// reasons, an import's refusal).
export function reportShapeProblem(report, username, where = 'report') {
  const at = (path, what, must) => ({ path, must, error: `${path} must be ${what}` });
  if (!isPlain(report)) return at(where, 'an object', 'object');
  // A profile Instagram does not know is reported without a username ("").
  const name = report.username;
  if (!absent(name) && name !== '' && !(isUsername(name) && name.toLowerCase() === String(username).toLowerCase())) {
    return at(`${where}.username`, 'the entry\'s username', 'username');
  }
  for (const [field, ok, what, must] of FIELDS) {
    if (!absent(report[field]) && !ok(report[field])) return at(`${where}.${field}`, what, must);
  }
  return null;
}
