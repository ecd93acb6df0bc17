// The stand-in page's own script (served as /static/app.js under a strict CSP), playing the
// part of Instagram's single-page app: it draws <main> from data after load, intercepts links
// to other pages (history.pushState), fetches the new page's data and redraws <main>. A post
// clicked on a profile's grid opens as a dialog over the profile, as Instagram's does (openPost).
// Everything from the data is set as text. window.__standin lets tests see what it drew.
(() => {
  const root = document.getElementById('react-root');
  const delay = Number(root.dataset.renderDelay || 0);
  const state = (window.__standin = { renders: 0, html: '', path: '', post: null });
  if (new URLSearchParams(location.search).get('theme') === 'dark') document.documentElement.classList.add('dark');

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  }
  // Header words and number styles per page language (kept in step with pages.mjs).
  const LANGS = {
    en: { locale: 'en-US', k: 'K', m: 'M', words: ['posts', 'followers', 'following'] },
    nl: { locale: 'nl-NL', k: 'K', m: ' mln', words: ['berichten', 'volgers', 'volgend'] },
    tr: { locale: 'tr-TR', k: ' B', m: ' Mn', words: ['gönderi', 'takipçi', 'takip'] },
  };
  let L = LANGS.en;
  const full = (n) => n.toLocaleString(L.locale);
  const dec = (x) => (+x.toFixed(1)).toLocaleString(L.locale);
  const short = (n) => (n >= 1e6 ? `${dec(n / 1e6)}${L.m}` : n >= 1e4 ? `${dec(n / 1e3)}${L.k}` : full(n));

  function nav(names) {
    return el('nav', { 'aria-label': 'Profiles' }, el('a', { href: '/' }, 'Instagram'), el('a', { href: '/explore/' }, 'Explore'),
      ...names.map((n) => el('a', { href: `/${n}/` }, n)));
  }

  function profileMain(u, { followersLink, followingLink, counts, postPaths }) {
    const [wPosts, wFollowers, wFollowing] = L.words;
    const followers = [el('span', { title: full(u.followers) }, short(u.followers)), ` ${wFollowers}`];
    const following = [el('span', {}, short(u.following)), ` ${wFollowing}`];
    const list = !counts ? el('div', { class: 'redesigned' }) : el('ul', {},
        el('li', {}, el('span', {}, el('span', {}, full(u.posts)), ` ${wPosts}`)),
        // Without its link (as for logged-out viewers), a count is plain text in its item.
        el('li', {}, followersLink ? el('a', { href: `/${u.username}/followers/`, role: 'link' }, ...followers) : el('span', {}, ...followers)),
        el('li', {}, followingLink ? el('a', { href: `/${u.username}/following/`, role: 'link' }, ...following) : el('span', {}, ...following)));
    const header = el('header', {}, el('section', {},
      el('h2', {}, u.username),
      list,
      el('h1', {}, u.full_name),
      el('div', { class: 'bio' }, u.biography)));
    // The profile's tabs, as Instagram draws them under the header (each its own path).
    const tabs = el('div', { role: 'tablist' }, el('a', { href: `/${u.username}/`, role: 'tab' }, 'Posts'),
      el('a', { href: `/${u.username}/reels/`, role: 'tab' }, 'Reels'), el('a', { href: `/${u.username}/tagged/`, role: 'tab' }, 'Tagged'));
    let grid;
    if (u.is_private) grid = el('article', {}, el('p', {}, 'This account is private'));
    else if (!u.posts) grid = el('article', {}, el('p', {}, 'No posts yet'));
    // A post's address: bare ("/p/<code>/"), or under its author's name with the page variant
    // postPaths 'user' ("/anna/p/<code>/").
    else grid = el('article', {}, ...u.shortcodes.map((c) => el('a', { href: postPaths === 'user' ? `/${u.username}/p/${c}/` : `/p/${c}/`,
                                                                     'aria-label': 'Post', 'data-post': c })));
    return el('main', { role: 'main' }, header, tabs, grid);
  }

  function render(data) {
    document.title = data.title;
    let meta = document.querySelector('meta[property="og:description"]');
    if (data.og) {
      if (!meta) document.head.append((meta = el('meta', { property: 'og:description' })));
      meta.setAttribute('content', data.og);
    } else if (meta) meta.remove();
    let main;
    L = LANGS[data.lang] || LANGS.en;
    document.documentElement.lang = data.htmlLang ?? data.lang ?? 'en';
    if (data.type === 'profile') main = profileMain(data.user, { followersLink: data.followersLink !== false, followingLink: data.followingLink !== false,
      counts: data.counts !== false, postPaths: data.postPaths });
    else if (data.type === 'not_found') main = el('main', { role: 'main' }, el('h2', {}, "Sorry, this page isn't available."));
    else main = el('main', { role: 'main' }, el('h2', {}, data.title));
    root.replaceChildren(nav(data.nav), main);
    state.renders++;
    state.html = main.innerHTML;
    state.path = data.path;
    root.dataset.rendered = data.path;
  }

  // The post dialog over a profile: {node, under: the profile's address}. The address becomes the
  // post's and the profile stays drawn underneath, its header included; the dialog lies over the
  // page (in its own container after the app's root, as Instagram's portals are). Its Close button,
  // Escape and Back go back to the profile's address without drawing the profile again; a link in
  // it (the author's name) closes it and goes there.
  let dialog = null;
  function openPost(href, code, author) {
    closePost();
    const close = el('button', { type: 'button', 'aria-label': 'Close', 'data-close': '' }, '×');
    const node = el('div', { class: 'post-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Post' },
      el('article', {}, el('header', {}, el('a', { href: `/${author}/` }, author)), el('p', {}, `Post ${code}`), close));
    document.body.append(node);
    dialog = { node, under: location.pathname };
    history.pushState({ standinPost: code }, '', href);
    state.post = code;
    close.addEventListener('click', () => history.back());
  }
  function closePost() {
    if (!dialog) return;
    dialog.node.remove();
    dialog = null;
    state.post = null;
  }
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && dialog) history.back(); });

  let navSeq = 0;
  async function navigate(path) {
    const seq = ++navSeq;
    const res = await fetch(`/standin/page-data/?path=${encodeURIComponent(path)}`);
    const data = await res.json();
    if (seq === navSeq) render(data);
  }

  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href^="/"]') : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const href = a.getAttribute('href');
    // A post of the profile's grid, with the profile drawn: it opens over the profile.
    const post = a.closest('main article') && a.dataset.post && root.dataset.rendered === location.pathname ? a.dataset.post : null;
    if (post && !dialog) { openPost(href, post, location.pathname.split('/')[1]); return; }
    closePost();
    if (href === location.pathname) return;
    history.pushState({}, '', href);
    navigate(href);
  });
  window.addEventListener('popstate', () => {
    // Back from a post opened over the profile: the dialog closes, the profile stays as drawn.
    if (dialog && location.pathname === dialog.under) { closePost(); return; }
    closePost();
    navigate(location.pathname);
  });

  const initial = JSON.parse(document.getElementById('standin-data').textContent);
  setTimeout(() => render(initial), delay);
})();
