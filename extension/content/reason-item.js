// One reason of a list of reasons (the profile's in panel.js, the comments' in panel-comments.js):
// its severity in words for screen readers (a label on a bare span is read by none), the dot for
// the eye, then the reason's words, all set as text.
import { el, appendText } from './dom.js';
import { reasonText } from '../shared/words.js';

export function reasonItem(t, reason, attrs = {}) {
  const li = el('li', { class: `sev-${reason.severity}`, ...attrs });
  li.append(el('span', { class: 'dot', 'aria-hidden': 'true' }));
  const words = el('span', {});
  words.append(el('span', { class: 'sr-only' }, t('labelValue', t(`severity_${reason.severity}`) || reason.severity, '')));
  appendText(words, reasonText(t, reason));
  li.append(words);
  return li;
}
