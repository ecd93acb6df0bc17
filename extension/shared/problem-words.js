// What the history's checks found wrong (history.js problem: a code with its values, beside the
// English) in the user's language, for the popup: the reasons in the list of what is kept aside
// (aside-words.js) and the detail of an import's refusal. Pure text from the translator `t`.

// Values that are codes themselves, worded too: a report field's kind (report-shape.js FIELDS).
const CODED_VALUES = { report: { 1: 'reportMust_' }, report_dropped: { 1: 'reportMust_' } };

// `why` ({code, values}) as `asideWhy_<code>` (what an entry or the stored history has wrong) or
// `importWhy_<code>` (what only a file to import can have wrong) says it, its values filled in; a
// code, or a coded value, this version has no words for (an item kept by another version, one
// kept before reports' fields had codes): `english`, the English the check gave beside it.
export function problemText(t, why, english) {
  if (!why || typeof why.code !== 'string' || !Array.isArray(why.values)) return english;
  const key = [`asideWhy_${why.code}`, `importWhy_${why.code}`].find((k) => t.has(k));
  if (!key) return english;
  const values = [...why.values];
  for (const [i, prefix] of Object.entries(CODED_VALUES[why.code] || {})) {
    if (!t.has(`${prefix}${values[i]}`)) return english;
    values[i] = t(`${prefix}${values[i]}`);
  }
  return t(key, ...values);
}

// The kinds of refusal the popup words (history.js importJson; too_large: the popup's own, before
// the file is read).
export const IMPORT_REFUSALS = ['not_json', 'not_history', 'newer', 'entry', 'too_large'];

// Why an import was refused, from the background's error ({id: history.import.<kind>, detail (the
// English), why}), all in the user's language: what it means for the user, then what in the file
// (the detail, worded from its code; English only for a code this version has no words for). A file
// the parser placed nowhere says no more than that it is not JSON. `maxMb`: the size limit.
// `file` ({name, text}, either may be missing): the file given, for one that is Export CSV's (its
// name, or its first line the CSV export's header in any language's separator), which was told
// only "not JSON", nothing of which file imports.
export function importRefusalText(t, e, maxMb, file = null) {
  const kind = /^history\.import\.(\w+)$/.exec((e && e.id) || '');
  if (!kind || !IMPORT_REFUSALS.includes(kind[1])) return String((e && e.message) || e);
  if (kind[1] === 'too_large') return t('importTooLarge', maxMb);
  if (kind[1] === 'not_json' && csvExport(file)) return t('importRefused_csv', t('exportCsv'), t('importJson'), t('exportJson'));
  const said = t(`importRefused_${kind[1]}`);
  if (!e.why && kind[1] === 'not_json') return said;
  return `${said} (${problemText(t, e.why, e.detail)})`;
}

// Export CSV's file, by its name or its first column's heading (history.js CSV_COLUMNS: username).
function csvExport(file) {
  if (!file) return false;
  if (typeof file.name === 'string' && /\.csv$/i.test(file.name)) return true;
  return typeof file.text === 'string' && /^\uFEFF?username[,;\t]full_name[,;\t]/.test(file.text);
}
