// The CLI's English: the engine's messages worded from _locales/en/messages.json through the
// extension's own words.js, so the CLI and the extension never word a sentence differently.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flatten, translator } from '../../extension/shared/i18n.js';
import { pluralForm, countText } from '../../extension/shared/format.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function english() {
  return translator(flatten(JSON.parse(readFileSync(path.join(root, '_locales', 'en', 'messages.json'), 'utf8'))), {}, 'en');
}
export const t = english();
export { word, reasonText, noteText, estimateText } from '../../extension/shared/words.js';

// The CLI's own lines in English, with the noun that agrees with the count: "1 post", "2 posts",
// "12,400 followers". `text` writes the count (default: grouped as the engine's sentences write it).
export function counted(n, one, other, text = countText(n, 'en')) {
  return `${text} ${pluralForm(n, 'en') === 'one' ? one : other}`;
}
