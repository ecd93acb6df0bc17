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
// Whether the keyboard's focus was in that panel is kept beside it (FOCUS_ATTR, naming the same
// profile), so that the new copy gives the focus back to its panel: the old panel goes with the old
// copy, and a keyboard user's focus fell to the page's body. A panel that did not have the focus
// opens again without taking it.
//
// The page can read and write the attributes: the most it can do is have the panel of the profile
// in view opened after an update, and the focus put in it. Their values are only compared with the
// username, never shown.
import { focusDropped } from './focus-move.js';

const ATTR = 'data-fakemeter-panel';
const FOCUS_ATTR = 'data-fakemeter-panel-focus';

// The panel of `username` is open (the focus goes in by focusin: markPanelFocus).
export function markPanelOpen(username) {
  const root = document.documentElement;
  root.setAttribute(ATTR, username);
  if (root.getAttribute(FOCUS_ATTR) !== username) root.removeAttribute(FOCUS_ATTR);
}

// The focus went into the open panel of `username` (true) or left it (false).
export function markPanelFocus(username, focused) {
  const root = document.documentElement;
  if (root.getAttribute(ATTR) !== username) return;
  if (focused) root.setAttribute(FOCUS_ATTR, username);
  else root.removeAttribute(FOCUS_ATTR);
}

// The panel of `username` closed (by the user, or the profile left): the mark goes, if it is its.
export function unmarkPanel(username) {
  const root = document.documentElement;
  if (root.getAttribute(ATTR) === username) root.removeAttribute(ATTR);
  if (root.getAttribute(FOCUS_ATTR) === username) root.removeAttribute(FOCUS_ATTR);
}

// The panel an earlier copy left open in this page, {username, focused}, or null; the mark is taken
// off (read once, by the new copy's first profile view).
export function takePanelMark() {
  const root = document.documentElement;
  const username = root.getAttribute(ATTR);
  const focused = !!username && root.getAttribute(FOCUS_ATTR) === username;
  root.removeAttribute(ATTR);
  root.removeAttribute(FOCUS_ATTR);
  return username ? { username, focused } : null;
}

// Nothing of the page has the focus, so the reopened panel may take it back: it is on the body, or
// on what an earlier copy of the content script left (its panel, still on the page until that copy
// or this one takes it off). A page's field the user went to meanwhile keeps it.
export function focusFree() {
  return focusDropped() || document.activeElement.hasAttribute('data-fakemeter');
}
