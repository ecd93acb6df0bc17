// User settings: defaults, limits, and normalisation of whatever storage holds. One place,
// so the options page, the background and the tests agree on what a valid setting is.

import { SUPPORTED } from './i18n.js';

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS = Object.freeze({
  autoRun: true,            // instant estimate on every profile page visited
  auditListSize: 100,       // followers listed (newest first) per audit, if Instagram lists that many
  auditFullSize: 15,        // of those, profiles fetched in full (random subsample)
  auditPosts: 3,            // recent posts whose likers and commenters are listed
  auditEngagersFull: 8,     // of the likers (and of the commenters), profiles fetched in full
  auditBudget: 45,          // requests one audit may make at most, whatever the sizes above
  auditComments: false,     // the user's opt-in: an audit also reads the comments of the newest
                            // posts (audit.js COMMENT_POSTS) and judges what they say
  pacingMs: 1500,           // at least this long between two requests to Instagram
  hourlyCap: 200,           // requests per rolling hour, all tabs together
  language: 'auto',         // 'auto' (browser) or one of the shipped languages (i18n.js)
  answerTimeoutMs: 30000,   // a request Instagram has not answered (headers and body) by then
                            // counts as no answer (not in the options page; tests shorten it)
});

// Limits: the lower pacing bound allows fast test runs; the UI offers >= 1000 ms.
const LIMITS = {
  auditListSize: [25, 1000],
  auditFullSize: [0, 200],
  auditPosts: [0, 12],
  auditEngagersFull: [0, 100],
  auditBudget: [1, 500],
  pacingMs: [20, 60000],
  hourlyCap: [1, 2000],
  answerTimeoutMs: [500, 120000],
};

export const LANGUAGES = ['auto', ...SUPPORTED];

// Any stored value -> a complete, valid settings object (bad fields fall back to defaults).
export function normalizeSettings(raw) {
  const s = { ...DEFAULT_SETTINGS };
  if (!raw || typeof raw !== 'object') return s;
  for (const key of ['autoRun', 'auditComments']) if (typeof raw[key] === 'boolean') s[key] = raw[key];
  for (const [key, [lo, hi]] of Object.entries(LIMITS)) {
    const v = raw[key];
    if (typeof v === 'number' && Number.isFinite(v)) s[key] = Math.min(hi, Math.max(lo, Math.round(v)));
  }
  if (LANGUAGES.includes(raw.language)) s.language = raw.language;
  if (s.auditFullSize > s.auditListSize) s.auditFullSize = s.auditListSize;
  return s;
}

export const SETTING_LIMITS = LIMITS;
