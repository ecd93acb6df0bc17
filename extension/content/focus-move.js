// Where the keyboard's focus goes when the profile whose panel had it is left (main.js onRoute:
// Back, or the app moving on by itself). The panel goes with its profile, and the focus fell to
// the page's body: Tab started again from the panel's place at the document's end, and a screen
// reader said nothing of where the user now was. On another profile it goes to that profile's
// badge (Overlay.focusWhenPlaced); on a page that is no profile, to the page's own link to the
// page now shown (Instagram's menu item for Explore or Home), which says where the user is and
// from where Tab goes on into the page; without one it stays where the browser left it.
// Either only while nothing has the focus: focus the user put elsewhere meanwhile stays there.

// How long after the move the focus may still be put there: the app draws the next page when its
// data comes (and may draw its header or menu once more), each drawing dropping the focus again.
export const FOCUS_MOVE_MS = 5000;

// Whether nothing has the keyboard's focus (it fell to the body), so moving it takes it from nothing.
export function focusDropped() {
  const a = document.activeElement;
  return !a || a === document.body || a === document.documentElement;
}

// The page's own link, shown, to the address in view, or null.
export function linkToHere() {
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.closest('[data-fakemeter]') || !a.getClientRects().length) continue;
    let url;
    try { url = new URL(a.href); } catch { continue; }
    if (url.origin === location.origin && url.pathname === location.pathname) return a;
  }
  return null;
}

// Until `until` (a time), each call puts the focus on the page's link to here while nothing has
// it, on the page it was asked for (`path`). Returns whether to go on calling: not past then, nor
// once the user put it elsewhere, nor on another page: moving on from it within the time (a second
// page that is no profile) put the focus on that page's link too, though it came from no panel.
export function focusLinkToHere({ until, path }) {
  if (Date.now() > until || location.pathname !== path) return false;
  if (!focusDropped()) return document.activeElement === linkToHere();
  const link = linkToHere();
  if (link) link.focus();
  return true;
}
