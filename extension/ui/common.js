// Shared by the popup and the options page: privileged messages and the user's strings.
import { runtime } from '../platform/browser.js';
import { translator } from '../shared/i18n.js';
import { el } from '../shared/element.js';

export async function ask(what, payload = {}) {
  const answer = await runtime.sendMessage({ what, ...payload });
  if (answer && answer.error) {
    const e = new Error(`${answer.error.id}: ${answer.error.message}`);
    e.id = answer.error.id;  // for a message in the user's language
    e.detail = answer.error.message;
    e.why = answer.error.why || null;  // the detail as a code with its values (history.js problem), where it has one
    throw e;
  }
  return answer;
}

// An error in words for the user. A message the background refused means its code and this page's
// do not match (Fakemeter updated or rebuilt while running: Chromium can keep the old background
// across restarts): said with what to do, not as the raw "message.rejected: …" it was.
export function errorText(t, e) {
  if (e && e.id === 'message.rejected' && typeof t === 'function') return `${t('stateOutdated')} (${e.detail})`;
  return String((e && e.message) || e);
}

// Loads strings and fills every [data-i18n] element's text (and [data-i18n-label]'s aria-label).
export async function localise() {
  const hello = await ask('hello');
  const t = translator(hello.strings, hello.fallback, hello.lang);
  document.documentElement.lang = hello.lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  return { t, hello };
}

export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
