// The panel's title row is sticky (overlay-style.js .head), so a control reached by keyboard is
// scrolled into view below it by a scroll padding as tall as the row. A fixed guess (56 px) was
// short of a title that wraps at 320 px (two lines 57 px, a 30-character username's three 77 px),
// and the control scrolled under it: the padding follows the row's real height, measured whenever
// it changes (another width, a title that wraps, the row drawn afresh).
export function followHeadHeight(panel) {
  let watched = null;
  const observer = new ResizeObserver(() => {
    if (watched) panel.style.setProperty('--head-height', `${watched.offsetHeight}px`);
  });
  // Called after each drawing: the row may be a new element (redraw.js keeps it only when it holds the focus).
  return () => {
    const head = panel.querySelector(':scope > .head');
    if (head === watched) return;
    observer.disconnect();
    watched = head;
    if (head) observer.observe(head);
  };
}
