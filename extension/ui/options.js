// Options: auto-run, audit sample sizes and request budget, the comment analysis (opt-in),
// request pacing and cap, language.
import { ask, localise, errorText } from './common.js';
import { storage } from '../platform/browser.js';
import { auditPlan } from '../shared/audit.js';
import { auditPlanText } from '../shared/plan-text.js';
import { SETTINGS_KEY, normalizeSettings } from '../shared/settings.js';

const AUDIT_FIELDS = ['auditListSize', 'auditFullSize', 'auditPosts', 'auditEngagersFull', 'auditBudget'];
let t = (k) => k;

const $ = (id) => document.getElementById(id);

// Each setting's form control: how it reads and how it is shown.
const FIELDS = {
  autoRun: { get: () => $('autoRun').checked, set: (v) => { $('autoRun').checked = v; } },
  auditComments: { get: () => $('auditComments').checked, set: (v) => { $('auditComments').checked = v; } },
  ...Object.fromEntries(AUDIT_FIELDS.map((key) => [key, { get: () => Number($(key).value), set: (v) => { $(key).value = v; } }])),
  pacingMs: { get: () => Math.round(Math.max(1, Number($('pacingSeconds').value) || 1.5) * 1000), set: (v) => { $('pacingSeconds').value = v / 1000; } },
  hourlyCap: { get: () => Number($('hourlyCap').value), set: (v) => { $('hourlyCap').value = v; } },
  language: { get: () => $('language').value, set: (v) => { $('language').value = v; } },
};

// The settings the form was last filled from: a save sends only what was changed here, so
// another options page's save (or the same settings changed elsewhere) is not undone by this one.
let shown = null;
const edited = () => Object.keys(FIELDS).filter((key) => shown && FIELDS[key].get() !== shown[key]);

// The form's label of a setting (its words, without the control's value).
function labelOf(key) {
  const control = $(key === 'pacingMs' ? 'pacingSeconds' : key);
  const words = control && control.closest('label') && control.closest('label').querySelector('span');
  return words ? words.textContent.trim() : key;
}

// The settings the form shows now, edited and not saved included, as a save would store them.
const formSettings = () => normalizeSettings({ ...shown, ...Object.fromEntries(edited().map((key) => [key, FIELDS[key].get()])) });

// What an audit with these settings reads, on a profile with enough recent posts.
function showPlan(s) {
  const posts = Array.from({ length: 12 }, (_, i) => ({ id: String(i + 1), likes: null, comments: 1 }));
  const plan = auditPlan(s, posts);
  $('auditPlan').textContent = auditPlanText(t, plan) + (plan.comments ? ` ${t('commentsPlanOn', plan.commenters.posts)}` : '');
}

// The plan said (politely, #auditPlanSaid) once the form's edits pause, and only when it changed
// since it was last said or drawn from the stored settings: at every key it was silent, and said at
// every key it would talk over the typing. A plan redrawn by a save elsewhere is not said. Once said,
// the hidden copy is emptied again: left in the page, a reader going through the form met the plan
// twice, the line under the sample sizes and its copy. (Emptying is not announced: a status region
// speaks what is added.) A new edit empties it at once, so a copy of an older plan is never met.
const PLAN_PAUSE_MS = 1000;
const PLAN_SAID_MS = 3000;
let planTimer = 0;
let planSaid = '';
function sayPlanSettled() {
  clearTimeout(planTimer);
  $('auditPlanSaid').textContent = '';
  planTimer = setTimeout(() => {
    const plan = $('auditPlan').textContent;
    if (plan === planSaid) return;
    $('auditPlanSaid').textContent = planSaid = plan;
    planTimer = setTimeout(() => { $('auditPlanSaid').textContent = ''; }, PLAN_SAID_MS);
  }, PLAN_PAUSE_MS);
}

// The status line as a function of the language, so a save that switches it is said in the new one
// ("Saved." stayed in the old language); null: nothing said.
let status = null;
function say(words) {
  status = words;
  $('status').textContent = words ? words() : '';
}

// `keep`: fields edited here and not yet saved stay as they are.
function fill(s, keep = []) {
  for (const [key, field] of Object.entries(FIELDS)) if (!keep.includes(key)) field.set(s[key]);
  shown = s;
  showPlan(s);
  planSaid = $('auditPlan').textContent;
}

// A failure said in the status line (a save that did not go through was silent).
const showError = (e) => { $('status').textContent = errorText(t, e); };

async function main() {
  ({ t } = await localise());
  fill((await ask('settings.get')).settings);
  $('form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    save().catch(showError);
  });
  async function save() {
    const patch = Object.fromEntries(edited().map((key) => [key, FIELDS[key].get()]));
    const meant = { ...shown, ...patch };
    const { settings } = await ask('settings.set', { settings: patch });
    fill(settings);
    // A value the other settings do not allow (more followers checked in full than listed, also
    // one not edited now) was stored as the nearest one allowed: said, with what it became.
    const adjusted = Object.keys(FIELDS).filter((key) => key in meant && settings[key] !== meant[key]);
    say(() => (adjusted.length
      ? t('savedAdjusted', adjusted.map((key) => t('labelValue', labelOf(key), FIELDS[key].get())).join('; ')) : t('saved')));
  }
  // The plan follows the form as it is edited, not only once it is saved; "Saved." is of before.
  $('form').addEventListener('input', () => {
    if (shown) showPlan(formSettings());
    say(null);
    sayPlanSettled();
  });
  // Saved here or in another options page: the form follows, keeping what is being edited, and
  // a new language redraws the page in it.
  storage.onChanged?.addListener((changes) => {
    if (!changes[SETTINGS_KEY]) return;
    const next = normalizeSettings(changes[SETTINGS_KEY].newValue);
    const relanguage = shown && next.language !== shown.language;
    fill(next, edited());
    if (relanguage) {
      localise().then((l) => { t = l.t; showPlan(next); say(status); }).catch(showError);
    }
  });
}

main().catch(showError);
