// Turns Instagram answers into reports with the engine: the instant profile analysis, the
// reading of the page's own counts (findings only), and the combined audited report.
import { call } from './engine.js';
import { classifyResponse, unavailableOf, profileDocFromUserInfo } from '../shared/instagram.js';
import { recentResults } from './recent-results.js';

// The profile's readings asked last (an audit step asks two: with its samples, and alone).
const profileReadings = recentResults(4);

// A report or a state: {report} | {state, detail?}. `samples`: the audit's estimates,
// {audience (the followers), likers, commenters}, any of them null.
export async function analyzeDoc(text, samples = null) {
  const options = { now: Math.floor(Date.now() / 1000) };
  for (const [key, report] of Object.entries(samples || {})) if (report) options[key] = report;
  const args = JSON.stringify(options);
  let out;
  try {
    // Kept only when the engine answered (a crash or a refusal is tried again the next time).
    out = await profileReadings.get(`${args}\n${text}`, () => call('analyzeProfile', text, args),
                                    (o) => !!o && typeof o === 'object' && !o.error);
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

// The HTTP answer of a profile endpoint -> {ok, json?} | {state, detail?} (before the engine
// runs, the adapter decides what kind of answer it is). web_profile_info's body is left for
// the engine to parse; users/<id>/info's is parsed here, to be mapped to the same document.
export function classifyProfileAnswer({ status, contentType, body }, endpoint = 'web_profile_info') {
  const c = classifyResponse(status, contentType, body, { json: endpoint !== 'web_profile_info' });
  switch (c.kind) {
    case 'ok': return { ok: true, json: c.json };
    case 'rate_limited': return { state: 'rate_limited', detail: c.detail, ...unavailableOf(c) };
    case 'logged_out': return { state: 'logged_out' };
    case 'challenge': return { state: 'challenge' };
    case 'not_found': return c.userNull ? { state: 'not_found', userNull: true } : { state: 'not_found' };
    case 'forbidden': return { state: 'changed', detail: `${endpoint} answered HTTP ${status}` };
    default: return { state: 'changed', detail: `${endpoint}: ${c.detail}` };
  }
}

// The document the engine reads for a profile answer: web_profile_info's body as it came, or
// users/<id>/info's user mapped to that shape. {text} | {state: 'changed', detail}.
export function profileText(endpoint, body, json) {
  if (endpoint !== 'users_info') return { text: body };
  const mapped = profileDocFromUserInfo(json);
  return mapped.error ? { state: 'changed', detail: mapped.error } : mapped;
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

// The comment analysis of a comments document (comment-document.js): {report} | {error: {id,
// message}}. Never logged: a document holds comment text from the page.
export async function analyzeComments(doc) {
  try {
    const out = await call('analyzeComments', JSON.stringify(doc));
    if (out && !out.error && typeof out.grade === 'string') return { report: out };
    return { error: out && out.error ? out.error : { id: 'engine.output', message: 'analyzeComments returned no report' } };
  } catch (e) {
    return { error: { id: 'engine.load', message: String(e.message || e) } };
  }
}
