// A question asked inside the popup before something is lost for good (popup.js: discarding what is
// kept aside, deleting the whole history), in place of window.confirm: Firefox's popup closes or
// hides behind a native dialog, Chromium's can close too, and neither is styled or in the user's
// language. The button asked from is hidden and a group named by its question takes its place,
// with the two answers; the focus goes to Cancel (the answer that loses nothing, as Enter or a
// slip of the keyboard picks it), and Escape answers Cancel. Every text is set as text.
//
// Escape in the toolbar button's popup: Chromium hands the key to the page first and closes the
// popup only when the page leaves its keydown unhandled (extension_view_host.cc: Escape in a popup
// is a shortcut the page may take; the popup closes in HandleKeyboardEvent, which runs for the
// events the page did not prevent). So the question takes Escape with preventDefault and the popup
// stays open; with no question open Escape is left to the browser and closes the popup, as usual.
import { el } from '../shared/element.js';

// `words()` gives { question, yes } as the list is now (asked again by refresh() while open);
// `onYes()` does the deed, `after()` puts the focus where it goes once done, `onError` says a failure.
export function inlineAsk(button, { id, words, cancel, onYes, after, onError }) {
  let box = null;

  function close() {
    box?.remove();
    box = null;
    button.hidden = false;
    document.removeEventListener('keydown', onKey);
  }

  // Escape answers Cancel while the focus is in the question, or on nothing: a click on the
  // question's text leaves the focus on the body, and the key went past the question unhandled,
  // which closes Chromium's popup with the question open. Not while the focus is in another
  // control (the search field): the key is the popup's then. Nor when another question took it.
  function onKey(e) {
    if (e.key !== 'Escape' || e.defaultPrevented || !box) return;
    const at = document.activeElement;
    if (at && at !== document.body && at !== document.documentElement && !box.contains(at)) return;
    e.preventDefault();
    close();
    button.focus();
  }

  function draw() {
    const { question, yes } = words();
    box.querySelector('p').textContent = question;
    box.querySelector('[data-answer="yes"]').textContent = yes;
  }

  function open() {
    if (box) return;
    // Said once, as the focus enters it (no live region holds it: popup.html's #aside-note is the note alone).
    box = el('div', { class: 'ask', role: 'group', id, 'aria-labelledby': `${id}-question` });
    const yesButton = el('button', { class: 'danger', 'data-answer': 'yes' });
    const noButton = el('button', { 'data-answer': 'no' }, cancel);
    box.append(el('p', { id: `${id}-question` }), yesButton, noButton);
    draw();
    yesButton.addEventListener('click', () => {
      close();
      Promise.resolve().then(onYes).then(after, onError);
    });
    noButton.addEventListener('click', () => { close(); button.focus(); });
    document.addEventListener('keydown', onKey);
    button.hidden = true;
    button.after(box);
    noButton.focus();
  }

  button.addEventListener('click', open);
  return {
    // The list changed while asking (a check set another item aside): the question says what goes now.
    refresh() { if (box) draw(); },
    close,
    get open() { return !!box; },
  };
}
