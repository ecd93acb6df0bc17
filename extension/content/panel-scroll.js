// The panel's scroll kept across a drawing that replaces its content (overlay.js render). Reading
// scrollTop lays the page out when anything changed since it was last laid out, as the badge drawn
// just before in the same render had (and writing it lays it out again): at every audit step that
// changed the panel, two layouts forced for a scroll that was nearly always 0. So it is read only
// once the panel was scrolled (its scroll events say so), before the render changes anything, and
// written back only when not 0. A panel never scrolled keeps 0 by itself when its content is replaced.
export function scrollKeeper(panel) {
  let scrolled = false;
  // (A scroll event comes once per frame, with the page laid out: reading it there costs nothing.)
  panel.addEventListener('scroll', () => { scrolled = panel.scrollTop > 0; }, { passive: true });
  return {
    // Before the render changes anything: the offset to keep, or 0.
    read: () => (scrolled ? panel.scrollTop : 0),
    // Once the new drawing is in.
    restore: (offset) => { if (offset > 0) panel.scrollTop = offset; },
  };
}
