// Server-side part of the stand-in's pages: the data a page renders from, and the HTML shell
// (og:description meta, embedded data, the page's own script). The visible header is drawn
// by app.js in the browser, like Instagram's single-page app does.
import { SEEDED } from './profiles.mjs';

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
// Page languages: English (default), Dutch and Turkish, with Instagram's number styles
// ("12.5K", "48.7M" / "1.234", "12,5K", "48,7 mln" / "12,5 B", "48,7 Mn": B is bin, thousands).
// The Turkish og:description's closing words are the stand-in's own, not known to be Instagram's:
// the extension reads no name from them (the title's name part instead).
export const LANGS = {
  en: { locale: 'en-US', k: (x) => `${x}K`, m: (x) => `${x}M`, words: ['Followers', 'Following', 'Posts'],
    og: (name) => `See Instagram photos and videos from ${name}` },
  nl: { locale: 'nl-NL', k: (x) => `${x}K`, m: (x) => `${x} mln`, words: ['volgers', 'volgend', 'berichten'],
    og: (name) => `Bekijk Instagram-foto's en -video's van ${name}` },
  tr: { locale: 'tr-TR', k: (x) => `${x} B`, m: (x) => `${x} Mn`, words: ['Takipçi', 'Takip', 'Gönderi'],
    og: (name) => `${name}: Instagram fotoğrafları ve videoları` },
};
export function shortCount(n, lang = 'en') {
  const L = LANGS[lang];
  const dec = (x) => (+x.toFixed(1)).toLocaleString(L.locale);
  if (n >= 1e6) return L.m(dec(n / 1e6));
  if (n >= 1e4) return L.k(dec(n / 1e3));
  return n.toLocaleString(L.locale);
}

// variant: {lang: 'en'|'nl'|'tr', htmlLang: string, followersLink: bool, followingLink: bool, counts: bool, pageId: 'profile_id'|'page_name',
//           postPaths: 'bare'|'user', og: bool}
// (the page markup options; htmlLang: the page's lang attribute where it is not its words'
// language, '' for none; followersLink, followingLink: false draw that count as plain text;
// counts: false draws no counts list at all, like a redesign the extension does not know;
// pageId: how the page's own data names the profile's id; postPaths: the grid's post addresses,
// "/p/<code>/" or "/<user>/p/<code>/"; og: false serves no og:description meta).
export function pageData(path, username, user, variant = {}) {
  const nav = SEEDED.map((p) => p.username);
  const lang = LANGS[variant.lang] ? variant.lang : 'en';
  const L = LANGS[lang];
  if (username && user) {
    const media = user.edge_owner_to_timeline_media;
    const name = `${user.full_name ? user.full_name + ' ' : ''}(@${user.username})`;
    const c = [user.edge_followed_by.count, user.edge_follow.count, media.count].map((n) => shortCount(n, lang));
    return {
      status: 200, type: 'profile', path, nav, lang, htmlLang: typeof variant.htmlLang === 'string' ? variant.htmlLang : lang, followersLink: variant.followersLink !== false,
      followingLink: variant.followingLink !== false, counts: variant.counts !== false, postPaths: variant.postPaths === 'user' ? 'user' : 'bare',
      title: `${name} • Instagram photos and videos`,
      ...(variant.og === false ? {} : { og: `${c[0]} ${L.words[0]}, ${c[1]} ${L.words[1]}, ${c[2]} ${L.words[2]} - ${L.og(name)}` }),
      // The page's own data carries the profile's id, as Instagram's data blocks do: as
      // "profile_id", or (variant pageId 'page_name') only in the page's name for itself.
      ...(variant.pageId === 'page_name' ? { page_id: `profilePage_${user.id}` } : { profile_id: user.id }),
      user: {
        username: user.username, full_name: user.full_name, biography: user.biography, external_url: user.external_url,
        is_private: user.is_private, is_verified: user.is_verified, followers: user.edge_followed_by.count,
        following: user.edge_follow.count, posts: media.count, shortcodes: media.edges.map((e) => e.node.shortcode),
      },
    };
  }
  if (username) return { status: 404, type: 'not_found', path, nav, lang, title: 'Page not found • Instagram' };
  const title = path.startsWith('/explore/') ? 'Explore' : /^\/(?:[^/]+\/)?(?:p|reel)\//.test(path) ? 'Post'
    : path.startsWith('/accounts/login') ? 'Login' : 'Instagram';
  return { status: 200, type: 'other', path, nav, lang, title: `${title} • Instagram` };
}

export function renderPage(data, { renderDelayMs }) {
  // The embedded JSON must not be able to close its <script>: escape "<" inside it.
  const embedded = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(data.htmlLang ?? data.lang ?? 'en')}"><head><meta charset="utf-8">
<title>${escapeHtml(data.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${data.og ? `<meta property="og:description" content="${escapeHtml(data.og)}">` : ''}
<style>
body{margin:0;font:14px -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;background:#fff;color:#000}
html.dark body{background:#000;color:#f5f5f5}
nav{display:flex;gap:10px;flex-wrap:wrap;padding:8px 16px;border-bottom:1px solid #dbdbdb;font-size:12px}
nav a,main a{color:inherit}
main{max-width:935px;margin:0 auto;padding:30px 20px}
header section{display:flex;flex-direction:column;gap:12px}
header ul{display:flex;gap:40px;list-style:none;padding:0;margin:0;align-items:center;font-size:16px}
header ul a{text-decoration:none} header ul span span,header ul a span{font-weight:600}
h2{font-size:20px;font-weight:400;margin:0} h1{font-size:14px;margin:0}
.bio{white-space:pre-wrap}
article{display:grid;grid-template-columns:repeat(3,1fr);gap:4px;margin-top:40px}
article a{display:block;aspect-ratio:1;background:#efefef}
html.dark article a{background:#262626}
article p{grid-column:1/-1;text-align:center;color:#737373}
.post-dialog article a{display:inline;aspect-ratio:auto;background:none}
.post-dialog{position:fixed;inset:0;z-index:100;background:rgba(0,0,0,.65);display:flex;align-items:center;justify-content:center}
.post-dialog article{display:block;margin:0;background:#fff;color:#000;width:min(80vw,700px);height:70vh;padding:16px}
</style>
<script type="application/json" id="standin-data">${embedded}</script>
<script src="/static/app.js" defer></script>
</head><body><div id="react-root" data-render-delay="${Number(renderDelayMs) || 0}"></div></body></html>
`;
}

export function challengePage() {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Challenge • Instagram</title></head>
<body><h1>We Detected An Unusual Login Attempt</h1><p>To secure your account, we'll send you a security code.</p></body></html>`;
}

// What a request of a session gone ends on: redirected to the login page, which fetch follows.
export function loginPage() {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Login • Instagram</title>
<link rel="canonical" href="https://www.instagram.com/accounts/login/"></head>
<body><form action="/accounts/login/ajax/" method="post"><input name="username"><input name="password" type="password"></form></body></html>`;
}
