// Message channels between the content script / extension pages and the background, with
// the shape of every message. Two channels (after uBlock's messaging): "content" messages
// come from content scripts on instagram.com and can never reach the "privileged" handlers,
// which only the extension's own pages (popup, options) may call. Anything that does not
// match a shape here is rejected before a handler sees it.

import { isUsername, ORIGIN } from './instagram.js';

// The other way, from the background to the Instagram tabs (tabs.sendMessage): the storage changes
// a tab follows, {what: STORAGE_CHANGED, changes} in storage.onChanged's shape (background/tab-relay.js),
// answered {} at once. Not versioned: a copy of the content script ignores a `what` it does not
// know (as one from before the relay does), and reads each key's values as it read storage's, as
// untrusted (normalizeSettings, normalizeSchedulerState, newReadingOf's checks), so a relay of
// another version breaks none. (Its own messages are what a version mismatch refuses: 'outdated'.)
export const STORAGE_CHANGED = 'storage.changed';

export const MAX_BODY_CHARS = 4_000_000;   // one Instagram JSON answer; far above real sizes
export const MAX_IMPORT_CHARS = 20_000_000;  // an import file
const MAX_TEXT = MAX_IMPORT_CHARS;

const str = (max) => (v) => typeof v === 'string' && v.length <= max;
const username = (v) => isUsername(v);
const int = (lo, hi) => (v) => Number.isInteger(v) && v >= lo && v <= hi;
const bool = (v) => typeof v === 'boolean';
const optional = (check) => (v) => v === undefined || check(v);
const userId = (v) => typeof v === 'string' && /^\d{1,30}$/.test(v);
const count = (v) => v === null || (Number.isInteger(v) && v >= 0 && v < 1e11);
const og = (v) => v && typeof v === 'object' && !Array.isArray(v) &&
  count(v.followers) && count(v.following) && count(v.posts) && Object.keys(v).length === 3;
const profileEndpoint = (v) => v === 'web_profile_info' || v === 'users_info' || v === 'page' || v === 'page_header';
const mediaId = (v) => typeof v === 'string' && /^[\d_]{1,64}$/.test(v);
// The recent posts an audit may read engagers of: {id, likes, comments, takenAt?, commentsDisabled?}
// as the engine reported them (takenAt: unix seconds, for the comment analysis).
// pinned, collab: the engine's flags (report posts), for the audit's choice of posts (audit.js postsFor).
const POST_KEYS = ['id', 'likes', 'comments', 'takenAt', 'commentsDisabled', 'pinned', 'collab'];
const posts = (v) => Array.isArray(v) && v.length <= 50 && v.every((p) => p && typeof p === 'object' &&
  !Array.isArray(p) && mediaId(p.id) && count(p.likes) && count(p.comments) && optional(count)(p.takenAt) &&
  optional(bool)(p.commentsDisabled) && optional(bool)(p.pinned) && optional(bool)(p.collab) &&
  Object.keys(p).every((k) => POST_KEYS.includes(k)) && Object.keys(p).length >= 3);
const httpAnswer = { status: int(0, 999), contentType: str(200), body: str(MAX_BODY_CHARS) };
const usernames = (v) => Array.isArray(v) && v.length <= 10000 && v.every(isUsername);
const settingsPatch = (v) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length <= 20;

export const SHAPES = {
  content: {
    hello: {},
    'profile.cached': { username },
    'instant.begin': { username, fallback: optional(bool), byHand: optional(bool) },
    'instant.release': { username, at: int(0, 1e14) },
    'instant.analyze': { username, endpoint: optional(profileEndpoint), keepAudited: optional(bool), pageShowsProfile: optional(bool),
                         ...httpAnswer },
    'instant.rough': { username, fullName: optional(str(500)), og, from: optional((v) => v === 'page' || v === 'page_header'),
                       cause: optional((v) => v === 'logged_out' || v === 'rate_limited'),
                       unavailable: optional(int(0, 999)) },
    'audit.start': { username, userId, isPrivate: (v) => v === null || bool(v), followerCount: optional(count), posts: optional(posts),
                     profileSource: optional(profileEndpoint), fresh: optional(bool), resume: optional(bool),
                     engagersOnly: optional(bool), followersAgain: optional(bool), ownProfileUnread: optional((v) => v === null || (v && typeof v === 'object'
                       && Object.keys(v).every((k) => k === 'status') && (v.status === null || (Number.isInteger(v.status) && v.status >= 0 && v.status < 1000)))) },
    'audit.next': { username },
    // `audit`: the audit the step was handed out by (its startedAt, audit.next's answer): ids start at 1
    // in every audit, so a step of an audit since cancelled names the same id as the new audit's.
    // `outstanding`: this page's context still has the step's request out, from an earlier page of
    // the profile (left and come back to within the app): it waits for that answer (audit.js claimPending).
    'audit.claim': { username, id: int(1, 1e9), audit: optional(int(0, Number.MAX_SAFE_INTEGER)), attempt: optional(str(40)),
                     outstanding: optional(bool) },
    'audit.sent': { username, id: int(1, 1e9) },
    'audit.result': { username, id: int(1, 1e9), audit: optional(int(0, Number.MAX_SAFE_INTEGER)), ...httpAnswer },
    'audit.cancel': { username },
    'audit.pause': { username },
    'audit.status': { username },
  },
  privileged: {
    hello: {},
    // `limit`: the first rows only; `rest`: the token the rest of such a list is kept under (handlers.js historyList).
    'history.list': { query: optional(str(200)), limit: optional(int(1, 1e6)), rest: optional((v) => typeof v === 'string' && /^[\w-]{1,64}$/.test(v)) },
    'history.get': { username },
    'history.delete': { usernames },
    'history.export': { format: (v) => v === 'json' || v === 'csv' },
    'history.import': { text: str(MAX_TEXT) },
    'history.aside': {},
    'history.asideExport': {},
    'history.asideDiscard': {},
    'settings.get': {},
    'settings.set': { settings: settingsPatch },
    'audit.status': { username },
    'audit.cancel': { username },
    // Keys an extension page wrote into storage.local itself (null: it cleared it), for the
    // background to read them again (store.js writtenElsewhere). The extension's own pages never
    // do (they ask the background); a test writing storage directly does.
    'storage.written': { keys: (v) => v === null || (Array.isArray(v) && v.length <= 1000 && v.every(str(300))) },
  },
};

// Which channel a sender may use, or null when it may use none.
export function channelOf(sender, extensionId, extensionOrigin) {
  if (!sender || sender.id !== extensionId) return null;
  const url = typeof sender.url === 'string' ? sender.url : '';
  if (extensionOrigin && url.startsWith(extensionOrigin)) return 'privileged';
  if (sender.tab && url.startsWith(`${ORIGIN}/`)) return 'content';
  return null;
}

const SEND_ID = /^[A-Za-z0-9-]{8,64}$/;

// Checks a message against its channel's shapes. Returns {ok: true} or {ok: false, error}.
export function validateMessage(msg, channel) {
  if (!channel || !SHAPES[channel]) return { ok: false, error: 'sender is not allowed to message the background' };
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return { ok: false, error: 'message must be an object' };
  const { what } = msg;
  if (typeof what !== 'string' || !Object.hasOwn(SHAPES[channel], what)) {
    return { ok: false, error: `unknown message ${JSON.stringify(String(what).slice(0, 40))} on the ${channel} channel` };
  }
  const shape = SHAPES[channel][what];
  // Any message may carry a sendId: the same on every attempt of one send (content/messaging.js),
  // so a retry gets the first attempt's answer (background/answer-once.js).
  if (msg.sendId !== undefined && !(typeof msg.sendId === 'string' && SEND_ID.test(msg.sendId))) return { ok: false, error: `${what}: field "sendId" is malformed` };
  for (const key of Object.keys(msg)) {
    if (key !== 'what' && key !== 'sendId' && !Object.hasOwn(shape, key)) return { ok: false, error: `${what}: unexpected field "${key.slice(0, 40)}"` };
  }
  for (const [key, check] of Object.entries(shape)) {
    if (!check(msg[key])) return { ok: false, error: `${what}: field "${key}" is missing or malformed` };
  }
  return { ok: true };
}
