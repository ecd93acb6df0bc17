// A question asked inside the popup before something is lost for good (popup.js: discarding what is
// kept aside, deleting the whole history), in place of window.confirm: Firefox's popup closes or
// hides behind a native dialog, Chromium's can close too, and neither is styled or in the user's
// language. The button asked from is hidden and a group named by its question takes its place,
// with the two answers; the focus goes to Cancel (the answer that loses nothing, as Enter or a
// slip of the keyboard picks it), and Escape answers Cancel. Every text is set as text.
import { el } from '../shared/element.js';

// `words()` gives { question, yes } as the list is now (asked again by refresh() while open);
// `onYes()` does the deed, `after()` puts the focus where it goes once done, `onError` says a failure.
export function inlineAsk(button, { id, words, cancel, onYes, after, onError }) {
  let box = null;

  function close() {
    box?.remove();
    box = null;
    button.hidden = false;
  }

  function draw() {
    const { question, yes } = words();
    box.querySelector('p').textContent = question;
    box.querySelector('[data-answer="yes"]').textContent = yes;
  }

  function open() {
    if (box) return;
    // Said once, as the focus enters it: not also as a change of a live region it sits in (#aside).
    box = el('div', { class: 'ask', role: 'group', id, 'aria-labelledby': `${id}-question`, 'aria-live': 'off' });
    const yesButton = el('button', { class: 'danger', 'data-answer': 'yes' });
    const noButton = el('button', { 'data-answer': 'no' }, cancel);
    box.append(el('p', { id: `${id}-question` }), yesButton, noButton);
    draw();
    yesButton.addEventListener('click', () => {
      close();
      Promise.resolve().then(onYes).then(after, onError);
    });
    noButton.addEventListener('click', () => { close(); button.focus(); });
    // Handled here, so the browser does not also close the popup on it.
    box.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      close();
      button.focus();
    });
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
