// What an HTTP answer from Instagram means, before any mapping of its JSON.

const isWait = (m) => /please wait a few minutes/i.test(m);

// {kind: 'ok', json} | {kind: 'rate_limited', detail} | {kind: 'logged_out'} | {kind: 'challenge'}
// | {kind: 'not_found'} | {kind: 'forbidden'} | {kind: 'changed', detail}.
// Rate limits: any 429 (also "useragent mismatch", which clears like one), and "Please wait a
// few minutes" under any status (a signed-in session gets it as 401): back off, not "logged out".
// With {json: false} a successful answer is not parsed here (the engine parses it): json is
// undefined then, and an empty or cut body surfaces as the engine's parse error.
export function classifyResponse(status, contentType, body, { json: wantJson = true } = {}) {
  const text = typeof body === 'string' ? body : '';
  const looksHtml = /^\s*</.test(text) || /text\/html/i.test(contentType || '');
  if (!wantJson && status >= 200 && status < 300 && !looksHtml && text) return { kind: 'ok' };
  let json = null;
  if (!looksHtml && text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  const message = json && typeof json.message === 'string' ? json.message : '';
  if (status === 429 || isWait(message)) return { kind: 'rate_limited', detail: message.slice(0, 80) || `HTTP ${status}` };
  if (/login_required/.test(message) || status === 401) return { kind: 'logged_out' };
  if (/checkpoint_required|challenge_required|feedback_required/.test(message)) return { kind: 'challenge' };
  if (looksHtml) {
    if (/accounts\/login/.test(text) && status < 400) return { kind: 'logged_out' };
    if (status === 404) return { kind: 'not_found' };
    return { kind: 'challenge' };
  }
  if (status === 404) return { kind: 'not_found' };
  if (status === 400 || status === 403) return { kind: 'forbidden' };
  if (status < 200 || status >= 300) return { kind: 'changed', detail: `HTTP ${status}` };
  if (json === null) {
    return { kind: 'changed', detail: `response is not JSON (${text.length} bytes: ${JSON.stringify(text.slice(0, 80))})` };
  }
  if (json.data && json.data.user === null) return { kind: 'not_found' };
  return { kind: 'ok', json };
}
