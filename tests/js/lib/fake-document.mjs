// A document just large enough for the panel's sections drawn in node: elements with attributes,
// styles and children, and text nodes. `all(node)`: the node and every element under it.
export function fakeDocument() {
  const textOf = (n) => (n.nodeType === 3 ? n.data : n.childNodes.map(textOf).join(''));
  const element = (tag) => ({ nodeType: 1, tag, attrs: {}, style: {}, childNodes: [],
    setAttribute(k, v) { this.attrs[k] = String(v); },
    getAttribute(k) { return this.attrs[k] ?? null; },
    removeAttribute(k) { delete this.attrs[k]; },
    append(...c) { this.childNodes.push(...c); },
    get textContent() { return textOf(this); },
    set textContent(v) { this.childNodes = v === '' ? [] : [{ nodeType: 3, data: String(v) }]; } });
  return { createElement: element, createTextNode: (data) => ({ nodeType: 3, data }) };
}
export const all = (n) => (n.nodeType === 1 ? [n, ...n.childNodes.flatMap(all)] : []);
