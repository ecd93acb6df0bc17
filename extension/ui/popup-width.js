// The popup's width at a high zoom. Its body is 40em (520 px at the default size and zoom), but a
// popup is at most 800 device-independent pixels wide: at 200% zoom that is 400 CSS px, and the
// popup scrolled sideways by 132 px, its buttons and the table's right-hand columns out of view.
// Then the body takes the popup's width. Chromium sizes the popup before its scripts run (to its
// content, or its largest); a popup still smaller than that (under 200 px, the largest at 400%
// zoom) is left alone, so a body is never narrowed to a popup still growing to fit it.
const SMALLEST_FULL_POPUP = 200;

export function fitPopupWidth(win = globalThis) {
  const doc = win.document;
  const root = doc.documentElement;
  if (root.scrollWidth <= win.innerWidth || win.innerWidth < SMALLEST_FULL_POPUP) return false;
  const style = win.getComputedStyle(doc.body);
  const margins = parseFloat(style.marginLeft) + parseFloat(style.marginRight);
  doc.body.style.maxWidth = `${root.clientWidth - margins}px`;
  return true;
}

// Fits now and whenever the popup's size changes (its zoom changed while open), seen as the root
// element's size.
export function keepPopupFitting(win = globalThis) {
  fitPopupWidth(win);
  new win.ResizeObserver(() => fitPopupWidth(win)).observe(win.document.documentElement);
}
