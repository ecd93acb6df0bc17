// Shadow-root styles of the badge and the panel: light by default, dark when the host has
// data-theme="dark" (set from Instagram's own background colour). Every text colour reads at
// 4.5:1 or more on the background it is drawn on, in both themes (WCAG AA; checked by
// tests/js/contrast.test.mjs), so the buttons' blue is darker than Instagram's own.
export const STYLE = `
/* Hidden until overlay-shown.css (injected with the content script) shows the hosts: see there. */
:host { all: initial; display: none; vertical-align: middle; margin-left: 8px;
  --fg: #262626; --muted: #6b6b6b; --bg: #ffffff; --line: #dbdbdb; --chip: #efefef;
  --good: #2e7d32; --fair: #946000; --poor: #b8480f; --bad: #c62828; --unknown: #6b6b6b; --likes: #7b3fc4;
  --button: #0074cc; --button-fg: #ffffff;
  /* The user's font size (medium: the browser's default size setting, whatever the page sets on
     its root), its text 13 px at the default 16: every size within is in em of it. */
  font: medium/1.35 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--fg); }
.badge, .panel { font-size: 0.8125em; }
:host([data-theme="dark"]) { --fg: #f5f5f5; --muted: #a8a8a8; --bg: #121212; --line: #363636; --chip: #262626;
  --good: #5cc36a; --fair: #e0b040; --poor: #f08a4b; --bad: #ff6b6b; --unknown: #a8a8a8; --likes: #b58cf0; }
:host([data-page-dir="rtl"]) { margin-left: 0; margin-right: 8px; }
/* Pinned to the viewport (no follower count on the page): top right. In a narrow window, where
   the app's links run across the top (at 320 px the badge covered their first row), bottom right,
   above a mobile layout's tab bar; the page scrolls from under it. */
:host([data-pinned]) { top: 12px; right: 12px; }
@media (max-width: 767px) { :host([data-pinned]) { top: auto; bottom: 64px; } }
:host([data-fakemeter="panel"]) { --panel-top: 64px; position: fixed; top: var(--panel-top); right: 16px; z-index: 2147483647; margin: 0; }
/* A short window (a 1280 x 720 one at 400% zoom is 180 px tall): the panel starts near the top, over
   the app's bar, and ends above the window's bottom edge (.panel max-height): at 80% of the height
   below 64 px it ended 28 px under the edge, its last line and the bottom of its scroll out of reach. */
@media (max-height: 320px) { :host([data-fakemeter="panel"]) { --panel-top: 8px; } }
.badge { display: inline-flex; flex-wrap: wrap; gap: 4px; align-items: center; cursor: pointer; padding: 2px 8px;
  border-radius: 12px; border: 1px solid var(--line); background: var(--bg); color: var(--fg);
  /* In a narrow window a long word ("Onduidelijk") widened the page past it: hyphenated in the
     host's language, or broken, within the line's width; broken only when it cannot fit a line
     alone (anywhere split words the badge had room for: "Onduid|elijk"). */
  max-width: 100%; box-sizing: border-box; overflow-wrap: break-word; hyphens: auto;
  /* Digits of one width: "auditing 11/41" is as wide as "auditing 10/41" (overlay.js holdBadgeSize). */
  font-variant-numeric: tabular-nums; }
/* The pointer finds the badge itself, never what it says: its words are drawn afresh when they
   change (each audit step), and a click whose label was replaced between press and release was
   lost (Chromium sends no click then). Their tooltip is the badge's (badge-view.js renderBadge). */
.badge * { pointer-events: none; }
.badge:focus-visible, button:focus-visible { outline: 2px solid #0095f6; outline-offset: 2px; }
.badge-text { font-weight: 600; }
.grade-good .badge-text, .estimate.grade-good { color: var(--good); }
.grade-fair .badge-text, .estimate.grade-fair { color: var(--fair); }
.grade-poor .badge-text, .estimate.grade-poor { color: var(--poor); }
.grade-bad .badge-text, .estimate.grade-bad { color: var(--bad); }
.grade-unknown .badge-text { color: var(--unknown); }
/* The badge's colour follows its tone (the engine's badge.tone): a number's grade as the interval
   allows it, the likes finding's own colour, or neutral. */
.tone-good .badge-text { color: var(--good); } .tone-fair .badge-text { color: var(--fair); }
.tone-poor .badge-text { color: var(--poor); } .tone-bad .badge-text { color: var(--bad); }
.badge.tone-good { border-color: var(--good); } .badge.tone-fair { border-color: var(--fair); }
.badge.tone-poor { border-color: var(--poor); } .badge.tone-bad { border-color: var(--bad); }
.badge.tone-likes { border-color: var(--likes); }
.badge-finding { font-weight: 600; color: var(--fg); } .tone-likes .badge-finding, .finding.tone-likes { color: var(--likes); }
.tone-neutral .badge-text { color: var(--fg); }
.chip { font-size: calc(12em / 13); color: var(--muted); background: var(--chip); border-radius: 8px; padding: 0 6px; }
.chip-badge-likes_bought { color: var(--bg); background: var(--likes); }
.chip-comments-bought.tone-poor { color: var(--poor); } .chip-comments-bought.tone-bad { color: var(--bad); }
.finding { font-weight: 600; margin: 4px 0; }
.note { color: var(--muted); font-size: calc(12em / 13); }
/* Heard, not seen, nor copied: a reason selected to copy came with its severity glued on
   ("concern:Engagement 0.79% …"); screen readers still read it. */
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; user-select: none; -webkit-user-select: none; }
.state { color: var(--muted); }
.badge .state[data-state] { font-size: calc(12em / 13); }
.badge .state + .state, .badge-text + .state { background: var(--chip); border-radius: 8px; padding: 0 6px; }
/* At most the window's width less its margins: at 320 px (a 1280 px window at 400% zoom) all of it stays on screen. */
/* Its scrollbar in the panel's colours (Firefox drew a white track on the dark panel). */
.panel { width: min(calc(370em / 13), calc(100vw - 32px)); box-sizing: border-box; max-height: min(80vh, calc(100vh - var(--panel-top) - 8px)); overflow: auto; background: var(--bg); color: var(--fg);
  scrollbar-color: var(--muted) var(--bg);
  border: 1px solid var(--line); border-radius: 12px; box-shadow: 0 8px 28px rgba(0,0,0,.25); padding: 12px 14px; }
/* The title and close button stay at the top as the panel scrolls (at 320 px or 200% zoom an audit's
   panel is many screens long, and its close button was out of reach at the end): over the panel's own
   padding too, in its background, so text scrolls under them and never shows above. */
.head { display: flex; justify-content: space-between; align-items: center; position: sticky; top: -12px; z-index: 1;
  margin: -12px -14px 0; padding: 12px 14px 4px; background: var(--bg); }
/* A control reached by keyboard is scrolled into view below the title, not under it: the title row's
   height (head-padding.js measures it: one line is 48 px, but a 30-character username at 320 px
   takes three, 77 px, and the fixed 56 px left the control under it), and 8 px to spare. */
.panel { scroll-padding-top: calc(var(--head-height, 48px) + 8px); }
/* And above the panel's foot, with room for the control's focus ring (4 px out from it): brought
   into view from below, a control sat on the panel's edge and its ring was cut off there. */
.panel { scroll-padding-bottom: 8px; }
/* A 30-character username cannot wrap as a word: at 320 px the title pushed the close button past the border. */
.head h2 { min-width: 0; overflow-wrap: anywhere; }
h2 { font-size: calc(15em / 13); margin: 0; } h3 { font-size: calc(13em / 13); margin: 12px 0 4px; }
.estimate { font-size: calc(20em / 13); font-weight: 700; margin: 8px 0 2px; }
.estimate-aside { font-size: calc(14em / 13); font-weight: 600; color: var(--muted); margin: 2px 0; }
.estimate.finding.tone-good { color: var(--good); } .estimate.finding.tone-fair { color: var(--fair); }
.estimate.finding.tone-poor { color: var(--poor); } .estimate.finding.tone-bad { color: var(--bad); }
.grade { font-weight: 600; }
.panel .state { display: block; margin: 6px 0; }
.muted { color: var(--muted); margin: 4px 0; } .tiny { color: var(--muted); font-size: calc(11em / 13); }
button { white-space: nowrap; font: inherit; color: var(--button-fg); background: var(--button); border: 0; border-radius: 8px; padding: 5px 12px; cursor: pointer; }
button:disabled { background: var(--line); color: var(--muted); cursor: default; }
/* Buttons side by side in the audit section (Resume audit, New audit) keep a gap wider than the
   focus ring (2 px, 2 px off the button): with none, the ring of one lay over the other's blue,
   where it hardly showed. A gap, not a margin: wrapped onto a line of its own, a button kept its
   8 px margin there and stood out of line with the text. */
.buttons { display: flex; flex-wrap: wrap; gap: 8px; }
button.close { background: transparent; color: var(--fg); font-size: calc(18em / 13); padding: 0 6px; min-width: 32px; min-height: 32px; }
.interval { position: relative; height: 10px; background: var(--chip); border-radius: 5px; margin-top: 8px; }
.interval .range { position: absolute; top: 0; height: 10px; background: var(--fair); opacity: .8; border-radius: 5px; }
/* The range stands out from its track at 3:1 and the estimate's tick from the range at 3:1, in each
   theme (tests/js/contrast.test.mjs): at .45 the light range was 1.85:1 on its track, hardly seen. */
:host([data-theme="dark"]) .interval .range { opacity: .6; }
.interval .tick { position: absolute; top: -3px; width: 2px; height: 16px; background: var(--fg); }
.scale { display: flex; justify-content: space-between; color: var(--muted); font-size: calc(10em / 13); }
.reasons { margin: 0; padding-left: 0; list-style: none; }
.reasons li { display: flex; gap: 6px; margin: 3px 0; }
.dot { flex: none; width: 8px; height: 8px; border-radius: 4px; margin-top: 5px; background: var(--unknown); }
.sev-low .dot { background: var(--fair); } .sev-medium .dot { background: var(--poor); } .sev-high .dot { background: var(--bad); }
/* A reason of severity info (what a finding was compared with, or nothing to judge by) is neither a
   concern nor a good sign: a grey ring, not a filled dot, so its shape says so without its colour (it
   was green, the colour of a real-like estimate, and read as a good sign). */
.sev-info .dot { background: transparent; border: 2px solid var(--unknown); box-sizing: border-box; }
.stack { display: flex; height: 12px; border-radius: 6px; overflow: hidden; background: var(--chip); }
.seg, .swatch { display: inline-block; height: 12px; }
.swatch { width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.cat-likely_fake { background: var(--bad); } .cat-mass_followers { background: var(--poor); }
.cat-influencers_brands { background: #8e44ad; } .cat-private_real { background: #5b8def; } .cat-public_real { background: var(--good); }
.legend { list-style: none; padding: 0; margin: 4px 0; font-size: calc(12em / 13); }
/* A row too long for a narrow panel wraps under its own text, not under its swatch (which then
   read as the start of another row): the swatch and the text side by side, the swatch on the first line. */
.legend li { display: flex; align-items: flex-start; }
.legend .swatch { flex: none; margin-top: 3px; }
.spark { width: 100%; height: 40px; } .spark-line { stroke: #0095f6; stroke-width: 1.5; } .spark-dot { fill: #0095f6; }
.foot { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin-top: 10px; }
.ask { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px; } .ask p { flex-basis: 100%; margin: 0 0 2px; }
/* Below a 320 px window (a 360 px one at 200% zoom leaves 180 px, the panel's text 118 px) a button's
   one-line label was wider than the panel ("Volgers controleren", "Auditer les abonnés"), and the
   foot's date pushed Re-check past its border: the panel scrolled sideways. There the button goes
   below the date, and a label wraps between its words. In em, as the panel's text (a media query's
   em is the user's font size): 319 px at the default 16; in px, at 24 px the Dutch panel in a 320 px
   window had Re-check 23 px past its border. */
@media (max-width: 19.9375em) {
  /* And a word longer than the panel's line ("Betrokkenheid" at 20 px) is broken, not left sticking out. */
  .panel { overflow-wrap: anywhere; }
  .foot { flex-wrap: wrap; }
  button:not(.close) { white-space: normal; max-width: 100%; text-align: start; }
}
progress { width: 100%; }
.detail { white-space: pre-wrap; word-break: break-word; font-size: calc(11em / 13); background: var(--chip); padding: 6px; border-radius: 6px; }
/* Forced colours (Windows high contrast): the browser paints backgrounds in the page's colour, so
   the interval's range and tick, the breakdown and the severity dots vanished, and buttons without
   a border read as plain text. Those keep their own colours or take system ones; buttons get one. */
@media (forced-colors: active) {
  .interval { border: 1px solid CanvasText; }
  .interval .range { forced-color-adjust: none; background: Highlight; opacity: 1; }
  .interval .tick { forced-color-adjust: none; background: CanvasText; }
  .seg, .swatch, .dot, .stack { forced-color-adjust: none; }
  button { border: 1px solid ButtonText; }
}
`;
