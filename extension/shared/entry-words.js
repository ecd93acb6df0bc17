// What a stored history entry says in words, the same in the popup's table and in the CSV export.
import { roughState, roughStateMessage } from './state-words.js';
import { word, estimateText, messageKey } from './words.js';

// Whether this version has words for a stored message (an imported entry may be of another).
const knownMessage = (t, m) => !!m && typeof m.id === 'string' && t.has(messageKey(m.id));
export const hasWordedBadge = (t, entry) => !!entry.badge && knownMessage(t, entry.badge.label);

// The popup's Result cell and the CSV's badge_words: the entry's words (badgeLine) where it has a
// badge this version can word, or is gone since; else empty (its numbers stand beside it). A gone
// profile without such a badge was shown with nothing said of it.
export function resultLine(t, entry) {
  return hasWordedBadge(t, entry) || Number.isFinite(entry.gone_at) ? badgeLine(t, entry) : { text: '', tone: 'neutral', state: null };
}

// What the badge says for a stored entry (the engine's decision, worded, with its notes but the
// offer to audit, which the page makes), or, for an entry saved before the engine decided
// badges, its numbers. A reading of the page's counts alone led with why (the login, or
// Instagram refusing) and that the counts look unusual, as its badge did. -> {text, tone, state}
export function badgeLine(t, entry) {
  // Gone from Instagram since: said first, with what the entry read before.
  if (Number.isFinite(entry.gone_at)) {
    const before = badgeLine(t, { ...entry, gone_at: undefined });
    const when = new Date(entry.gone_at).toLocaleDateString(t.lang, { year: 'numeric', month: 'short', day: 'numeric' });
    return { text: t('entryGone', when, before.text), tone: 'neutral', state: 'not_found' };
  }
  const why = entry.rough ? roughState(entry.rough_cause) : null;
  if (why) return { text: `${roughStateMessage(t, why)} · ${t('roughEstimate')}`, tone: 'neutral', state: 'status' };
  const badge = entry.badge;
  // A badge whose words this version lacks (imported from another version) shows as an entry
  // without one would, never as its message keys; unknown notes are left out.
  if (hasWordedBadge(t, entry)) {
    const notes = (badge.notes || []).filter((m) => m.id !== 'badge.audit_offer' && knownMessage(t, m));
    return { text: [badge.label, ...notes].map((m) => word(t, m)).join(' · '), tone: badge.tone, state: badge.state };
  }
  return { text: entry.fake_percent === null ? t('noEstimate') : estimateText(t, entry), tone: 'neutral', state: null };
}

// The question before Delete all, true of what is stored: `profiles` in the history, `audited` of
// them with an audit, a result or one stored without one yet (handlers.js historyList). It said "with their audits" of a
// history holding none.
export function deleteAllQuestion(t, profiles, audited) {
  if (!audited) return t('deleteAllConfirm', profiles);
  return audited >= profiles ? t('deleteAllConfirmAudited', profiles) : t('deleteAllConfirmSomeAudited', profiles, audited);
}
