// Which profile's panel is open in this page, kept on the page itself (an attribute of <html>),
// for the copy of the content script that replaces this one when the extension is updated
// (Chromium: background/reinject.js puts it into the open tab; Firefox injects it by itself): the
// new copy opens the panel again for that profile, so an audit watched in it stays in view.
//
// Why on the page rather than in storage.session keyed by the tab: Chromium clears the
// extension's session storage when the extension is updated or reloaded, the very moment this is
// for, and the old copy cannot write anything once its extension is gone (its storage and
// messages fail). The page's DOM outlives the old copy and is what both copies share; it goes with
// the document, so a reload or another page never reopens a panel. The old copy keeps the mark in
// step while it runs (set when the panel opens, taken off when it closes or the profile is left),
// since it may not run again once its extension is gone (Firefox ends it at once; Chromium's may
// notice a second later, after the new copy has started).
//
// The page can read and write the attribute: the most it can do is have the panel of the profile
// in view opened after an update. Its value is only compared with the username, never shown.
const ATTR = 'data-fakemeter-panel';

// The panel of `username` is open.
export function markPanelOpen(username) {
  document.documentElement.setAttribute(ATTR, username);
}

// The panel of `username` closed (by the user, or the profile left): the mark goes, if it is its.
export function unmarkPanel(username) {
  if (document.documentElement.getAttribute(ATTR) === username) document.documentElement.removeAttribute(ATTR);
}

// The profile whose panel an earlier copy left open in this page, or null; the mark is taken off
// (read once, by the new copy's first profile view).
export function takePanelMark() {
  const root = document.documentElement;
  const username = root.getAttribute(ATTR);
  root.removeAttribute(ATTR);
  return username;
}
