// Building the overlay's DOM: every string is set as text, never parsed as markup.
export const SVG_NS = 'http://www.w3.org/2000/svg';

export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
