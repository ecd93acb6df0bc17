// The panel's question before a re-check replaces an audit's result (shared/recheck.js): inline,
// not a window.confirm (which the page's own scripts could see and which stops the page), a group
// named by its question so a screen reader says it as the focus enters, with the two answers.
import { el } from './dom.js';
import { recheckQuestion } from '../shared/recheck.js';

export function recheckAsk(t, model, onAnswer) {
  const box = el('div', { class: 'ask', role: 'group', part: 'recheck-ask', 'aria-labelledby': 'fm-recheck-question' });
  box.append(el('p', { id: 'fm-recheck-question', part: 'recheck-question' }, recheckQuestion(t, model.report, model.computedAt)));
  const go = el('button', { part: 'recheck-confirm' }, t('recheck'));
  go.addEventListener('click', () => onAnswer(true));
  const keep = el('button', { part: 'recheck-keep' }, t('recheckKeepAudit'));
  keep.addEventListener('click', () => onAnswer(false));
  box.append(go, keep);
  return box;
}
