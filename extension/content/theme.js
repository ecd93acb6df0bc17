// Light or dark: Instagram's own background colour (the body's, or, where the body is
// transparent, the root element's: a page may paint either), else the system's preference.
export function isDarkPage() {
  for (const node of [document.body, document.documentElement]) {
    if (!node) continue;
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(getComputedStyle(node).backgroundColor || '');
    if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
      const [r, g, b] = [m[1], m[2], m[3]].map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5;
    }
  }
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

// Calls `onChange` when the page may have switched between light and dark without an element
// added or removed (which the route watcher's observer sees): Instagram switches its appearance by
// a class on the root element, and a page that follows the system's setting turns with it by
// itself. Returns the function that stops watching.
export function watchTheme(onChange) {
  const observer = new MutationObserver(onChange);
  const options = { attributes: true, attributeFilter: ['class', 'style'] };
  for (const node of [document.documentElement, document.body]) if (node) observer.observe(node, options);
  const system = matchMedia('(prefers-color-scheme: dark)');
  system.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    system.removeEventListener('change', onChange);
  };
}
