// One element built from a tag, attributes and text, for the overlay and the extension's own
// pages alike: every string is set as text or as an attribute's value, never parsed as markup.
import { rangeParts } from './ranges.js';

export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, v);
  if (text !== undefined) setText(node, text);
  return node;
}

// Sets `text` as the node's text, each number range in it ("18–46 %") in a span that does not
// wrap (ranges.js): the node's textContent is `text` as given.
export function setText(node, text) {
  if (!rangeParts(String(text)).some((p) => p.range)) { node.textContent = text; return; }
  node.textContent = '';
  appendText(node, text);
}

// Appends `text` after the node's children, its number ranges as setText sets them.
export function appendText(node, text) {
  for (const p of rangeParts(String(text))) {
    if (!p.range) { node.append(document.createTextNode(p.text)); continue; }
    const span = document.createElement('span');
    // Set through CSSOM (not a style attribute), which no page's or extension's CSP blocks.
    span.style.whiteSpace = 'nowrap';
    span.textContent = p.text;
    node.append(span);
  }
}
