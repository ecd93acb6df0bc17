// The user's language: the _locales files read whole (the browser's i18n API only follows
// the browser language, and the options page lets the user pick).
import { getURL, uiLanguage } from '../platform/browser.js';
import { resolveLanguage, flatten } from '../shared/i18n.js';

const cache = new Map();

async function read(lang) {
  if (!cache.has(lang)) {
    cache.set(lang, fetch(getURL(`_locales/${lang}/messages.json`)).then((r) => r.json()).then(flatten)
      .catch(() => ({})));
  }
  return cache.get(lang);
}

export async function loadStrings(setting) {
  const lang = resolveLanguage(setting, uiLanguage());
  const [strings, fallback] = await Promise.all([read(lang), read('en')]);
  return { lang, strings, fallback: lang === 'en' ? {} : fallback };
}
