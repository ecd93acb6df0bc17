// One element built from a tag, attributes and text, for the overlay and the extension's own
// pages alike: every string is set as text or as an attribute's value, never parsed as markup.
export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
