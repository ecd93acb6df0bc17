// Stored history of checked accounts: the schema, its versions, migration, and export/import.
//
// Schema 2 (current), storage key "history":
//   {schema: 2, entries: {<username>: Entry}}
//   Entry = {username, full_name, fake_percent|null, ci_low|null, ci_high|null, grade,
//            confidence, status, states[], follower_count|null, rough, rough_cause (why only
//            the page's counts were read: ROUGH_CAUSES, or null: not rough, or saved before
//            the cause was kept), computed_at (ms since
//            epoch), report (the full profile report, of the engine's shape (report-shape.js), or
//            null once dropped for space),
//            comments (an audit's comment analysis in brief: {grade, score, verdict (the
//            engine's message {id, params}, worded when shown; the grade's words come from the
//            grade), or null; absent in older entries; entries saved before the verdict was a
//            message keep its English text and a grade_label string)},
//            badge (what the badge said: {state, tone, label (message), notes[] (messages)},
//            or null; kept when the report is dropped for space; an entry saved before it was
//            kept takes it from its report when it still has one),
//            first_seen (the follower count of the first check that read it exactly, and when:
//            {follower_count, at, user_id (the account's id, when its report named it)}, carried
//            from check to check of the same account; or null; absent in older entries, whose own
//            count and time stand in for it),
//            latest_count (on an audited result only: the follower count a later look read, and
//            when: {follower_count, at}; absent otherwise),
//            gone_at (when Instagram last said there is no such profile, the entry's reading
//            kept as it was before; absent otherwise: a later reading replaces the entry),
//            sources (what the last audit measured per source, audit.js sourcesBrief:
//            {followers?: {listed, checked, population|null, short_list, fake_percent, ci_low,
//            ci_high}, likers?/commenters?: {posts, listed, checked, fake_percent, ci_low,
//            ci_high}}; an audit's result puts them in, a later check of the profile alone keeps
//            them, as it keeps `comments` (putEntry keepAudit), until another audit's result
//            replaces them; absent when no audit measured any, and in older entries),
//            audit_at (when the audit whose `sources` and `comments` the entry holds was made, ms
//            since epoch: computed_at on an audit's result, the earlier one once a re-check keeps
//            them; absent without an audit, and in older entries, whose audit is computed_at's),
//            former_usernames (the names the same account was kept under before Instagram's
//            rename, newest first, lowercase, at most MAX_FORMER; absent when none, as in
//            older entries: withRename),
//            audit_partial (true on an audited result of an audit cancelled or stopped before its
//            plan, whose estimate rests on the part it read; absent otherwise, and in entries
//            saved before it was kept)
// Schema 1 (previous), storage key "history": a bare array
//   [{u: username, pct, lo, hi, grade?, t: ms since epoch}]
// migrate() turns either (or nothing) into schema 2 without dropping an entry.

import { isUsername } from './instagram.js';
import { roughState } from './state-words.js';
import { reportShapeProblem } from './report-shape.js';
import { resultLine } from './entry-words.js';
import { ASIDE_FORMAT } from './set-aside.js';

// The latest time a date can hold (ms since 1970): a later computed_at is no time.
const MAX_TIME_MS = 8.64e15;
// Whether `t` is a time a date can hold (ms since 1970).
const isTime = (t) => Number.isFinite(t) && t >= 0 && t <= MAX_TIME_MS;

export const HISTORY_KEY = 'history';
export const SCHEMA_VERSION = 2;
export const EXPORT_FORMAT = 'fakemeter-history';
export const MAX_ENTRIES = 5000;
// An account renamed more often than this keeps its newest former names only.
export const MAX_FORMER = 20;
const GRADES = ['good', 'fair', 'poor', 'bad', 'unknown'];
const CONFIDENCES = ['instant', 'audited', 'rough', 'none'];
// Why a reading rests on the page's own counts: logged out, or every profile endpoint
// refused for now, for a rate limit or with Instagram not answering (a 5xx, or no answer).
export const ROUGH_CAUSES = ['logged_out', 'rate_limited', 'unavailable'];

// The content script's cause ('logged_out' | 'rate_limited') and the last answer's `unavailable`
// (its HTTP status when Instagram did not answer) -> a ROUGH_CAUSES entry.
export function roughCauseOf(cause, unavailable = null) {
  if (cause !== 'rate_limited') return 'logged_out';
  return Number.isInteger(unavailable) ? 'unavailable' : 'rate_limited';
}

export function emptyHistory() {
  return { schema: SCHEMA_VERSION, entries: entryMap() };
}

// The entries by username, in an object without a prototype: a profile named "__proto__" or
// "constructor" (valid Instagram usernames) is an entry like any other, never the object's own
// machinery (on a plain object the first vanished on assignment, the second read as an entry).
function entryMap(...sources) {
  return Object.assign(Object.create(null), ...sources);
}

function withEntry(entries, username, entry) {
  const map = entryMap(entries);
  map[username] = entry;
  return map;
}

function numOrNull(v) {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

// What is wrong with something the history holds, twice: in English (`error`: the set-aside
// list's download, an import's refusal, the words of an item kept before codes) and as a code
// with its values (`why`: {code, values}, the popup's words in the user's language,
// `asideWhy_<code>` in _locales; aside-words.js asideReasonText). The values are places
// ("entries.lena.fake_percent"), machine words and numbers, never sentences.
export const problem = (code, values, error) => ({ error, why: { code, values } });

// Checks one entry; returns {entry} (a clean copy) or {error, why} naming the field (problem). A
// full report not of the engine's shape (report-shape.js) is an error too, or with
// `{report: 'drop'}` left out of the entry (its numbers kept), {entry, note, noteWhy} saying why.
export function validateEntry(e, where = 'entry', { report: onBadReport = 'refuse' } = {}) {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return problem('not_object', [where], `${where} must be an object`);
  if (!isUsername(e.username)) return problem('username', [`${where}.username`], `${where}.username must be an Instagram username`);
  for (const k of ['fake_percent', 'ci_low', 'ci_high']) {
    if (e[k] !== null && e[k] !== undefined && (typeof e[k] !== 'number' || !(e[k] >= 0 && e[k] <= 100))) {
      return problem('percent', [`${where}.${k}`], `${where}.${k} must be a percentage (0..100) or null`);
    }
  }
  if (!isTime(e.computed_at)) {
    return problem('time', [`${where}.computed_at`], `${where}.computed_at must be a time in ms`);
  }
  const grade = e.grade === undefined ? 'unknown' : e.grade;
  if (!GRADES.includes(grade)) return problem('one_of', [`${where}.grade`, GRADES.join(', ')], `${where}.grade must be one of ${GRADES.join(', ')}`);
  const confidence = e.confidence === undefined ? 'none' : e.confidence;
  if (!CONFIDENCES.includes(confidence)) {
    return problem('one_of', [`${where}.confidence`, CONFIDENCES.join(', ')], `${where}.confidence must be one of ${CONFIDENCES.join(', ')}`);
  }
  if (e.states !== undefined && (!Array.isArray(e.states) || e.states.some((s) => typeof s !== 'string'))) {
    return problem('words', [`${where}.states`], `${where}.states must be a list of strings`);
  }
  if (e.former_usernames !== undefined && (!Array.isArray(e.former_usernames) || e.former_usernames.length > MAX_FORMER
      || !e.former_usernames.every(isUsername))) {
    return problem('former', [`${where}.former_usernames`, MAX_FORMER],
      `${where}.former_usernames must be a list of at most ${MAX_FORMER} Instagram usernames`);
  }
  let report = e.report && typeof e.report === 'object' ? e.report : null;
  const bad = report && reportShapeProblem(report, e.username, `${where}.report`);
  // The field and what it must be (report-shape.js), as the English says them: the words in other
  // languages said only that the report was not of the form this version reads.
  if (bad && onBadReport !== 'drop') return problem('report', [bad.path, bad.must], bad.error);
  if (bad) report = null;
  return {
    ...(bad ? { note: `${bad.error}: the report was left out, the entry's numbers kept`,
                noteWhy: { code: 'report_dropped', values: [bad.path, bad.must] } } : {}),
    entry: {
      // Instagram's usernames are case-insensitive and the extension stores them as asked
      // (lowercase): "Lena.Bakes" from a file is the same profile as "lena.bakes".
      username: e.username.toLowerCase(),
      full_name: typeof e.full_name === 'string' ? e.full_name.slice(0, 200) : '',
      fake_percent: numOrNull(e.fake_percent),
      ci_low: numOrNull(e.ci_low),
      ci_high: numOrNull(e.ci_high),
      grade,
      confidence,
      status: typeof e.status === 'string' ? e.status.slice(0, 40) : 'ok',
      states: Array.isArray(e.states) ? e.states.slice(0, 10).map((x) => x.slice(0, 40)) : [],
      follower_count: Number.isSafeInteger(e.follower_count) && e.follower_count >= 0 ? e.follower_count : null,
      rough: e.rough === true,
      rough_cause: e.rough === true && ROUGH_CAUSES.includes(e.rough_cause) ? e.rough_cause : null,
      computed_at: e.computed_at,
      report,
      comments: commentsBrief(e.comments),
      badge: badgeBrief(e.badge ?? (report ? report.badge : null)),
      first_seen: firstSeenBrief(e.first_seen),
      ...latestCountOf(e.latest_count),
      ...sourcesOf(e.sources),
      ...(isTime(e.audit_at) ? { audit_at: e.audit_at } : {}),
      ...(isTime(e.gone_at) ? { gone_at: e.gone_at } : {}),
      ...formerOf(e.username.toLowerCase(), e.former_usernames),
      ...(e.audit_partial === true && confidence === 'audited' ? { audit_partial: true } : {}),
    },
  };
}

// {former_usernames} of `username`: the names of `lists` (each newest first) in order, lowercase,
// each once, never its own name, the newest MAX_FORMER; nothing when there are none.
function formerOf(username, ...lists) {
  const names = [...new Set(lists.flatMap((l) => (Array.isArray(l) ? l : [])).map((n) => n.toLowerCase()))]
    .filter((n) => n !== username).slice(0, MAX_FORMER);
  return names.length ? { former_usernames: names } : {};
}

// `o` without `keys`.
const omit = (o, keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

// {sources} when `v` holds an audit's per-source estimates of the stored shape, else nothing
// (a source of another shape is dropped, the others kept).
const SOURCE_COUNTS = { followers: ['listed', 'checked'], likers: ['posts', 'listed', 'checked'], commenters: ['posts', 'listed', 'checked'] };
function sourcesOf(v) {
  if (!v || typeof v !== 'object') return {};
  const out = {};
  for (const [key, counts] of Object.entries(SOURCE_COUNTS)) {
    const s = v[key];
    if (!s || typeof s !== 'object') continue;
    const pct = ['fake_percent', 'ci_low', 'ci_high'].map((k) => s[k]);
    if (!pct.every((x) => typeof x === 'number' && x >= 0 && x <= 100) || !(pct[1] <= pct[0] && pct[0] <= pct[2])) continue;
    if (!counts.every((k) => Number.isSafeInteger(s[k]) && s[k] >= 0)) continue;
    const brief = Object.fromEntries([...counts.map((k) => [k, s[k]]), ['fake_percent', pct[0]], ['ci_low', pct[1]], ['ci_high', pct[2]]]);
    if (key === 'followers') {
      brief.population = Number.isSafeInteger(s.population) && s.population > 0 ? s.population : null;
      brief.short_list = s.short_list === true;
    }
    out[key] = brief;
  }
  return Object.keys(out).length ? { sources: out } : {};
}

// The report an entry stands for, to draw: its own, or for an audited result whose full report
// was dropped for space (shrink), one made of what the entry kept (numbers, badge, states, the
// account's id), marked `details_dropped`: drawn from, an audited result stays in view (before, a
// visit found no report, checked the profile alone and put that reading in the audit's place).
// Null otherwise (an instant reading without its report is simply checked again).
export function reportOfEntry(e) {
  if (!e) return null;
  if (e.report) return e.report;
  if (e.confidence !== 'audited' || e.rough) return null;
  const id = entryUserId(e);
  return { username: e.username, full_name: e.full_name, status: e.status, states: e.states, fake_percent: e.fake_percent,
           ci_low: e.ci_low, ci_high: e.ci_high, grade: e.grade, confidence: e.confidence, follower_count: e.follower_count,
           ...(id ? { user_id: id } : {}), ...(e.badge ? { badge: e.badge } : {}), reasons: [], posts: [], details_dropped: true };
}

// The account an entry is about (its report's id, else the id its first count was read with), or null.
export const entryUserId = (e) => reportUserId(e) || (e && e.first_seen ? accountId(e.first_seen.user_id) : null);

// A follower count and when it was read, as stored ({follower_count, at}: first_seen's and
// latest_count's), or null for a value of another shape (stored or imported: dropped, not trusted).
function countAt(v) {
  if (!v || typeof v !== 'object') return null;
  const { follower_count: count, at } = v;
  return Number.isSafeInteger(count) && count >= 0 && Number.isFinite(at) && at >= 0 ? { follower_count: count, at } : null;
}

// {latest_count} when `v` is a count read after an audited result (withLatestCount), else nothing.
function latestCountOf(v) {
  const latest = countAt(v);
  return latest ? { latest_count: latest } : {};
}

// Instagram saying at `at` that `username` names no profile (deleted, or renamed since): its entry
// keeps the reading it had (nothing the user had is lost) and says since when the profile is gone,
// so the popup and exports do not go on showing that reading as the profile's. Null when there is
// no entry.
export function withGone(history, username, at) {
  const e = history.entries[username];
  if (!e) return null;
  return { ...history, entries: withEntry(history.entries, username, { ...e, gone_at: at }) };
}

// An audited result stays until the user checks again, but its follower count ages: a later look
// at the profile (`report`, the profile alone, read at `at`) keeps the count it read beside the
// result, as latest_count {follower_count, at}, for the then-and-now line; the first count goes on
// as before. The next result put in (putEntry) drops it: its own count is the latest then. Null
// when there is no audited result of the same account to keep it beside (the ids decide where both
// are known, as in putEntry), or the report read no exact count.
export function withLatestCount(history, report, at) {
  const e = history.entries[report.username];
  if (!e || e.confidence !== 'audited' || e.rough) return null;
  const id = reportUserId(e), now = accountId(report.user_id);
  const latest = countAt({ follower_count: report.follower_count, at });
  if ((id && now && id !== now) || !latest) return null;
  const entry = { ...e, first_seen: firstSeenOf(e), latest_count: latest };
  return { ...history, entries: withEntry(history.entries, report.username, entry) };
}

// The follower count an entry last read: latest_count's when a later look kept one, else its own.
export const currentCount = (e) => (e.latest_count ? e.latest_count.follower_count : e.follower_count);

// {follower_count, at, user_id?} as stored, or null (countAt).
function firstSeenBrief(f) {
  const seen = countAt(f);
  return seen && firstCount(seen.follower_count, seen.at, accountId(f.user_id));
}

// A first count as stored: its account's id only when known.
const firstCount = (count, at, id) => (id ? { follower_count: count, at, user_id: id } : { follower_count: count, at });

const accountId = (v) => (typeof v === 'string' && /^\d{1,30}$/.test(v) ? v : null);
const reportUserId = (e) => (e && e.report && typeof e.report === 'object' ? accountId(e.report.user_id) : null);

// The earliest exact follower count an entry knows: its first_seen, else its own count and time.
// The page's counts (a "rough" reading) are often abbreviated ("1.2M"), so they never count.
function firstSeenOf(e) {
  if (!e) return null;
  if (e.first_seen) return e.first_seen;
  if (e.rough || !Number.isSafeInteger(e.follower_count)) return null;
  return firstCount(e.follower_count, e.computed_at, reportUserId(e));
}

// The follower count then and now, for the panel: {from, at, to} when the first exact count
// differs from `now` (an exact count) by at least `minShare` of it and by at least `minCount`
// followers, else null. Less than that is the daily drift of any account, not worth a line.
export function followerChange(firstSeen, now, { minShare = 0.01, minCount = 10 } = {}) {
  if (!firstSeen || !Number.isSafeInteger(now)) return null;
  const from = firstSeen.follower_count, diff = now - from;
  if (Math.abs(diff) < minCount || Math.abs(diff) < minShare * Math.max(from, 1)) return null;
  return { from, at: firstSeen.at, to: now };
}

// An engine message as stored: {id, params}, its id under `area` ("comments", "badge"), with
// numbers and messages as parameters (nested at most `depth` deep), or null when it is anything
// else (an imported file is untrusted: only ids the extension words, never text).
function storedMessage(m, area, depth = 3) {
  if (!m || typeof m !== 'object' || typeof m.id !== 'string' || !/^[a-z_]{1,20}\.[a-z0-9_.]{1,60}$/.test(m.id)) return null;
  if (!m.id.startsWith(`${area}.`)) return null;
  const params = {};
  for (const [k, v] of Object.entries(m.params && typeof m.params === 'object' ? m.params : {}).slice(0, 12)) {
    if (!/^[a-z0-9_]{1,20}$/.test(k)) return null;
    const value = typeof v === 'number' && Number.isFinite(v) ? v : depth > 0 ? storedMessage(v, area, depth - 1) : null;
    if (value === null) return null;
    params[k] = value;
  }
  return { id: m.id, params };
}
const commentsMessage = (m) => storedMessage(m, 'comments');

// What the badge said, kept beside the numbers so the history can say it too, or null.
function badgeBrief(b) {
  if (!b || typeof b !== 'object' || typeof b.state !== 'string' || !/^[a-z_]{1,30}$/.test(b.state)) return null;
  const label = storedMessage(b.label, 'badge');
  if (!label) return null;
  const notes = Array.isArray(b.notes) ? b.notes.slice(0, 6).map((n) => storedMessage(n, 'badge')).filter(Boolean) : [];
  const tone = typeof b.tone === 'string' && /^[a-z_]{1,20}$/.test(b.tone) ? b.tone : 'neutral';
  return { state: b.state, tone, label, notes };
}

// The comment analysis kept in an entry: its grade, score and verdict, or null. A verdict stored
// as text (before it was a message) stays readable, with the grade label it was saved with.
function commentsBrief(c) {
  if (!c || typeof c !== 'object' || !GRADES.includes(c.grade)) return null;
  const brief = {
    grade: c.grade,
    score: numOrNull(c.score),
    verdict: typeof c.verdict === 'string' ? c.verdict.slice(0, 1000) : commentsMessage(c.verdict) ?? '',
  };
  if (typeof c.grade_label === 'string') brief.grade_label = c.grade_label.slice(0, 200);
  return brief;
}

// A profile report (contract of analyzeProfile) -> history entry.
// `sources`: an audit's per-source estimates (audit.js sourcesBrief), on an audited result.
// `audit`: the report is an audit's result (its time is kept as audit_at, beside its rows).
// `partial`: that audit was cancelled or stopped before its plan (audit_partial).
export function entryFromReport(report, { computedAt, rough = false, roughCause = null, comments = null, sources = null, audit = false,
                                          partial = false }) {
  return validateEntry({
    username: report.username,
    full_name: report.full_name,
    fake_percent: report.fake_percent,
    ci_low: report.ci_low,
    ci_high: report.ci_high,
    grade: report.grade,
    confidence: rough ? 'rough' : report.confidence,
    status: report.status,
    states: report.states,
    follower_count: report.follower_count,
    rough,
    rough_cause: roughCause,
    computed_at: computedAt,
    report,
    comments,
    sources,
    ...(audit ? { audit_at: computedAt } : {}),
    ...(audit && partial ? { audit_partial: true } : {}),
  }, 'report');
}

// Two stored entries of one profile (names differing in case only, from before names were
// lowercased): the newer one is kept.
function keepNewer(entries, entry) {
  const have = entries[entry.username];
  if (!have || have.computed_at <= entry.computed_at) entries[entry.username] = entry;
}

// Whatever storage holds under HISTORY_KEY -> {history (schema 2), migratedFrom, aside[]}.
// Entries that cannot be read, and full reports of another shape (left out of entries that keep
// their numbers), are in `aside` as they were stored, with where and why ({key, reason, why, value}: problem),
// for the background to keep (set-aside.js), so nothing is lost: neither those nor a whole
// history of a layout this build does not know.
export function migrate(stored) {
  if (stored === undefined || stored === null) return { history: emptyHistory(), migratedFrom: null, aside: [] };
  const history = emptyHistory();
  const aside = [];
  const setAside = (key, reason, why, value) => { aside.push({ key, reason, why, value }); };
  if (Array.isArray(stored)) {
    stored.forEach((old, i) => {
      const pct = numOrNull(old && old.pct);
      const r = validateEntry({
        username: old && old.u,
        fake_percent: pct,
        ci_low: numOrNull(old && old.lo),
        ci_high: numOrNull(old && old.hi),
        // Only the engine grades (from the whole report): an old entry without a grade keeps none.
        grade: old && GRADES.includes(old.grade) ? old.grade : 'unknown',
        confidence: pct === null ? 'none' : 'instant',
        computed_at: old && old.t,
      }, `history[${i}]`);
      if (r.error) setAside(`history[${i}]`, r.error, r.why, old ?? null);
      else keepNewer(history.entries, r.entry);
    });
    return { history, migratedFrom: 1, aside };
  }
  if (typeof stored === 'object' && stored.schema === SCHEMA_VERSION && stored.entries && typeof stored.entries === 'object') {
    for (const [name, e] of Object.entries(stored.entries)) {
      const r = validateEntry(e, `entries.${name}`, { report: 'drop' });
      if (r.error) setAside(`entries.${name}`, r.error, r.why, e ?? null);
      else keepNewer(history.entries, r.entry);
      if (r.note) setAside(`entries.${name}.report`, r.note, r.noteWhy, e.report);
    }
    return { history, migratedFrom: null, aside };
  }
  const schema = typeof stored === 'object' && Number.isInteger(stored.schema) ? stored.schema : null;
  const layout = schema === null ? 'an unknown layout' : `schema ${schema}`;
  const why = schema === null ? { code: 'layout_unknown', values: [SCHEMA_VERSION] } : { code: 'layout', values: [schema, SCHEMA_VERSION] };
  setAside('history', `the stored history has ${layout} (this version reads schema ${SCHEMA_VERSION}); kept aside whole, a new one started`, why, stored);
  return { history, migratedFrom: null, aside };
}

// Whether an audit that ended before its plan (stopped by Instagram: a login or challenge page,
// the profile gone; or cancelled) takes the place of `entry`, the profile's stored result: only
// when its interval is narrower. A few lists read before a login page say less than the
// profile's own check did, and an audited 0-100% put in its place would stay until a re-check.
// A finished audit always does (audit.js: its own measure of the audience).
export function partialAuditReplaces(entry, report) {
  if (!entry || entry.rough || entry.fake_percent === null) return true;
  const width = (lo, hi) => (Number.isFinite(lo) && Number.isFinite(hi) ? hi - lo : Infinity);
  return width(report.ci_low, report.ci_high) < width(entry.ci_low, entry.ci_high);
}

// Whether an entry's audited reading rests on the part an audit read before it ended early
// (cancelled, or stopped before its plan). audit_partial says so on entries saved since it was
// kept; for one saved before, the audit's own working state says so while storage still holds it
// (`audit`: its status, and its reading the entry's). Without either nothing tells, and the
// reading stays "audited" as it was saved. The panel and the CSV both ask here, so an audit's
// stored state dropped for room (store.js) or gone with it no longer turns "ended early" into
// "audited".
export function auditEndedEarly(entry, audit = null) {
  if (!entry || entry.confidence !== 'audited' || entry.rough) return false;
  if (entry.audit_partial === true) return true;
  const r = audit && audit.report;
  return !!(r && ['cancelled', 'stopped'].includes(audit.status)
    && r.fake_percent === entry.fake_percent && r.ci_low === entry.ci_low && r.ci_high === entry.ci_high);
}

// `history` with audit_partial on every audited entry auditEndedEarly finds so of, given the
// stored audits by username (`audits`; a name without one has none).
export function withAuditEnds(history, audits = {}) {
  const entries = Object.fromEntries(Object.entries(history.entries).map(([u, e]) =>
    [u, !e.audit_partial && auditEndedEarly(e, Object.hasOwn(audits, u) ? audits[u] : null) ? { ...e, audit_partial: true } : e]));
  return { ...history, entries: entryMap(entries) };
}

// The earliest of these entries' first exact counts that is `id`'s (or names no account), as
// stored for `id`: a count kept without an id is taken for this account's, and named by its id
// from now on. Null when there is none.
function earliestFirstSeen(entries, id) {
  const seen = entries.map(firstSeenOf).filter((f) => f && !(id && f.user_id && f.user_id !== id)).sort((a, b) => a.at - b.at);
  return seen[0] && id && !seen[0].user_id ? firstCount(seen[0].follower_count, seen[0].at, id) : seen[0] || null;
}

// Puts `entry` in, replacing the profile's earlier one; the earliest exact follower count
// either knows goes on with it (first_seen), and the names the account had before
// (former_usernames), unless it was another account's: a username given up can be taken by
// someone else, and their counts say nothing of each other (the ids decide where both are known).
// `keepAudit` (a reading that is no audit's: a check of the profile alone): what the earlier entry
// of the same account holds of its last audit (auditPart) goes on with it, where `entry` has none
// of its own. A re-check replaced the entry whole, and the stored per-source rows and comment
// analysis were lost (the export, the popup, later visits) while the panel still showed the rows.
export function putEntry(history, entry, { keepAudit = false } = {}) {
  return { ...history, entries: withEntry(history.entries, entry.username, merged(history.entries[entry.username], entry, keepAudit)) };
}

// What putEntry stores under `entry`'s name where `have` was (an import writes it into its own copy
// of the entries: importOne).
function merged(have, entry, keepAudit = false) {
  const id = reportUserId(entry);
  const haveId = entryUserId(have);
  const same = have && !(id && haveId && haveId !== id) ? have : null;
  const first = earliestFirstSeen([same, entry], id);
  const former = formerOf(entry.username, entry.former_usernames, same && same.former_usernames);
  const kept = keepAudit && same ? auditPart(same, entry) : {};
  return { ...omit(entry, ['former_usernames']), ...kept, first_seen: first, ...former };
}

// What an entry holds of an audit, beside the reading (which a re-check replaces): its per-source
// estimates (sources) and its comment analysis in brief (comments); those `over` lacks. With them
// goes when that audit was made (audit_at; an entry from before it was kept was the audit's own
// result, or a re-check's over it: its computed_at), so the popup and the exports can say the rows
// are older than the reading beside them.
const AUDIT_FIELDS = ['sources', 'comments'];
function auditPart(e, over) {
  const kept = Object.fromEntries(AUDIT_FIELDS.filter((k) => e[k] && !over[k]).map((k) => [k, e[k]]));
  if (!Object.keys(kept).length) return {};
  return { ...kept, audit_at: isTime(e.audit_at) ? e.audit_at : e.computed_at };
}

// The stored entry `entry` would replace under its name when that is ANOTHER account's (both ids
// known and different: the name was given up and someone else took it), else null. putEntry
// replaces it; the caller keeps it first (taken.js), since nothing the user had may be lost.
export function displacedBy(history, entry) {
  const have = history.entries[entry.username];
  const id = reportUserId(entry), haveId = entryUserId(have);
  return have && id && haveId && haveId !== id ? have : null;
}

// Instagram answering for `username` with the account `id`, which the history keeps under
// another name (renamed since; a shop renaming its accounts to shed a reputation): the history
// goes on under the new name. The entries of that account under other names leave their places
// and one entry, of the newest reading, takes `username`'s, with the earliest first count of them
// all (the then-and-now line compares with the account's first check, not with none) and their
// names as former_usernames (the old name's page then says where the account went: renamedTo).
// `kept`: entries of this account kept outside the history (set aside when another account took
// their name: taken.js), which come back the same way, under any name, this one's too.
// An entry under `username` of another account (the name had another owner before) leaves it, as
// `displaced`, for the caller to keep aside (as putEntry's caller does); one of the same account
// joins in. Nothing else leaves: an entry
// names no id (its readings are then nobody's for sure), or a check of the old name, which
// Instagram now answers with 404 or another account, moves nothing. Returns {history, from (the
// names that left the history), entry, displaced (or null)}, or null when no other name and
// nothing kept holds the account.
export function withRename(history, username, id, kept = []) {
  const acct = accountId(id);
  const name = String(username).toLowerCase();
  if (!acct) return null;
  const held = Object.values(history.entries).filter((e) => e.username !== name && entryUserId(e) === acct);
  if (!held.length && !kept.length) return null;
  const entries = entryMap(history.entries);
  const moved = renameIn(entries, name, acct, held, kept);
  return { history: { ...history, entries }, ...moved };
}

// withRename's move made in `entries` itself (a copy the caller owns: withRename's, an import's),
// `held` being the entries of account `acct` under names other than `name`, in the entries' order.
// Returns {from, entry, displaced}.
function renameIn(entries, name, acct, held, kept) {
  const holders = [...held, ...kept].sort((a, b) => b.computed_at - a.computed_at);
  const here = entries[name];
  const displaced = here && entryUserId(here) !== null && entryUserId(here) !== acct ? here : null;
  const same = displaced ? null : here || null;
  const all = [...(same ? [same] : []), ...holders];
  const newest = all.reduce((a, b) => (b.computed_at > a.computed_at ? b : a));
  const entry = {
    ...omit(newest, ['gone_at', 'former_usernames']),
    username: name,
    // The report names the profile it is of: the name it is kept under (report-shape.js).
    report: newest.report ? { ...newest.report, username: name } : null,
    first_seen: earliestFirstSeen(all, acct),
    // The names just left first (the newest), then those this name's own entry knew.
    ...formerOf(name, holders.flatMap((h) => [h.username, ...(h.former_usernames || [])]), same && same.former_usernames),
  };
  for (const h of held) delete entries[h.username];
  entries[name] = entry;
  return { from: holders.filter((h) => held.includes(h)).map((h) => h.username), entry, displaced };
}

// The name account `id`'s entry goes by in `history` where `username` is a name it left (renamed on
// Instagram: an entry of that account names it among its former names) and no entry of that
// account is under it; else `username`. Where an audit that ran under the old name, ending there,
// puts its result: under the old name it made a second entry of the account (listed twice, in the
// popup and the export, until a check of the new name merged them), or took the place of another
// account's that has the name now.
export function currentNameOf(history, username, id) {
  const acct = accountId(id);
  const name = String(username).toLowerCase();
  if (!acct || entryUserId(history.entries[name]) === acct) return name;
  const now = Object.values(history.entries)
    .filter((e) => entryUserId(e) === acct && Array.isArray(e.former_usernames) && e.former_usernames.includes(name))
    .sort((a, b) => b.computed_at - a.computed_at)[0];
  return now ? now.username : name;
}

// The name the account once kept under `username` goes by now (the newest entry naming it among
// its former_usernames), or null. For the old name's page, which Instagram no longer answers.
// `exceptId`: not that account's own entry (taken.js earlierOwner: a rename of its own).
export function renamedTo(history, username, { exceptId = null } = {}) {
  const name = String(username).toLowerCase();
  const now = Object.values(history.entries)
    .filter((e) => e.former_usernames && e.former_usernames.includes(name) && !(exceptId && entryUserId(e) === exceptId))
    .sort((a, b) => b.computed_at - a.computed_at)[0];
  return now ? now.username : null;
}

// The order profiles leave a full history in: readings of the profile alone before audited
// results, each the least recently looked at first (a count read since an audited result counts
// as a look).
const audited = (e) => (e.confidence === 'audited' ? 1 : 0);
const lastLook = (e) => Math.max(e.computed_at, e.latest_count ? e.latest_count.at : 0);
const lookOrder = (a, b) => audited(a) - audited(b) || lastLook(a) - lastLook(b);

// The history keeps at most MAX_ENTRIES profiles: beyond, the least recently looked at leave it. Returns
// {history, aside}: `aside` holds each of them for the background to keep (set-aside.js), with
// its numbers (not its full report, which could fill storage), so none goes unsaid.
export function overflow(history) {
  const names = Object.keys(history.entries);
  if (names.length <= MAX_ENTRIES) return { history, aside: [] };
  const entries = entryMap(history.entries);
  names.sort((a, b) => lookOrder(entries[a], entries[b]));
  const aside = names.slice(0, names.length - MAX_ENTRIES).map((n) => {
    const e = entries[n];
    delete entries[n];
    return { key: `entries.${n}`, value: { ...e, report: null },
             reason: `the history keeps at most ${MAX_ENTRIES} profiles: @${n}, the least recently looked at, left it (its numbers kept here)`,
             why: { code: 'overflow', values: [MAX_ENTRIES, `@${n}`] } };
  });
  return { history: { ...history, entries }, aside };
}

// Whether an entry holds an audit's result: an audited reading, or the per-source rows and comment
// analysis a later check kept beside its own (auditPart). For the question before Delete all, which
// says "with their audits" only of what holds one (with the audits stored without a result yet:
// handlers.js historyList).
export const holdsAudit = (e) => e.confidence === 'audited' || AUDIT_FIELDS.some((k) => e[k]) || isTime(e.audit_at);

export function deleteEntries(history, usernames) {
  const entries = entryMap(history.entries);
  for (const n of usernames) delete entries[n];
  return { ...history, entries };
}

// Drops the full reports of the oldest half of the entries that still carry one (to make
// room when storage is full), except `keep`'s (the result being saved); the summary numbers stay.
export function shrink(history, keep = null) {
  const withReport = Object.values(history.entries).filter((e) => e.report && e.username !== keep)
    .sort((a, b) => a.computed_at - b.computed_at);
  if (withReport.length === 0) return null;
  const entries = entryMap(history.entries);
  for (const e of withReport.slice(0, Math.max(1, Math.ceil(withReport.length / 2)))) {
    entries[e.username] = { ...e, report: null };
  }
  return { ...history, entries };
}

// Sorted newest first, optionally filtered by a search text (username or full name).
// What a search compares, for the query and the names alike: letters as they read, whichever way
// they were typed (NFKD: "é" as one character or as e and an accent, the "fancy" letters of name
// generators, "𝓜𝓪𝓻𝓲𝓪", as "Maria"), without their marks (accents, Arabic and Hebrew vowel signs:
// a searcher types "jose" for "José", "محمد" for "مُحَمَّد"), without invisible format characters
// (zero-width spaces and joiners, direction marks: a name "Ze\u200bro" reads, and is typed, "Zero";
// an emoji's joiners go from the query alike), in lower case.
const searchFold = (s) => String(s).normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '').toLowerCase();

export function listEntries(history, query = '') {
  const q = searchFold(String(query).trim());
  return Object.values(history.entries)
    .filter((e) => !q || e.username.toLowerCase().includes(q) || searchFold(e.full_name).includes(q)
      || (e.former_usernames || []).some((n) => n.includes(q)))
    .sort((a, b) => b.computed_at - a.computed_at || (a.username < b.username ? -1 : 1));
}

export function exportJson(history, now = Date.now()) {
  const entries = Object.values(history.entries).sort((a, b) => (a.username < b.username ? -1 : 1));
  return JSON.stringify({ format: EXPORT_FORMAT, schema: SCHEMA_VERSION, exported_at: new Date(now).toISOString(), entries }, null, 2);
}

// Cells that a spreadsheet would run as a formula get a leading quote. A cell holding a separator
// (any: a spreadsheet may split the file on another than its own, English UI beside German Excel,
// and "x;=1+1;" then ran as a formula), a quote or a line break is quoted.
const CSV_SPECIAL = /[",;\t\n\r]/;
// Leading characters a spreadsheet may read as the start of a formula: = + - @ and their fullwidth
// forms, after any spaces, zero-width or direction marks it may trim.
const CSV_FORMULA = /^[\s\u00a0\u180e\u2000-\u200f\u2060\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;
function csvCell(v, { decimal }) {
  let s = v === null || v === undefined ? '' : typeof v === 'number' ? String(v).replace('.', decimal) : String(v);
  // Also after leading spaces: a spreadsheet that trims them on import evaluated " =1+1".
  if (CSV_FORMULA.test(s)) s = `'${s}`;
  return CSV_SPECIAL.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// The spreadsheets of languages that write a decimal comma (de, fr, nl) split a file's columns at
// semicolons, and read "12.5" as a date or as text: the export follows the user's language, as
// the spreadsheet it is opened in will. English: commas and decimal points.
const DECIMAL_COMMA = ['de', 'fr', 'nl'];
export function csvFormat(lang) {
  return DECIMAL_COMMA.includes(lang) ? { sep: ';', decimal: ',' } : { sep: ',', decimal: '.' };
}

// badge_state and engagement_grade are machine words, not sentences: the badge's state (number,
// likes_bought, unclear, ...) and an audit's engagement-authenticity grade; empty when not known. A reading of
// the page's counts alone (confidence "rough") shows the state that says why (logged_out,
// rate_limited), or counts_only for one saved before its cause was kept: the engine's own
// badge for the counts never reaches the screen.
// badge_words: what the badge said, in the user's language, as the popup shows it. fake_percent
// is the estimate kept whatever the badge showed: where the badge withheld it (an interval too
// wide to act on: "Unclear"), badge_state and badge_words say so.
// first_follower_count and first_seen_at: the first exact count the user's checks read, and when;
// latest_follower_count and latest_seen_at: on an audited result, the count a later visit read.
// former_usernames: the names the account had before (renamed on Instagram), newest first,
// separated by spaces (no username holds one); empty when none.
// <source>_*: an audit's estimate per source (followers, likers, commenters) with how many were
// listed and checked in full, the followers' with whether Instagram cut the list short and the
// likers' and commenters' with the posts read; empty where the audit had none.
// audit_at: when the audit those columns and engagement_grade come from was made (a re-check since
// keeps them beside its newer reading: computed_at is then later); empty without one, and for an
// entry saved before it was kept.
// confidence: what the reading rests on (CSV_CONFIDENCES); an audit cancelled or stopped before its
// plan is "audit-partial", not "audited": its estimate rests on the part it read, as the panel says.
// Every column and its values: docs/csv-export.md.
const SOURCE_COLUMNS = {
  followers: ['listed', 'checked', 'short_list', 'fake_percent', 'ci_low', 'ci_high'],
  likers: ['posts', 'listed', 'checked', 'fake_percent', 'ci_low', 'ci_high'],
  commenters: ['posts', 'listed', 'checked', 'fake_percent', 'ci_low', 'ci_high'],
};
export const CSV_COLUMNS = ['username', 'full_name', 'badge_words', 'fake_percent', 'ci_low', 'ci_high', 'grade', 'confidence',
                            'follower_count', 'computed_at', 'badge_state', 'engagement_grade', 'first_follower_count', 'first_seen_at',
                            'latest_follower_count', 'latest_seen_at', 'gone_at', 'former_usernames',
                            ...Object.entries(SOURCE_COLUMNS).flatMap(([src, cols]) => cols.map((c) => `${src}_${c}`)), 'audit_at'];
// A time as ISO 8601; empty for one no date can hold (an export never fails on one entry).
const isoTime = (t) => (Number.isFinite(t) && Math.abs(t) <= MAX_TIME_MS ? new Date(t).toISOString() : '');
// The CSV's confidence words: the stored ones, and audit-partial.
export const CSV_CONFIDENCES = [...CONFIDENCES, 'audit-partial'];
const csvValue = {
  confidence: (e) => (auditEndedEarly(e) ? 'audit-partial' : e.confidence),
  computed_at: (e) => isoTime(e.computed_at),
  first_follower_count: (e) => e.first_seen && e.first_seen.follower_count,
  first_seen_at: (e) => e.first_seen && isoTime(e.first_seen.at),
  latest_follower_count: (e) => e.latest_count && e.latest_count.follower_count,
  latest_seen_at: (e) => e.latest_count && isoTime(e.latest_count.at),
  gone_at: (e) => isoTime(e.gone_at),
  audit_at: (e) => isoTime(e.audit_at),
  former_usernames: (e) => (e.former_usernames || []).join(' '),
  badge_state: (e) => (e.rough ? (roughState(e.rough_cause) || { state: 'counts_only' }).state : e.badge && e.badge.state),
  engagement_grade: (e) => e.comments && e.comments.grade,
  ...Object.fromEntries(Object.entries(SOURCE_COLUMNS).flatMap(([src, cols]) => cols.map((c) =>
    [`${src}_${c}`, (e) => (e.sources && e.sources[src] ? e.sources[src][c] : null)]))),
};

// The history as CSV, worded and punctuated in the language of the translator `t` (badge_words
// is left empty without one).
export function exportCsv(history, { t = null } = {}) {
  const format = csvFormat(t ? t.lang : 'en');
  // As the popup's Result cell.
  const value = { ...csvValue, badge_words: (e) => (t ? resultLine(t, e).text : null) };
  const rows = [CSV_COLUMNS.join(format.sep)];
  for (const e of listEntries(history)) {
    rows.push(CSV_COLUMNS.map((c) => csvCell(value[c] ? value[c](e) : e[c], format)).join(format.sep));
  }
  return rows.join('\r\n') + '\r\n';
}

// Text of an export (either schema) -> {history} merged over `into`, or {error}.
// An import is all or nothing: one bad entry rejects the file, naming the entry.
// A refusal says which kind it is (`kind`: not_json, not_history, newer, entry), for the popup to
// word in the user's language, and the detail in English (`error`) and as a code with its values
// (`why`: problem; the popup words it too, problem-words.js), or none (JSON the parser placed nowhere).
// `now` (ms), when given: a file's time later than it (a clock set wrong where it was written) is
// taken as now, so it neither outranks every later check nor stays "newer" for ever.
// The accounts decide as a check's do (the ids, where both are known; importOne): nothing the
// user had is lost. `displaced` holds the stored entries of other accounts whose names the file's
// newer entries took ({entry, by: the account now holding the name}), for the caller to keep
// aside as a check does (taken.js), at most `asideRoom` of them (the set-aside list's room for such
// entries before its oldest ones would go: set-aside.js takenRoom): past it, such a file entry is left out instead (`otherOwner`).
export function importJson(text, into = emptyHistory(), now = null, { asideRoom = Infinity } = {}) {
  let doc;
  const refuse = (kind, { error, why = null }) => ({ kind, error: `import: ${error}`, why });
  try { doc = JSON.parse(text); } catch (e) { return refuse('not_json', { error: `not JSON (${e.message})`, why: jsonPlace(text, e) }); }
  if (doc && doc.format === ASIDE_FORMAT) {
    const r = asideEntries(doc);
    if (r.error) return refuse(r.kind, r);
    const out = importEntries(r.entries, into, now, asideRoom);
    return { ...out, notEntries: r.notEntries };
  }
  if (!doc || doc.format !== EXPORT_FORMAT) {
    return refuse('not_history', problem('format', [EXPORT_FORMAT, ASIDE_FORMAT],
      `"format" must be "${EXPORT_FORMAT}" (or "${ASIDE_FORMAT}", the download of what is kept aside)`));
  }
  if (!Array.isArray(doc.entries)) return refuse('not_history', problem('list', ['entries'], '"entries" must be a list'));
  let entries;
  if (doc.schema === 1) {
    const m = migrate(doc.entries);
    if (m.aside.length) return refuse('entry', { error: m.aside[0].reason, why: m.aside[0].why });
    entries = Object.values(m.history.entries);
  } else if (doc.schema === SCHEMA_VERSION) {
    entries = [];
    for (let i = 0; i < doc.entries.length; i++) {
      const r = validateEntry(doc.entries[i], `entries[${i}]`);
      if (r.error) return refuse('entry', r);
      entries.push(r.entry);
    }
  } else {
    const schema = String(JSON.stringify(doc.schema));
    return refuse(Number.isInteger(doc.schema) && doc.schema > SCHEMA_VERSION ? 'newer' : 'not_history',
      problem('schema', [schema.length > 40 ? `${schema.slice(0, 40)}…` : schema, SCHEMA_VERSION], `unknown schema ${schema}`));
  }
  return { ...importEntries(entries, into, now, asideRoom), notEntries: 0 };
}

// Where JSON.parse stopped reading `text`, when its message says (Chromium: "at position 12",
// Firefox: "at line 1 column 13"), as problem('json_at', [line, column]); an empty file as
// 'json_empty'; else null (the parser's own English words are no detail to translate).
export function jsonPlace(text, e) {
  if (!text.trim()) return { code: 'json_empty', values: [] };
  const msg = String(e && e.message);
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return { code: 'json_at', values: [Number(lc[1]), Number(lc[2])] };
  const pos = /at position (\d+)/.exec(msg);
  if (!pos) return null;
  const before = text.slice(0, Number(pos[1])).split('\n');
  return { code: 'json_at', values: [before.length, before[before.length - 1].length + 1] };
}

// The set-aside list's download (set-aside.js exportAside) -> {entries} to import, or {kind, error, why}.
// Its entries are those a profile left the history with, its numbers kept (past the history's
// limit: overflow; its name taken by another account: taken.js), each validated as a history
// entry, an error naming its place ("items[2].value.fake_percent ..."). What was set aside for
// being unreadable is no entry: left out, counted (`notEntries`; the file still has it). An item
// naming an account and a taken name (taken.js) is an entry or the file is refused.
function asideEntries(doc) {
  if (!Array.isArray(doc.items)) return { kind: 'not_history', ...problem('list', ['items'], '"items" must be a list') };
  const entries = [];
  let notEntries = 0;
  for (let i = 0; i < doc.items.length; i++) {
    const item = doc.items[i], where = `items[${i}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return { kind: 'entry', ...problem('not_object', [where], `${where} must be an object`) };
    if (typeof item.key !== 'string') return { kind: 'entry', ...problem('string', [`${where}.key`], `${where}.key must be a string`) };
    const claimed = item.taken !== undefined || item.user_id !== undefined;
    const value = item.value;
    const named = value && typeof value === 'object' && !Array.isArray(value) && typeof value.username === 'string'
      && item.key === `entries.${value.username}`;
    if (!claimed && !named) { notEntries++; continue; }
    if (claimed && !accountId(item.user_id)) {
      return { kind: 'entry', ...problem('account_id', [`${where}.user_id`], `${where}.user_id must be an Instagram account id (digits)`) };
    }
    const r = validateEntry(value, `${where}.value`);
    if (r.error && claimed) return { kind: 'entry', ...r };
    if (r.error) { notEntries++; continue; }
    entries.push(claimed ? withAccount(r.entry, item.user_id) : r.entry);
  }
  return { entries, notEntries };
}

// A taken name's entry is kept without its report, which named its account: the item's
// `user_id` goes into its first count, so the import tells it from the name's new owner.
function withAccount(e, id) {
  const seen = firstSeenOf(e);
  return entryUserId(e) || !seen ? e : { ...e, first_seen: firstCount(seen.follower_count, seen.at, id) };
}

// Validated entries put into `into` as a check of each would (importOne), within MAX_ENTRIES.
// In one pass over the file, into one copy of the stored entries (`into` stays as it was): a copy
// of the whole history per entry took 27 s for 5,000 entries into 5,000 (tests/bench/import-history.mjs).
function importEntries(entries, into, now, asideRoom) {
  if (Number.isFinite(now)) entries = entries.map((e) => (e.computed_at > now ? { ...e, computed_at: now } : e));
  let history = { ...into, entries: entryMap(into.entries) };
  const put = new Set();
  const displaced = [];
  const counts = { put: 0, newer: 0, other: 0, joined: 0 };
  // The names each account is kept under, as the import goes (a name may hold another since:
  // importOne checks), so finding an account's other names costs no pass over the history per entry.
  const byId = new Map();
  const index = (name) => {
    const id = entryUserId(history.entries[name]);
    if (id) byId.set(id, (byId.get(id) || new Set()).add(name));
  };
  for (const name of Object.keys(history.entries)) index(name);
  for (const e of entries) {
    const step = importOne(history.entries, e, displaced.length < asideRoom, byId);
    if (step.name) index(step.name);
    counts[step.outcome]++;
    if (step.outcome === 'put') put.add(e.username);
    if (step.displaced) displaced.push({ entry: step.displaced, by: entryUserId(e) });
  }
  // Past MAX_ENTRIES an import pushes none of the user's profiles out (5,000 of them went, beyond
  // what can be kept aside): profiles new to the history are left out instead, the least recently
  // looked at first, and `notImported` says how many (the file still has them).
  const fresh = [...put].filter((u) => !into.entries[u] && history.entries[u]);
  const over = Object.keys(history.entries).length - MAX_ENTRIES;
  let notImported = 0;
  if (over > 0) {
    const kept = entryMap(history.entries);
    fresh.sort((a, b) => lookOrder(kept[a], kept[b]));
    for (const u of fresh.slice(0, over)) { delete kept[u]; put.delete(u); notImported++; }
    history = { ...history, entries: kept };
  }
  // `count`: the names put in (a name twice in the file, in two spellings, is one) and the entries joined.
  return { history, aside: [], count: put.size + counts.joined, newerKept: counts.newer, notImported,
           displaced, otherOwner: counts.other, joined: counts.joined };
}

// One entry `e` of a file put into `history`, as a check of it would be:
//  - its account kept here under another name (renamed on Instagram since, or before): one entry
//    per account, as withRename makes it, under the name of the newest reading of the account
//    (the file's when looked at later, its stored names then among the former ones; else the stored one's,
//    the file's name among its former ones), with the earliest first count ('joined');
//  - another account's entry under its name (both ids known, different: the name changed hands):
//    the newer reading holds the name. The file's newer one takes it and the stored one leaves as
//    `displaced`, for the caller to keep aside (unless `canDisplace` is false: no room there);
//    a file entry older than the stored one, or with no room, is left out ('other': the file
//    still has it, and imported again after a check of that account under its new name, it joins
//    that account's entry);
//  - else as before: the same profile's newer result stays ('newer'), or the file's goes in ('put').
// `entries`: the import's own copy of the history's entries, written in place (putEntry's and
// withRename's results, without a copy of the whole history per entry).
// `byId`: the names each account was kept under (some may hold another entry since).
// Returns {outcome, displaced (an entry, or null), name (the name written, or none)}.
function importOne(entries, e, canDisplace, byId) {
  const id = entryUserId(e);
  const here = entries[e.username];
  const hereId = entryUserId(here);
  const other = here && id && hereId && hereId !== id ? here : null;
  const takes = !other || (e.computed_at > other.computed_at && canDisplace);
  const names = [...((id && byId.get(id)) || [])].filter((n) => entries[n] && entryUserId(entries[n]) === id);
  const holders = names.filter((n) => n !== e.username).map((n) => entries[n]);
  if (holders.length) {
    const newest = holders.reduce((a, b) => (b.computed_at > a.computed_at ? b : a));
    // The name last seen in use: the file's only when it was looked at after the stored one (a
    // backup made before a rename holds the same reading the stored entry carried over to the new
    // name, and its old name is a former one now, whose page says where the account went).
    const name = takes && lastLook(e) > lastLook(newest) ? e.username : newest.username;
    // withRename's entries of the account under other names, in the history's order (which one
    // leads among readings of the same time, and the order of the former names, follow it).
    const others = new Set(names.filter((n) => n !== name));
    const held = (others.size > 1 ? Object.keys(entries).filter((n) => others.has(n)) : [...others]).map((n) => entries[n]);
    const moved = renameIn(entries, name, id, held, [e]);
    return { outcome: 'joined', displaced: moved.displaced, name };
  }
  if (other && !takes) return { outcome: 'other', displaced: null };
  if (!other && here && here.computed_at > e.computed_at) return { outcome: 'newer', displaced: null };
  entries[e.username] = merged(here, e);
  return { outcome: 'put', displaced: other, name: e.username };
}
