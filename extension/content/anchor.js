// Where the badge goes on the profile page.
import { SELECTORS, namesFollowers } from '../shared/instagram.js';

// The profiles a header's own links name ("/anna/followers/", "/anna/following/"), lower-case.
function headerOwners(root) {
  const owners = new Set();
  for (const a of root.querySelectorAll(SELECTORS.headerCountLinks)) {
    const m = /^\/([^/]+)\/follow(?:ers|ing)\/$/.exec(new URL(a.getAttribute('href'), 'https://www.instagram.com').pathname);
    if (m) owners.add(m[1].toLowerCase());
  }
  return owners;
}

// The profiles the document's profile header names: the owners of its count links, and its
// headings' text (a logged-out viewer's counts are no links). The header of a post (in a dialog
// over the page, or a post's own page) is left out: it names the post's author, not a profile in
// view. For main.js: a post opened over the profile keeps it (pages.js routeOf).
export function profileHeaderNames(root = document) {
  const names = new Set();
  for (const header of root.querySelectorAll(SELECTORS.header)) {
    if (header.matches(SELECTORS.notProfileHeader)) continue;
    for (const name of headerOwners(header)) names.add(name);
    for (const h of header.querySelectorAll(SELECTORS.headerName)) names.add(h.textContent.trim().toLowerCase());
  }
  return [...names];
}

// The page's headers when the app moved to another profile, each with its text then. A header
// without count links names no owner; one still there with the same text is the previous page's,
// unless a heading of it is this profile's name (an app that drew it before the move was seen).
export function headersNow(root = document) {
  return new Map([...root.querySelectorAll(SELECTORS.header)].map((h) => [h, h.textContent]));
}

function isPrevious(header, previous, name) {
  if (!header || !previous || previous.get(header) !== header.textContent) return false;
  return ![...header.querySelectorAll(SELECTORS.headerName)].some((h) => h.textContent.trim().toLowerCase() === name);
}

// The page still shows another profile's header: the badge waits for this profile's.
export const OTHER_PROFILE = Object.freeze({ otherProfile: true });

// Right after `username`'s followers link; else inside the header item that names followers;
// else nowhere (null: the caller then pins the badge to the viewport). A header whose count
// links name another profile, or one of `previous` (headersNow) unchanged, is that profile's,
// still on the page while the app draws the next one: OTHER_PROFILE, so the badge is neither put
// beside another account's count nor pinned over its header.
export function findAnchor(username, root = document, previous = null) {
  const owners = headerOwners(root);
  const name = String(username).toLowerCase();
  if (owners.size && !owners.has(name)) return OTHER_PROFILE;
  const link = [...root.querySelectorAll(SELECTORS.followersLink)]
    .find((a) => a.getAttribute('href').toLowerCase().endsWith(`/${name}/followers/`));
  if (link) return { after: link };
  // The page's language settles words that name followers only in it (instagram/pages.js).
  const lang = (root.ownerDocument || root).documentElement?.getAttribute('lang') || '';
  for (const li of root.querySelectorAll(SELECTORS.headerItems)) {
    if (isPrevious(li.closest(SELECTORS.header), previous, name)) continue;
    if (namesFollowers(li.textContent, lang)) return { inside: li };
  }
  if ([...root.querySelectorAll(SELECTORS.header)].some((h) => isPrevious(h, previous, name))) return OTHER_PROFILE;
  return null;
}
