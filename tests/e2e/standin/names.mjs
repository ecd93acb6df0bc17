// Username, full-name and biography generators that reproduce the fitted lengths, digit
// counts and separator shares of one labelled set's class (`d`, a fit from distributions.json;
// the data holds only those statistics, no names).
import { fromAccountQuantiles, fromHistogram } from './sample.mjs';

const SYLLABLES = ['an', 'na', 'li', 'sa', 'mo', 'ra', 'ke', 'lu', 'ti', 'jo', 'ma', 'ri', 'el', 'de', 'vi', 'no',
  'ka', 'be', 'to', 'mi', 'la', 'se', 'ro', 'da', 'fi', 'ne', 'co', 'pa', 'ju', 'le'];
const WORDS = ['coffee', 'travel', 'photos', 'music', 'life', 'art', 'food', 'dog', 'mum', 'runner', 'Zurich',
  'dreamer', 'books', 'design', 'nature', 'friends', 'student', 'sunsets', 'cycling', 'yoga', 'good', 'vibes'];

// The username and display name of one account. The display name comes first; the username's
// length, digits and separator follow the set's fit, and its letters open with as much of the
// display name as a draw from the class's fitted name-username similarity asks for (real
// accounts' usernames mostly spell their names, fakes' less often), the rest from syllables.
export function makeNames(d, countsBucket, similarity, rand) {
  if (rand() < d.full_name_equals_username) {
    const username = makeUsername(d, '', 0, rand);
    return { username, fullName: username };
  }
  const fullName = makeFullName(d, countsBucket, rand);
  return { username: makeUsername(d, fullName, fromAccountQuantiles(similarity, rand()), rand), fullName };
}

function makeUsername(d, fullName, similarity, rand) {
  const length = Math.max(3, Math.min(30, Math.round(fromAccountQuantiles(d.username_length, rand()))));
  const u = rand();
  const drawn = d.username_digit_count ? fromHistogram(d.username_digit_count, u)
    : Math.round(length * fromAccountQuantiles(d.username_digit_share, u));
  const digits = Math.min(drawn, length - 2);
  const words = fullName.toLowerCase().split(' ').filter((w) => /^[a-z]+$/.test(w));
  const base = words.join('');
  const n = length - digits;
  // 1 - edit distance / longer length: keeping k letters of the name gives about k / longer.
  const keep = Math.min(base.length, n, Math.round(similarity * Math.max(base.length, length)));
  let letters = base.slice(0, keep);
  while (letters.length < n) letters += rand.pick(SYLLABLES);
  letters = letters.slice(0, n);
  if (rand() < d.username_has_separator && letters.length > 3) {
    // Between the first two name words when the username spells them, elsewhere otherwise.
    const at = words.length > 1 && words[0].length < keep ? words[0].length : rand.int(1, letters.length - 2);
    letters = (letters.slice(0, at) + rand.pick(['_', '.']) + letters.slice(at)).slice(0, n);
  }
  let tail = '';
  for (let i = 0; i < digits; i++) tail += String(rand.int(0, 9));
  return letters + tail;
}

// A name word of 2-3 syllables ("Kemora"): usernames that spell a display name stay unique
// (Instagram's are; the stand-in serves each account's document by its username), which a short
// list of real first and last names could not keep.
function nameWord(rand) {
  let w = rand.pick(SYLLABLES) + rand.pick(SYLLABLES);
  if (rand() < 0.5) w += rand.pick(SYLLABLES);
  return w[0].toUpperCase() + w.slice(1);
}

function makeFullName(d, countsBucket, rand) {
  const words = fromHistogram(d.full_name_words_by_counts[countsBucket], rand());
  const parts = [];
  for (let i = 0; i < words; i++) parts.push(nameWord(rand));
  let name = parts.join(' ');
  if (name && rand() < d.full_name_has_digits) name += ' ' + rand.int(1, 99);
  return name;
}

export function makeBiography(d, countsBucket, rand) {
  if (rand() < d.biography_empty_by_counts[countsBucket]) return '';
  const length = Math.max(1, Math.min(150, Math.round(fromAccountQuantiles(d.biography_length_nonempty, rand()))));
  let text = '';
  while (text.length < length) text += (text ? ' ' : '') + rand.pick(WORDS);
  return text.slice(0, length).trim() || 'hi';
}
