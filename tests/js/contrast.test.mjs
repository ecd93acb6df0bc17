// Every text colour of the badge, the panel, the popup and the options page reads at 4.5:1 or
// more on the background it is drawn on, in the light and the dark theme (WCAG 2.1 AA, 1.4.3),
// and the popup's palette is the panel's.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { STYLE } from '../../extension/content/overlay-style.js';

const UI_CSS = readFileSync(new URL('../../extension/ui/ui.css', import.meta.url), 'utf8');
const AA = 4.5;

// WCAG relative luminance and contrast ratio of two #rrggbb colours.
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// The custom properties declared in the first rule whose selector starts with `selector`.
function varsOf(css, selector) {
  const at = css.indexOf(`${selector} {`);
  assert.ok(at >= 0, `no rule ${selector} in the style`);
  const body = css.slice(at, css.indexOf('}', at));
  const vars = {};
  for (const m of body.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\b/g)) vars[m[1]] = m[2].toLowerCase();
  return vars;
}

const overlayLight = varsOf(STYLE, ':host');
const overlayDark = { ...overlayLight, ...varsOf(STYLE, ':host([data-theme="dark"])') };
const darkBlock = UI_CSS.slice(UI_CSS.indexOf('@media (prefers-color-scheme: dark)'));
const uiLight = varsOf(UI_CSS, ':root');
const uiDark = { ...uiLight, ...varsOf(darkBlock, ':root') };

// [text, background] pairs as the styles draw them (overlay-style.js, panel-comments.js, ui.css).
const OVERLAY_PAIRS = [
  ...['fg', 'muted', 'good', 'fair', 'poor', 'bad', 'unknown', 'likes'].map((c) => [c, 'bg']),
  ['muted', 'chip'], ['fg', 'chip'],   // chips, the badge's state chips, the bug report's text
  ['poor', 'chip'], ['bad', 'chip'],   // the bought-comments chip
  ['bg', 'likes'],                     // the bought-likes chip
  ['button-fg', 'button'],             // the panel's buttons
];
const UI_PAIRS = ['fg', 'muted', 'good', 'fair', 'poor', 'bad', 'likes'].map((c) => [c, 'bg']);

for (const [name, vars, pairs] of [['panel, light', overlayLight, OVERLAY_PAIRS], ['panel, dark', overlayDark, OVERLAY_PAIRS],
  ['popup and options, light', uiLight, UI_PAIRS], ['popup and options, dark', uiDark, UI_PAIRS]]) {
  test(`${name}: every text colour reads at ${AA}:1 or more on its background`, () => {
    const low = pairs.filter(([fg, bg]) => {
      assert.ok(vars[fg] && vars[bg], `--${fg} or --${bg} missing`);
      return contrast(vars[fg], vars[bg]) < AA;
    }).map(([fg, bg]) => `--${fg} ${vars[fg]} on --${bg} ${vars[bg]}: ${contrast(vars[fg], vars[bg]).toFixed(2)}:1`);
    assert.deepEqual(low, []);
  });
}

test('the popup and options pages use the panel\'s palette in each theme', () => {
  for (const [ui, overlay] of [[uiLight, overlayLight], [uiDark, overlayDark]]) {
    for (const [k, v] of Object.entries(ui)) assert.equal(v, overlay[k], `--${k}`);
  }
});

test('the contrast ratio is WCAG\'s (known values)', () => {
  assert.equal(contrast('#000000', '#ffffff').toFixed(2), '21.00');
  assert.equal(contrast('#767676', '#ffffff').toFixed(2), '4.54');
  assert.equal(contrast('#ffffff', '#0095f6').toFixed(2), '3.17');
});

// The reasons' markers are graphics, not text: 3:1 on the panel (WCAG 2.1 AA, 1.4.11).
test('a reason of severity info has a neutral marker of its own shape, seen at 3:1 or more in each theme', () => {
  const at = STYLE.indexOf('.sev-info .dot {');
  assert.ok(at >= 0, 'no rule for the info marker');
  const rule = STYLE.slice(at, STYLE.indexOf('}', at));
  assert.doesNotMatch(rule, /--good/, 'green read as a good sign');
  // A ring where the concerns' markers are filled dots: not told apart by colour alone.
  assert.match(rule, /background:\s*transparent/);
  const ring = rule.match(/border:\s*\d+px solid var\(--([\w-]+)\)/);
  assert.ok(ring, `no ring: ${rule}`);
  for (const vars of [overlayLight, overlayDark]) assert.ok(contrast(vars[ring[1]], vars.bg) >= 3, `--${ring[1]} on --bg`);
});

// The interval bar is the picture of the range: its range (--fair at the rule's opacity over the
// --chip track) is a graphic, 3:1 on the track (WCAG 2.1 AA, 1.4.11), and the estimate's tick
// (--fg) 3:1 on the range it lies over, in each theme. At opacity .45 the light range was 1.85:1.
// (null: no rule, or none set there.)
const opacityIn = (selector) => {
  const at = STYLE.indexOf(`${selector} {`);
  if (at < 0) return null;
  const m = STYLE.slice(at, STYLE.indexOf('}', at)).match(/opacity:\s*([\d.]+)/);
  return m ? Number(m[1]) : null;
};
const over = (fg, bg, a) => `#${[1, 3, 5].map((i) => Math.round(a * parseInt(fg.slice(i, i + 2), 16) + (1 - a) * parseInt(bg.slice(i, i + 2), 16))
  .toString(16).padStart(2, '0')).join('')}`;

test('the interval bar\'s range reads at 3:1 on its track and the estimate\'s tick at 3:1 on the range, in each theme', () => {
  const light = opacityIn('.interval .range') ?? 1;
  const dark = opacityIn(':host([data-theme="dark"]) .interval .range') ?? light;
  const low = [];
  for (const [name, vars, a] of [['light', overlayLight, light], ['dark', overlayDark, dark]]) {
    const range = over(vars.fair, vars.chip, a);
    if (contrast(range, vars.chip) < 3) low.push(`${name}: range ${range} on the track ${vars.chip}: ${contrast(range, vars.chip).toFixed(2)}:1`);
    if (contrast(vars.fg, range) < 3) low.push(`${name}: tick ${vars.fg} on the range ${range}: ${contrast(vars.fg, range).toFixed(2)}:1`);
  }
  assert.deepEqual(low, []);
});
