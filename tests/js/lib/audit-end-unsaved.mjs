// An audit ended with its result not in the history, as a worker stopped between the write that
// ends the audit and the history's leaves it (handlers.js auditNext): for the tests of what brings
// such a result back (audit-end-kept, audit-unsaved-room, and the renamed and lost-document cases).

import { findSeeded, seededDocument } from '../../e2e/standin/profiles.mjs';

// Makes the history's writes fail while `writes.on` is false. Call before the background's modules
// are imported (after installFakeChrome).
export function stoppableHistoryWrites() {
  const local = globalThis.chrome.storage.local;
  const set = local.set.bind(local);
  const writes = { on: true };
  local.set = async (items) => {
    if (!writes.on && 'history' in items) throw new Error('the worker stopped before this write');
    return set(items);
  };
  return writes;
}

// A check of the stand-in's seeded profile `name` through the background's handlers, as a page's
// web_profile_info answer brings it.
export const checkProfile = (handle, name) => handle['instant.analyze']({ username: name, endpoint: 'web_profile_info', status: 200,
  contentType: 'application/json', body: JSON.stringify(seededDocument(findSeeded(name))) });

// One followers page of 25 accounts, the list's end.
export const FOLLOWERS_PAGE = { status: 200, contentType: 'application/json',
  body: JSON.stringify({ users: Array.from({ length: 25 }, (_, i) => ({ pk: String(100 + i), username: `fan${i}` })), next_max_id: null }) };

// Starts an audit of `username` (a budget of 1 in the settings: one page) and answers its page
// (FOLLOWERS_PAGE, or `page`); the next audit.next ends it. `fresh`: as audit.start's.
export async function auditOnePage(handle, { username, id, tab, fresh, page = FOLLOWERS_PAGE }) {
  await handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 800, posts: [], profileSource: 'web_profile_info',
                                ...(fresh ? { fresh } : {}) }, tab);
  const step = await handle['audit.next']({ username }, tab);
  if (!(await handle['audit.claim']({ username, id: step.id, audit: step.audit }, tab)).go) throw new Error('the audit\'s page was not granted');
  await handle['audit.result']({ username, id: step.id, audit: step.audit, ...page }, tab);
}

// Starts an audit of `username` (a budget of 1 in the settings: one page), answers its page and ends
// it with the history's write failing. Returns the end's answer.
export async function endAuditUnsaved(handle, writes, { username, id, tab }) {
  await auditOnePage(handle, { username, id, tab });
  writes.on = false;
  try {
    return await handle['audit.next']({ username }, tab);
  } finally {
    writes.on = true;
  }
}

// A check of the seeded profile `seeded` whose account Instagram now names `name` (renamed).
export function checkRenamed(handle, seeded, name) {
  const doc = seededDocument(findSeeded(seeded));
  doc.data.user.username = name;
  return handle['instant.analyze']({ username: name, endpoint: 'web_profile_info', status: 200, contentType: 'application/json',
                                     body: JSON.stringify(doc) });
}

// An audit of `before` (one page, as auditOnePage's) that ends there after its account was seen as
// `after` (a check of the new name); `between` runs before the end. The end's history write fails
// unless `saved` (a worker stopped between the two writes). Returns the end's answer.
export async function auditEndedAfterRename(handle, writes, { before, after, id, tab, saved = false, between = async () => {} }) {
  await auditOnePage(handle, { username: before, id, tab });
  await checkRenamed(handle, before, after);
  await between();
  writes.on = saved;
  try {
    return await handle['audit.next']({ username: before }, tab);
  } finally {
    writes.on = true;
  }
}

// An audit of `username` ended early (cancelled after one page) with its profile's document lost:
// no report to make. `tick` moves the test's clock on before each of the two steps.
export async function cancelledWithDocLost(handle, data, { username, id, tab, tick }) {
  delete data[`doc:${username}`];
  data.docs = [];
  tick();
  await auditOnePage(handle, { username, id, tab, fresh: true });
  tick();
  await handle['audit.cancel']({ username }, tab);
}
