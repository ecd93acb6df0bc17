// Turns Instagram answers into reports with the engine: the instant profile analysis, the
// logged-out rough estimate from og:description counts, and the combined audited report.
import { call } from './engine.js';
import { classifyResponse } from '../shared/instagram.js';

// A report or a state: {report} | {state, detail?}
export async function analyzeDoc(text, audience = null) {
  const options = { now: Math.floor(Date.now() / 1000) };
  if (audience) options.audience = audience;
  let out;
  try {
    out = await call('analyzeProfile', text, JSON.stringify(options));
  } catch (e) {
    return { state: 'engine_failed', detail: String(e.message || e) };
  }
  if (out && out.error) {
    const id = String(out.error.id || '');
    if (id.startsWith('profile.')) return { state: 'changed', detail: `${id}: ${out.error.message}` };
    return { state: 'engine_failed', detail: `${id}: ${out.error.message}` };
  }
  if (!out || typeof out !== 'object' || typeof out.username !== 'string') {
    return { state: 'engine_failed', detail: 'analyzeProfile returned no report' };
  }
  if (Array.isArray(out.states) && out.states.includes('not_found')) return { state: 'not_found' };
  return { report: out };
}

// The HTTP answer of web_profile_info -> {report} | {state, detail?} (before the engine runs,
// the adapter decides what kind of answer it is).
export function classifyProfileAnswer({ status, contentType, body }) {
  const c = classifyResponse(status, contentType, body);
  switch (c.kind) {
    case 'ok': return { ok: true };
    case 'rate_limited': return { state: 'rate_limited' };
    case 'logged_out': return { state: 'logged_out' };
    case 'challenge': return { state: 'challenge' };
    case 'not_found': return { state: 'not_found' };
    case 'forbidden': return { state: 'changed', detail: `web_profile_info answered HTTP ${status}` };
    default: return { state: 'changed', detail: `web_profile_info: ${c.detail}` };
  }
}

// og:description counts -> a minimal web_profile_info document, so the engine (not this
// file) decides what, if anything, can be said from counts alone.
export function docFromOg(username, fullName, og) {
  return JSON.stringify({
    data: {
      user: {
        username,
        full_name: fullName || '',
        is_private: false,
        edge_followed_by: { count: og.followers },
        edge_follow: { count: og.following },
        edge_owner_to_timeline_media: { count: og.posts, edges: [] },
      },
    },
    status: 'ok',
  });
}

export async function estimate(request) {
  try {
    const out = await call('estimateAudience', JSON.stringify(request));
    return out && !out.error ? { report: out } : { error: out ? out.error : { id: 'engine.output', message: 'no answer' } };
  } catch (e) {
    return { error: { id: 'engine.load', message: String(e.message || e) } };
  }
}

export async function accountFromProfile(text) {
  try {
    const out = await call('accountFromProfile', text);
    return out && !out.error ? { record: out } : { error: out ? out.error : { id: 'engine.output', message: 'no answer' } };
  } catch (e) {
    return { error: { id: 'engine.load', message: String(e.message || e) } };
  }
}
