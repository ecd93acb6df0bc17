// Drawing the panel again without taking the keyboard's focus away. The panel is drawn afresh on
// every change (each audit step); replacing the control that has the focus drops the focus to the
// page, and giving it back makes a screen reader announce the control again at every step. So the
// new drawing goes into a detached copy, and the focused control, with the elements around it up
// to the panel, stays where it is: each takes its attributes and text from its counterpart in the
// copy (the control drawn with the same `part`), and everything beside them comes from the copy.
// A control of the same part does the same thing whatever it says (its click calls the same
// handler), so the kept one's listener stays right.
//
// Where it differs, what stayed the same stays (takeChildren: a selection in it is kept).
// A new drawing the same as the panel's (node for node, attribute for attribute, text for text) is
// not put in: about a third of an audit's steps draw the panel as it is, and each replaced the whole
// panel and had the page lay it out again. The controls kept call the same handlers (as above).
//
// `beforeChange`, if given, is called just before the panel's content is replaced (not when it stays).
// Returns { changed: whether the panel's content was replaced, kept: whether `focused` was kept };
// if not kept (no control of its part in the new drawing, or one in another place), the panel holds
// the new drawing whole and the caller moves the focus.
export function redrawKeepingFocus(panel, focused, draw, beforeChange = () => {}) {
  const fresh = panel.cloneNode(false);
  draw(fresh);
  if (fresh.isEqualNode(panel)) return { changed: false, kept: true };
  beforeChange();
  return { changed: true, kept: replaceKeepingFocus(panel, focused, fresh) };
}

function replaceKeepingFocus(panel, focused, fresh) {
  const part = focused && focused.getAttribute('part');
  const twin = part ? fresh.querySelector(`[part="${CSS.escape(part)}"]`) : null;
  const kept = twin ? pathFrom(panel, focused) : null;
  const drawn = twin ? pathFrom(fresh, twin) : null;
  const samePlace = kept && drawn && kept.length === drawn.length && kept.every((node, i) => node.tagName === drawn[i].tagName);
  if (!samePlace) {
    takeChildren(panel, fresh);
    return false;
  }
  for (let i = 0; i < kept.length - 1; i++) {
    if (i > 0) copyAttributes(kept[i], drawn[i]);
    takeChildren(kept[i], drawn[i], [kept[i + 1], drawn[i + 1]]);
  }
  copyAttributes(focused, twin);
  focused.replaceChildren(...twin.childNodes);
  return true;
}

// The controls a drawing binds listeners to, and what the keyboard reaches: never kept from the
// drawing before (their listeners are the new drawing's).
const CONTROLS = 'button, a, input, select, textarea, details, summary, [tabindex]';
const isControl = (node) => node.nodeType === 1 && node.matches(CONTROLS);
const holdsControl = (node) => node.nodeType === 1 && (isControl(node) || !!node.querySelector(CONTROLS));

// Takes the new drawing `from` into `into` child by child: a child the same as one of the
// drawing's (node for node, in the same order) that holds no control stays where it is; an
// element of the same tag and part as the drawing's next one takes that one's attributes and
// children the same way; anything else comes from the drawing, and what the drawing no longer
// has goes. The panel's content, replaced whole at every audit step, deselected text the user
// had selected in it (a reason, a number, to copy) about every 1.5 s; what did not change now
// stays, and with it the selection. The result is the drawing either way.
function takeChildren(into, from, pin = null) {
  const old = [...into.childNodes];
  const drawn = [...from.childNodes];
  let next = 0;  // the first of the old children not yet passed
  // `pin`: [old child, drawing's child] that stays for the other (the path to the focused control),
  // so nothing before it is matched past it: no kept child moves (a moved node loses the focus).
  let limit = pin ? old.indexOf(pin[0]) : old.length;
  const placed = drawn.map((twin) => {
    if (pin && twin === pin[1]) {
      next = limit + 1;
      limit = old.length;
      return pin[0];
    }
    for (let k = next; k < limit; k++) {
      if (!holdsControl(old[k]) && old[k].isEqualNode(twin)) {
        next = k + 1;
        return old[k];
      }
    }
    const node = next < limit ? old[next] : null;
    if (node && node.nodeType === 1 && twin.nodeType === 1 && node.tagName === twin.tagName
        && node.getAttribute('part') === twin.getAttribute('part') && !isControl(node) && !isControl(twin)) {
      next += 1;
      copyAttributes(node, twin);
      takeChildren(node, twin);
      return node;
    }
    return twin;
  });
  // The kept children stay in their order: the others go, and the drawing's new ones go in between.
  const kept = new Set(placed);
  for (const node of old) if (!kept.has(node)) node.remove();
  let at = into.firstChild;
  for (const node of placed) {
    if (node === at) at = at.nextSibling;
    else into.insertBefore(node, at);
  }
}

// Draws `node` (its attributes and children; the node itself stays, with its listeners and focus)
// into a detached copy, and takes the copy's attributes and children only when they differ: the
// badge, drawn at each audit step, was emptied and filled again each time, and the profile header
// it sits in laid out again, also when its words had not changed (half of the steps: "auditing
// 10/41" after the request's answer and again when the next request is asked). Returns what
// `draw` returned.
export function redrawInPlace(node, draw) {
  const fresh = node.cloneNode(false);
  const out = draw(fresh);
  if (!fresh.isEqualNode(node)) {
    copyAttributes(node, fresh);
    node.replaceChildren(...fresh.childNodes);
  }
  return out;
}

// From `root` (excluded) down to `node` (included).
function pathFrom(root, node) {
  const path = [];
  for (let n = node; n && n !== root; n = n.parentNode) path.unshift(n);
  return [root, ...path];
}

function copyAttributes(to, from) {
  for (const { name } of [...to.attributes]) if (!from.hasAttribute(name)) to.removeAttribute(name);
  for (const { name, value } of [...from.attributes]) if (to.getAttribute(name) !== value) to.setAttribute(name, value);
}
