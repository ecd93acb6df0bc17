// Username, full-name and biography generators that reproduce the fitted lengths, digit
// counts and separator shares of each class (the data holds only those statistics, no names).
import { DIST, fromQuantiles, fromHistogram } from './sample.mjs';

const SYLLABLES = ['an', 'na', 'li', 'sa', 'mo', 'ra', 'ke', 'lu', 'ti', 'jo', 'ma', 'ri', 'el', 'de', 'vi', 'no',
  'ka', 'be', 'to', 'mi', 'la', 'se', 'ro', 'da', 'fi', 'ne', 'co', 'pa', 'ju', 'le'];
const FIRST = ['Anna', 'Luca', 'Sara', 'Marco', 'Lena', 'Noah', 'Mia', 'Jonas', 'Elif', 'Tim', 'Nora', 'Ravi',
  'Julia', 'David', 'Sofia', 'Ben', 'Laura', 'Omar', 'Emma', 'Leo', 'Chiara', 'Finn', 'Lea', 'Milan'];
const LAST = ['Meier', 'Rossi', 'Keller', 'Novak', 'Huber', 'Silva', 'Weber', 'Costa', 'Brunner', 'Yilmaz',
  'Schmid', 'Fischer', 'Moreau', 'Baumann', 'Jansen', 'Gerber', 'Kaya', 'Frei', 'Bianchi', 'Graf'];
const WORDS = ['coffee', 'travel', 'photos', 'music', 'life', 'art', 'food', 'dog', 'mum', 'runner', 'Zurich',
  'dreamer', 'books', 'design', 'nature', 'friends', 'student', 'sunsets', 'cycling', 'yoga', 'good', 'vibes'];

export function makeUsername(cls, rand) {
  const d = DIST.classes[cls];
  const length = Math.max(3, Math.min(30, Math.round(fromQuantiles(d.username_length, rand()))));
  const digits = Math.min(fromHistogram(d.username_digit_count, rand()), length - 2);
  let letters = '';
  while (letters.length < length - digits) letters += rand.pick(SYLLABLES);
  letters = letters.slice(0, length - digits);
  if (rand() < d.username_has_separator && letters.length > 3) {
    const at = rand.int(1, letters.length - 2);
    letters = letters.slice(0, at) + rand.pick(['_', '.']) + letters.slice(at + 1);
  }
  let tail = '';
  for (let i = 0; i < digits; i++) tail += String(rand.int(0, 9));
  return letters + tail;
}

export function makeFullName(cls, username, rand) {
  const d = DIST.classes[cls];
  if (rand() < d.full_name_equals_username) return username;
  const words = fromHistogram(d.full_name_words, rand());
  const parts = [];
  for (let i = 0; i < words; i++) parts.push(i === 0 ? rand.pick(FIRST) : rand.pick(LAST));
  let name = parts.join(' ');
  if (name && rand() < d.full_name_has_digits) name += ' ' + rand.int(1, 99);
  return name;
}

export function makeBiography(cls, rand) {
  const d = DIST.classes[cls];
  if (rand() < d.biography_empty) return '';
  const length = Math.max(1, Math.min(150, Math.round(fromQuantiles(d.biography_length_nonempty, rand()))));
  let text = '';
  while (text.length < length) text += (text ? ' ' : '') + rand.pick(WORDS);
  return text.slice(0, length).trim() || 'hi';
}
