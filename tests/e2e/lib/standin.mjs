// Test-side handle on the stand-in: start/stop it, switch failure modes, read and wait on its
// request log. Failure modes can also be switched over HTTP on standin.controlUrl (see README).
import { startStandin as start, FAILURE_MODES, APP_ID } from '../standin/server.mjs';
import { SEEDED } from '../standin/server.mjs';
export { SEEDED, NONEXISTENT, truth } from '../standin/server.mjs';

// The seeded profile of one kind ('organic_small', 'private', ...).
export const seededByKind = (kind) => SEEDED.find((p) => p.kind === kind);
export { FAILURE_MODES, APP_ID };

// options: { session: 'logged_in'|'logged_out', failures: [rule...], followsPrivate, renderDelayMs, port, controlPort }
// A rule: { mode: 'rate_limit'|'login_required'|'challenge'|'truncated'|'slow'|'not_found'|'server_error',
//           match: substring of path+query (default '/api/'), after: N matching requests pass first (default 0),
//           times: how many times it fires (default unlimited), delayMs: added delay (slow: default 1000) }
export async function startStandin(options = {}) {
  return start(options);
}

// Log entries of API requests, optionally only those `match` names: a query parameter given as
// `name=value` matches that parameter's whole value (`username=marco` is not `username=marco.fan`),
// anything else is a substring of path+query ('/followers/', 'web_profile_info').
export function apiRequests(standin, match = '') {
  return standin.log().filter((e) => e.kind === 'api' && requestMatches(e, match));
}

const PARAMETER = /^([A-Za-z_]+)=([^&]*)$/;
export function requestMatches(entry, match) {
  const param = PARAMETER.exec(match);
  if (!param) return (entry.path + entry.search).includes(match);
  return new URLSearchParams(entry.search).getAll(param[1]).includes(param[2]);
}

// Resolves with the first logged request (past or future) for which predicate(entry) is true.
export function waitForRequest(standin, predicate, { timeout = 15000 } = {}) {
  const found = standin.log().find(predicate);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const onRequest = (e) => { if (predicate(e)) { cleanup(); resolve(e); } };
    const timer = setTimeout(() => { cleanup(); reject(new Error(`waitForRequest: no matching request within ${timeout} ms`)); }, timeout);
    const cleanup = () => { clearTimeout(timer); standin.events.off('request', onRequest); };
    standin.events.on('request', onRequest);
  });
}

// Talks to a stand-in's control port over HTTP (for one started in another process).
export function controlClient(controlUrl) {
  const call = async (method, path, body) => {
    const res = await fetch(controlUrl + path, { method, body: body ? JSON.stringify(body) : undefined });
    const out = await res.json();
    if (!res.ok) throw new Error(`stand-in control ${path}: ${out.error}`);
    return out;
  };
  return {
    addFailure: (rule) => call('POST', '/failures', rule),
    clearFailures: () => call('POST', '/failures/clear'),
    setSession: (mode) => call('POST', '/session', { mode }),
    renameProfile: (from, to) => call('POST', '/rename', { from, to }),
    log: () => call('GET', '/log'),
    clearLog: () => call('POST', '/log/clear'),
    reset: () => call('POST', '/reset'),
    truth: () => call('GET', '/truth'),
  };
}
