// The set-aside list in words (popup.js), pure text from the translator `t`: its note and the
// discard's confirmation, each true of the kinds of item the list holds (taken.js asideKinds).
// `kinds` missing (an answer without it): every item read as one that could not be read.
import { problemText } from './problem-words.js';

// The set-aside list's note, true of each kind it holds (taken.js asideKinds): what could not be
// read is kept as it was; a profile past the history's limit or of a name another account took
// keeps its numbers, not its full report, and the latter comes back by itself; the download is a
// copy that Import JSON takes back (its profiles; what could not be read stays out).
export function asideNoteText(t, count, kinds) {
  const k = kinds || { taken: 0, numbers: 0, unreadable: count };
  const entries = k.taken + k.numbers;
  return [t('asideNote', count), k.unreadable ? t('asideNoteUnreadable', k.unreadable) : '',
    entries ? t('asideNoteNumbers', entries) : '', k.taken ? t('asideNoteTaken', k.taken) : '',
    entries ? t('asideNoteImport') : t('asideNoteDownload')].filter(Boolean).join(' ');
}

// The discard's confirmation: what goes for good, the only copy of accounts' history among it.
export function asideDiscardText(t, count, kinds) {
  const k = kinds || { taken: 0, numbers: 0, unreadable: count };
  return [t('asideDiscardConfirm', count), k.taken ? t('asideDiscardTaken', k.taken) : '',
    k.numbers ? t('asideDiscardNumbers', k.numbers) : '', k.taken + k.numbers ? t('asideDiscardDownloadFirst') : '']
    .filter(Boolean).join(' ');
}

// One item's reason in the user's language: an entry whose name another account took, said from
// its name; else its code and values (history.js problem) as `asideWhy_<code>` words
// (problem-words.js); an item kept before codes, or of a code this version has no words for, says
// its English reason as stored. An item still where it was (`held`: storage too full to copy it)
// says so around it.
export function asideReasonText(t, item) {
  if (item.taken) return t('asideTaken', `@${item.taken}`);
  const why = problemText(t, item.why, item.reason);
  return item.held ? t('asideHeld', why) : why;
}
