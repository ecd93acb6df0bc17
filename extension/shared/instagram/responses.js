// What an HTTP answer from Instagram means, before any mapping of its JSON, and how its JSON is
// read (ids too long for a JS number kept as their digits).

const isWait = (m) => /please wait a few minutes/i.test(m);

// Integer literals of 16 digits or more outside strings are ids (no count comes near), and past
// 2^53 a JS number would silently round them: they are read as their digits instead. One pass
// over the text, skipping string contents (escapes included), so text in a comment or a bio is
// never touched.
const LONG_INTEGER = /\d{16}/;
export function quoteLongIntegers(text) {
  if (!LONG_INTEGER.test(text)) return text;
  let out = '', from = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') { inString = true; continue; }
    if (c < '0' || c > '9' || (i > 0 && /[\d.eE+-]/.test(text[i - 1]))) continue;
    let j = i;
    while (j < text.length && text[j] >= '0' && text[j] <= '9') j++;
    if (j - i >= 16 && !/[.eE]/.test(text[j] || '')) {
      out += `${text.slice(from, i)}"${text.slice(i, j)}"`;
      from = j;
    }
    i = j - 1;
  }
  return out + text.slice(from);
}

// An answer's text as JSON, or null when it is none. A byte-order mark before it is skipped.
export function parseJson(text) {
  try {
    return JSON.parse(quoteLongIntegers(text.replace(/^\uFEFF/, '')));
  } catch {
    return null;
  }
}

// Instagram's failure bodies ({"message", "status": "fail", ...}) under any HTTP status, the
// 2xx ones included -> the kind of failure, or null when the body says nothing that is known.
//   rate limited: "Please wait a few minutes", error_type "rate_limit_error", and
//     "feedback_required" / "spam": true (read requests draw it in bursts, titled "Try Again
//     Later": it clears with time, like a rate limit, and asks nothing of the user);
//   logged out: "login_required", "user_has_logged_out", "require_login": true;
//   challenge: checkpoint, challenge and consent pages to go through on instagram.com.
function failureOf(json) {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const message = typeof json.message === 'string' ? json.message : '';
  const type = typeof json.error_type === 'string' ? json.error_type : '';
  const said = `${message} ${type}`;
  const detail = (message || type).slice(0, 80);
  if (isWait(said) || /rate_limit|feedback_required/i.test(said) || json.spam === true) {
    return { kind: 'rate_limited', detail: detail || 'spam' };
  }
  if (/login_required|user_has_logged_out/.test(said) || json.require_login === true) return { kind: 'logged_out' };
  if (/checkpoint|challenge_required|consent_required/.test(said)) return { kind: 'challenge' };
  return null;
}

// Backed off from like a rate limit; `unavailable` (the HTTP status, 0 for no answer at all)
// tells the user what happened instead of "asked to slow down".
const unavailable = (status) => ({ kind: 'rate_limited', unavailable: status,
  detail: status === 0 ? 'no answer (network)' : `HTTP ${status} (Instagram unavailable for now)` });

// That status carried on as a field of a state or an outcome ({unavailable}), none for a rate limit.
export const unavailableOf = (c) => (c && Number.isInteger(c.unavailable) ? { unavailable: c.unavailable } : {});

// Whether an answer of `kind` (classifyResponse) is about the one profile (or item) asked rather
// than about Instagram: "not found" (404) and {"data":{"user":null}} say that it does not exist or
// is not given out (restricted, age-gated, blocked in the region). Instagram did answer, so nothing
// else is backed off for it: a request of another profile or of another kind is no less likely to
// go through. (A user:null can be a rate limit in disguise; a real limit shows itself by a 429 or
// "please wait" on the next request of any profile, which backs everything off then.)
export const aboutAskedOnly = (kind) => kind === 'not_found';

// A web_profile_info answer is left for the engine to parse, but a failure body is small: one
// this size or smaller is read here so "fail" with HTTP 200 is told like any other failure.
const SMALL_BODY_CHARS = 4096;

// {kind: 'ok', json} | {kind: 'rate_limited', detail, unavailable?} | {kind: 'logged_out'} | {kind: 'challenge'}
// | {kind: 'not_found', userNull?} | {kind: 'forbidden'} | {kind: 'changed', detail}.
// Rate limits: any 429 (also "useragent mismatch", which clears like one), and "Please wait a
// few minutes" under any status (a signed-in session gets it as 401): back off, not "logged out".
// No answer at all (status 0: the network) and a 5xx are read the same way, their detail and
// `unavailable` (the status) saying which: a failure of the moment on Instagram's side or the way there, to back off from and
// retry, never a reason to stop or to call the page changed.
// A 2xx body with "status": "fail" is a failure, never data: told by its message, else
// "changed" quoting it. With {json: false} a large successful answer is not parsed here (the
// engine parses it): json is undefined then, and a cut body surfaces as the engine's parse error.
export function classifyResponse(status, contentType, body, { json: wantJson = true } = {}) {
  const text = typeof body === 'string' ? body : '';
  const looksHtml = /^\s*</.test(text) || /text\/html/i.test(contentType || '');
  const ok = status >= 200 && status < 300;
  const skipParse = !wantJson && ok && !looksHtml && text.length > SMALL_BODY_CHARS;
  if (skipParse) return { kind: 'ok' };
  const json = !looksHtml && text ? parseJson(text) : null;
  const failure = failureOf(json);
  if (status === 429) return { kind: 'rate_limited', detail: (failure && failure.detail) || (json && typeof json.message === 'string' && json.message.slice(0, 80)) || 'HTTP 429' };
  if (failure) return failure;
  if (status === 401) return { kind: 'logged_out' };
  if (looksHtml) {
    if (/accounts\/login/.test(text) && status < 400) return { kind: 'logged_out' };
    if (status === 404) return { kind: 'not_found' };
    if (status === 0 || status >= 500) return unavailable(status);
    return { kind: 'challenge' };
  }
  if (status === 404) return { kind: 'not_found' };
  if (status === 400 || status === 403) return { kind: 'forbidden' };
  if (status === 0 || status >= 500) return unavailable(status);
  if (!ok) return { kind: 'changed', detail: `HTTP ${status}` };
  if (json === null) {
    if (!wantJson && text) return { kind: 'ok' };  // the engine's parse error says what and where
    return { kind: 'changed', detail: `response is not JSON (${text.length} bytes: ${JSON.stringify(text.slice(0, 80))})` };
  }
  if (json.status === 'fail') {
    const message = typeof json.message === 'string' && json.message ? json.message.slice(0, 80) : '(no message)';
    return { kind: 'changed', detail: `HTTP ${status} with "status": "fail": ${JSON.stringify(message)}` };
  }
  // ({userNull}: Instagram answers so also for a profile it shows but will not give out: restricted,
  // age-gated, blocked in the viewer's region, or a rate limit. Only the page tells which.)
  if (json.data && json.data.user === null) return { kind: 'not_found', userNull: true };
  return wantJson ? { kind: 'ok', json } : { kind: 'ok' };
}
