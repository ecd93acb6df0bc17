// Popup: the current tab's profile report, and the searchable history with export, import
// and delete. Everything shown from history is set as text.
import { tabs, storage } from '../platform/browser.js';
import { profileFromPath, ORIGIN } from '../shared/instagram.js';
import { ageText, roughExplainText, followerChangeText, formerUsernamesText, renamedText, earlierOwnerText, STATE_CHIPS } from '../shared/i18n.js';
import { stateMessage } from '../shared/state-words.js';
import { word, reasonText, estimateText, listedReasons } from '../shared/words.js';
import { badgeLine, resultLine, deleteAllQuestion } from '../shared/entry-words.js';
import { HISTORY_KEY, MAX_ENTRIES, followerChange, currentCount, entryUserId } from '../shared/history.js';
import { ASIDE_KEY } from '../shared/set-aside.js';
import { asideNoteText, asideDiscardText, asideReasonText } from '../shared/aside-words.js';
import { importRefusalText } from '../shared/problem-words.js';
import { SCHEDULER_KEY } from '../shared/scheduler.js';
import { AUDIT_PREFIX } from '../shared/audit.js';
import { ask, localise, download, errorText } from './common.js';
import { MAX_IMPORT_CHARS } from '../shared/messages.js';
import { el } from '../shared/element.js';
import { inlineAsk } from './ask-inline.js';
import { auditDay } from '../shared/format.js';

let t = (k) => k;

// The stored estimate with its 95% interval, e.g. "≈27% fake (0–66%)".
function estimateCell(e) {
  return e.fake_percent === null ? t('noEstimate') : estimateText(t, e);
}

// An audit's comment analysis in brief: its grade in words (or the label an older entry kept).
// Kept from an earlier audit beside a newer reading (a re-check since: history.js putEntry
// keepAudit), it says which audit: a buyer comparing numbers must know which are older.
function engagementLine(entry) {
  const c = entry.comments;
  if (!c) return null;
  const grade = typeof c.grade_label === 'string' ? c.grade_label : word(t, { id: `comments.grade_${c.grade}`, params: {} });
  const line = t('commentsTitleLine', t('commentsTitle'), grade);
  return keptFrom(entry) ? t('keptFromAudit', line, auditDay(entry.audit_at, t.lang)) : line;
}

// Whether what the entry holds of an audit is older than its reading (kept over a re-check).
const keptFrom = (entry) => Number.isFinite(entry.audit_at) && entry.audit_at < entry.computed_at;

async function currentUsername() {
  try {
    const [tab] = await tabs.query({ active: true, currentWindow: true });
    const url = tab && tab.url ? new URL(tab.url) : null;
    return url && url.origin === ORIGIN ? profileFromPath(url.pathname) : null;
  } catch {
    return null;
  }
}

// The current tab's profile: its stored result (estimate, interval, grade, age) or a
// sentence saying why there is none. `data-state` on the section body names which.
async function showCurrent() {
  const body = document.getElementById('current-body');
  const username = await currentUsername();
  if (!username) {
    body.dataset.state = 'no_profile';
    body.replaceChildren(el('p', { class: 'muted' }, t('popupNoProfile')));
    return;
  }
  const { entry, renamedTo, earlier } = await ask('history.get', { username });
  const status = await ask('audit.status', { username });
  const parts = [el('p', { class: 'who', id: 'current-user' }, `@${username}`)];
  if (!entry && status.wait) {
    // Not checked because every request waits (the page says the same, naming the audit that drew
    // the wait when another profile's did): when, not "not checked yet".
    body.dataset.state = 'waiting';
    parts.push(el('p', { class: 'muted', id: 'current-wait' }, stateMessage(t, 'rate_limited', status.wait.retryAt,
      status.wait.unavailable, null, null, false, status.wait.during || null)));
  } else if (!entry && renamedTo) {
    // A name the account no longer has: where its history is now, not "not checked yet".
    body.dataset.state = 'renamed';
    parts.push(el('p', { class: 'muted', id: 'current-renamed' }, renamedText(t, renamedTo)));
  } else if (!entry) {
    body.dataset.state = 'not_checked';
    parts.push(el('p', { class: 'muted' }, t('popupNotChecked')));
  } else {
    body.dataset.state = 'report';
    const shown = badgeLine(t, entry);
    parts.push(el('p', { class: `estimate tone-${shown.tone}`, id: 'current-estimate' }, shown.text));
    if (entry.fake_percent !== null && shown.state && shown.state !== 'number') {
      parts.push(el('p', { class: 'muted', id: 'current-interval' }, estimateText(t, entry)));
    }
    const engagement = engagementLine(entry);
    if (engagement) parts.push(el('p', { id: 'current-engagement', class: `grade-${entry.comments.grade}` }, engagement));
    parts.push(el('p', { id: 'current-grade' }, t(`grade_${entry.grade}`)));
    if (entry.rough) parts.push(el('p', { class: 'muted' }, roughExplainText(t, entry.rough_cause)));
    // On the page's counts alone, the note above already says why posts were not read.
    const chips = entry.rough ? [] : entry.states.filter((s) => STATE_CHIPS.includes(s)).map((s) => t(`chip_${s}`));
    if (chips.length) parts.push(el('p', { class: 'muted', id: 'current-states' }, chips.join(' · ')));
    const change = entry.rough ? null : followerChange(entry.first_seen, currentCount(entry));
    if (change) parts.push(el('p', { class: 'muted', id: 'current-follower-change' }, followerChangeText(t, change)));
    const former = formerUsernamesText(t, entry.former_usernames);
    if (former) parts.push(el('p', { class: 'muted', id: 'current-former' }, former));
    // Another account had this name before (the one checked now started afresh): where it went.
    const before = earlierOwnerText(t, earlier);
    if (before) parts.push(el('p', { class: 'muted', id: 'current-earlier' }, before));
    if (entry.report && Array.isArray(entry.report.reasons)) {
      const ul = el('ul', { class: 'reasons' });
      for (const r of listedReasons(entry.report.reasons, entry.rough).slice(0, 6)) ul.append(el('li', {}, reasonText(t, r)));
      parts.push(ul);
    }
    parts.push(el('p', { class: 'muted', id: 'current-age' },
      t('computedAt', new Date(entry.computed_at).toLocaleString(t.lang), ageText(t, Date.now() - entry.computed_at))));
  }
  // Not an audit of the account that had the username before (another id than the entry's).
  const entryId = entryUserId(entry);
  // Nor one left under a name the account no longer has, unless it still runs there: nothing to act on.
  const leftBehind = !entry && renamedTo && !status.missing && status.progress.status !== 'running';
  if (!status.missing && !leftBehind && !(entryId && status.userId && status.userId !== entryId)) {
    const p = status.progress;
    parts.push(el('p', { class: 'muted', id: 'current-audit' }, t('auditProgress', p.listsDone, p.listsTarget, p.profilesDone, p.profilesTarget, p.requests, p.budget)));
    // Left when its profile was (audit.js pauseAudit): not running, as it was said to be.
    if (p.status === 'paused') parts.push(el('p', { class: 'muted', id: 'current-audit-paused' }, t('auditPaused')));
  }
  body.replaceChildren(...parts);
}

const SEARCH_PAUSE_MS = 150;
let historyDraws = 0;

// How many profiles the history holds (the last list drawn says), and the Delete all question.
let historyTotal = 0;
// How many of them hold an audit's result, for the question before Delete all.
let historyAudited = 0;
let deleteAllAsk = null;

// One row of the history: its account as the row's header, result, estimate, date and delete
// button. `i` is its place in the list, where the focus goes once it is deleted.
function historyRow(e, i, dateFormat) {
  const tr = el('tr');
  const a = el('a', { href: `${ORIGIN}/${e.username}/`, target: '_blank', rel: 'noopener' }, e.username);
  // The row's header: a screen reader names the row by its account (set as text: untrusted).
  const user = el('th', { scope: 'row' });
  user.append(a);
  // Renamed on Instagram: the names its history was kept under before.
  const former = formerUsernamesText(t, e.former_usernames);
  if (former) user.append(el('div', { class: 'muted former' }, former));
  const del = el('button', { class: 'small', 'aria-label': t('deleteEntry', e.username) }, '×');
  del.addEventListener('click', async () => {
    await ask('history.delete', { usernames: [e.username] });
    say(t('deletedEntries', 1));
    await showHistory();
    // The keyboard's focus goes to the row now in its place (or the one above), else the search.
    const left = document.querySelectorAll('#rows tr button');
    (left[i] || left[i - 1] || document.getElementById('search')).focus();
  });
  const delCell = el('td');
  delCell.append(del);
  // The badge's words lead; the numbers beside them are muted unless the badge showed one
  // (an instant estimate's interval is too wide to act on, which the words say).
  // An entry saved before badges were kept says no words of its own: its numbers stand beside.
  // No badge this version can word: the Result cell stays empty (the estimate is beside it).
  const shown = resultLine(t, e);
  const result = el('td', { class: `result tone-${shown.tone}`, 'data-state': shown.state || '' }, shown.text);
  const engagement = engagementLine(e);
  if (engagement) result.append(el('div', { class: `engagement grade-${e.comments.grade}` }, engagement));
  const muted = shown.state && shown.state !== 'number' ? ' muted' : '';
  tr.append(user, result, el('td', { class: `estimate-cell grade-${e.grade}${muted}` }, estimateCell(e)),
            el('td', {}, dateFormat.format(e.computed_at)), delCell);
  return tr;
}

// A long history is drawn in chunks, each after the browser has shown the one before: the first
// screen of rows shows at once (5,000 rows in one go kept the popup blank 2-3 s:
// tools/research/popup_draw.mjs). Each chunk twice the one before, so the table is laid out
// again a few times, not once per 100 rows. The first chunk is all the first answer holds
// (history.list with a limit): the rest of the list, kept by the background from the same read, is
// asked for at once and comes while the first rows are laid out, so they no longer wait for the
// whole list (~1.4 MB for 5,000) to be cloned and sent. With 5,000 entries on a loaded machine
// (tools/research/README.md, popup_draw.mjs: medians of 15 runs, before -> after): first rows on
// screen 1085 -> 827 ms, all 4052 -> 3241 ms. Most of the first answer is the background's read of
// the whole history from storage, which a limit does not spare.
const FIRST_ROWS = 100;

// After the next frame is drawn; a page that draws no frames (hidden) goes on after 50 ms.
function afterFrame() {
  return new Promise((resolve) => {
    let done = false;
    const go = () => { if (!done) { done = true; resolve(); } };
    requestAnimationFrame(() => setTimeout(go));
    setTimeout(go, 50);
  });
}

// The newest draw of the history; a draw overtaken by a newer one answers with it, so whoever
// waits on showHistory (a row's delete, for the focus) waits until the list in the page is whole.
let latestDraw = Promise.resolve();
function showHistory() {
  const draw = drawHistory(++historyDraws);
  latestDraw = draw;
  return draw;
}

// The counts of the history a list came with (all it holds, whatever the search shows).
function showCounts({ total, audited }) {
  historyTotal = total;
  historyAudited = audited ?? total;
  // Nothing to delete: Delete all is off (it asked to delete "all 0 profiles", export first, and
  // said it deleted 0); a question open when the history emptied elsewhere goes, the focus to the search.
  document.getElementById('delete-all').disabled = total === 0;
  if (total === 0 && deleteAllAsk?.open) {
    deleteAllAsk.close();
    document.getElementById('search').focus();
  } else {
    deleteAllAsk?.refresh();
  }
}

// The first draw's first rows, asked as the popup starts, before its words are loaded (main): the
// background reads the history meanwhile. Taken by the first draw, if it draws the same search.
let askedEarly = null;
// Resolved once the first rows of any draw are in the page (or the first draw failed): main asks
// what is kept aside after them, since that ask reads the whole history too and the background reads
// it once at a time (store.js locked): asked together, each read made the other's wait.
let firstRowsIn;
const firstRows = new Promise((resolve) => { firstRowsIn = resolve; });

async function drawHistory(draw) {
  const query = document.getElementById('search').value;
  const early = askedEarly;
  askedEarly = null;
  const first = await (early && early.query === query ? early.answer : ask('history.list', { query, limit: FIRST_ROWS }));
  // The rest, asked at once (taken by this ask even when a newer draw overtakes this one: the
  // background keeps it no longer).
  const restAsked = first.rest ? ask('history.list', { query, rest: first.rest }) : null;
  restAsked?.catch(() => {});  // (its failure is said where it is awaited; overtaken, by none)
  if (draw !== historyDraws) return latestDraw;  // a later draw (newer search, newer history) is under way
  showCounts(first);
  const rows = document.getElementById('rows');
  // One formatter for the whole list (toLocaleDateString made one per row); the same date.
  const dateFormat = new Intl.DateTimeFormat(t.lang);
  let entries = first.entries;
  const chunk = (from, to) => {
    const drawn = document.createDocumentFragment();
    for (let i = from; i < to; i++) drawn.append(historyRow(entries[i], i, dateFormat));
    return drawn;
  };
  let end = entries.length;
  rows.replaceChildren(chunk(0, end));
  firstRowsIn();
  // Until the last chunk is in, the list is not drawn (tests wait for data-shown).
  delete rows.dataset.shown;
  const empty = document.getElementById('empty');
  empty.hidden = entries.length > 0;
  // A search that matches nothing is no empty history.
  empty.textContent = t(query.trim() ? 'popupNoMatch' : 'popupEmpty');
  if (restAsked) {
    await afterFrame();
    const rest = await restAsked;
    if (draw !== historyDraws) return latestDraw;
    // The rest follows the first rows; a rest the background no longer kept comes as the whole list
    // read again (from 0), which replaces them.
    entries = [...entries.slice(0, rest.from), ...rest.entries];
    if (rest.from === 0) {
      showCounts(rest);
      end = Math.min(entries.length, FIRST_ROWS);
      rows.replaceChildren(chunk(0, end));
      empty.hidden = entries.length > 0;
    }
  }
  while (end < entries.length) {
    if (end > FIRST_ROWS) {
      await afterFrame();
      if (draw !== historyDraws) return latestDraw;
    }
    const from = end;
    end = Math.min(entries.length, 2 * end);
    rows.append(chunk(from, end));
  }
  rows.dataset.shown = String(entries.length);  // the list is drawn (tests wait for it)
}

function say(text) { document.getElementById('message').textContent = text; }
const failed = (e) => say(errorText(t, e));

// Why an import was refused, in the user's language, its detail too (problem-words.js).
// `file` ({name, text}): the file given, for one that is Export CSV's.
const importRefusal = (e, file) => importRefusalText(t, e, Math.round(MAX_IMPORT_CHARS / 1e6), file);

// The kinds the set-aside list last drawn holds, for the discard's confirmation to say what goes.
let asideKindsShown = null;

// What the stored history held that could not be read (kept aside, unchanged): how many, where
// and why (a few), with its download and the way to discard it. Hidden when there is none.
const ASIDE_SHOWN = 5;
async function showAside() {
  const { count, items, kinds } = await ask('history.aside');
  asideKindsShown = kinds;
  const box = document.getElementById('aside');
  box.hidden = count === 0;
  box.dataset.count = String(count);
  document.getElementById('aside-note').textContent = count ? asideNoteText(t, count, kinds) : '';
  // Each reason in the user's language (aside-words.js asideReasonText); one kept before reasons
  // had codes, in the English it was kept with.
  const lines = items.slice(-ASIDE_SHOWN).map((i) => el('li', {}, asideReasonText(t, i)));
  if (count > ASIDE_SHOWN) lines.push(el('li', {}, t('asideMore', count - ASIDE_SHOWN)));
  document.getElementById('aside-items').replaceChildren(...lines);
  // A question about discarding, open while the list changed: it says what goes now, or goes with the list.
  if (count === 0) discardAsk?.close();
  else discardAsk?.refresh();
}

// The questions asked before discarding what is kept aside and before deleting the whole history.
let discardAsk = null;

async function main() {
  askedEarly = { query: '', answer: ask('history.list', { query: '', limit: FIRST_ROWS }) };
  askedEarly.answer.catch(() => {});  // (said by the draw that takes it)
  ({ t } = await localise());
  // A long history is drawn again once typing pauses, not on every key.
  let searchTimer = 0;
  document.getElementById('search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => showHistory().catch(failed), SEARCH_PAUSE_MS);
  });
    document.getElementById('export-csv').addEventListener('click', () => ask('history.export', { format: 'csv' }).then(({ text }) => {
    // With a byte-order mark, spreadsheet programs (Excel) read the file as UTF-8: names with
    // accents or emoji stay whole.
    download('fakemeter-history.csv', `\uFEFF${text}`, 'text/csv;charset=utf-8');
  }, failed));
  document.getElementById('export-json').addEventListener('click', () => ask('history.export', { format: 'json' }).then(({ text }) => {
    download('fakemeter-history.json', text, 'application/json');
  }, failed));
  // A button, so the keyboard and screen readers reach it; it opens the hidden file picker.
  const importFile = document.getElementById('import-file');
  document.getElementById('import-button').addEventListener('click', () => importFile.click());
  importFile.addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    let text;
    try {
      // Refused before reading it: a file past what one message carries.
      if (file.size > MAX_IMPORT_CHARS) throw Object.assign(new Error('too large'), { id: 'history.import.too_large' });
      text = await file.text();
      const r = await ask('history.import', { text });
      say([t('imported', r.imported), r.newerKept ? t('importedNewerKept', r.newerKept) : '',
        r.setAside ? t('importedSetAside', MAX_ENTRIES, r.setAside) : '',
        r.notImported ? t('importedNotImported', MAX_ENTRIES, r.notImported) : '',
        // Names that changed hands or accounts renamed between the file and this history (history.js importOne).
        r.joined ? t('importedJoined', r.joined) : '', r.takenAside ? t('importedTakenAside', r.takenAside) : '',
        r.otherOwner ? t('importedOtherOwner', r.otherOwner) : '',
        // A set-aside download's items that could not be read (set aside as such): no entries to import.
        r.notEntries ? t('importedNotEntries', r.notEntries) : ''].filter(Boolean).join(' '));
    } catch (e) {
      say(importRefusal(e, { name: file.name, text }));
    }
    ev.target.value = '';
    await showHistory();
  });
  document.getElementById('aside-download').addEventListener('click', async () => {
    const { text } = await ask('history.asideExport');
    // Named as the popup names the list; its format stays "fakemeter-set-aside", which older downloads carry.
    download('fakemeter-kept-aside.json', text, 'application/json');
  });
  // Asked inline, not by window.confirm (ask-inline.js): nothing goes until the user answers yes.
  const asideCount = () => Number(document.getElementById('aside').dataset.count) || 0;
  discardAsk = inlineAsk(document.getElementById('aside-discard'), {
    id: 'aside-discard-ask',
    words: () => ({ question: asideDiscardText(t, asideCount(), asideKindsShown), yes: t('asideDiscardYes', asideCount()) }),
    cancel: t('cancel'),
    onYes: async () => {
      await ask('history.asideDiscard');
      say(t('asideDiscarded'));
      await showAside();
    },
    // The list is gone: the focus goes to the buttons below it, where it stood.
    after: () => document.getElementById('export-csv').focus(),
    onError: failed,
  });
  // The question names every profile the history holds, not only those a search shows: all go.
  deleteAllAsk = inlineAsk(document.getElementById('delete-all'), {
    id: 'delete-all-ask',
    words: () => ({ question: deleteAllQuestion(t, historyTotal, historyAudited), yes: t('deleteAllYes') }),
    cancel: t('cancel'),
    onYes: async () => {
      const { entries } = await ask('history.list', {});
      await ask('history.delete', { usernames: entries.map((e) => e.username) });
      say(t('deletedEntries', entries.length));
      await showHistory();
    },
    after: () => document.getElementById('search').focus(),
    onError: failed,
  });
  // A check that finishes while the popup is open shows up in it.
  // So does each step of an audit running meanwhile (its progress line), and a wait starting or ending.
  storage.onChanged?.addListener((changes) => {
    const keys = Object.keys(changes);
    if (HISTORY_KEY in changes || ASIDE_KEY in changes) {
      Promise.all([showCurrent(), showHistory(), showAside()]).catch(failed);
    } else if (keys.some((k) => k.startsWith(AUDIT_PREFIX) || k === SCHEDULER_KEY)) {
      showCurrent().catch(failed);
    }
  });
  const history = showHistory();
  history.catch(() => firstRowsIn());
  await Promise.all([showCurrent(), history, firstRows.then(showAside)]);
}

main().catch(failed);
