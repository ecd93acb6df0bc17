// Simulated comment sections of a profile's recent posts, from stated assumptions (no public
// data labels bought or pod comments). Pure and deterministic: the same options give the same
// section. Each comment is shaped as Instagram's comments endpoint gives it; which mechanism
// wrote it is returned apart from the comments, in `truth`, so an analysis cannot see it.
//
//   commentSection({pattern, posts = 6, seed, now, kind, language, pod, network, organic, fullRecords,
//                   followers, owner})
//     pattern: 'organic' | 'pod' | 'network' | 'pod+network' | 'bots'
//     followers: the profile's follower count (default: what the organic rates imply)
//     owner: {pk, username} of the profile (default: a made-up studio)
//     -> { document: {posts: [{media_id, taken_at, like_count, comment_count, comments}],
//                     follower_count, owner: {pk, username}, now},
//          truth: {pattern, params, mechanisms: [[per comment of each post]], counts},
//          accounts: every account that may comment, each a follower record with its truth (fake) }
//   The document is the comment analysis's input as is (scripts/fakemeter comments FILE); with
//   fullRecords: n it also carries n random commenters' full account records (an audit's sample).
//
// Assumptions (each overridable through the options of the same name):
//  organic  Comments per post: log-uniform 3-60 across profiles (sections with too few comments
//           to judge are out of scope), Poisson around it per post. Comments per like as real
//           accounts of the resulting size show (models/comment_reference.json, from InstaFake),
//           likes per follower from the same accounts (distributions.json), so the follower count
//           follows. Authors: a pool of 8 x comments-per-post engaged followers
//           with lognormal(0, 1.2) affinities (a few regulars, many occasional). Texts: 40%
//           generic praise or emoji in the profile's language, 45% remarks and questions about
//           the post (English, composed from slots so real people rarely repeat each other), 15%
//           tagging a friend with a word or two. Times: 10% within an exponential 15 minutes of posting, the rest
//           lognormal around 2.5 hours. The owner answers one comment in five.
//  pod      20-50 accounts (size), each comments on a post with probability 0.7-0.95
//           (participation), within lognormal ~4 minutes (delayMinutes), short praise from a shared
//           phrase bank; on top of organic.
//  network  A pool of 100-300 paid accounts (size); 5-25 of them per post (perPost), each posting
//           one of the 4-8 texts (templates) the business suggested for that post, half of them
//           (edited) lightly edited once (edits: emoji, case, punctuation, a synonym), over
//           lognormal ~3 hours; on top of organic. A like subscription adds likeSubscription
//           likes per post (default 0).
//  bots     8-20 fake accounts leave emoji and one-word praise on every post; on top of organic.
import fs from 'node:fs';
import { prng, hashString } from './prng.mjs';
import { DIST, fromQuantiles } from './sample.mjs';
import { makeFollower } from './followers.mjs';

export const PATTERNS = ['organic', 'pod', 'network', 'pod+network', 'bots'];
export const DEFAULT_NOW = 1_795_000_000;

const EMOJI = ['😍', '🔥', '❤️', '👏', '🙌', '😮', '💯', '✨', '😂', '🥰', '👌', '💕'];
const PRAISE = {
  en: ['Love this', 'So beautiful', 'Amazing', 'Gorgeous', 'Wow', 'Stunning', 'Love it', 'Nice', 'Beautiful work',
    'So cute', 'Perfect', 'Great shot', 'Incredible', 'Awesome', 'Omg love', 'Yes!!', 'Wow wow wow', 'Nice one'],
  nl: ['Mooi!', 'Prachtig', 'Wauw', 'Zo mooi', 'Geweldig', 'Super mooi', 'Heel mooi', 'Gaaf'],
  de: ['Wunderschön', 'Toll', 'Sehr schön', 'Mega', 'Wow, klasse', 'Hammer', 'So schön', 'Super'],
  fr: ['Magnifique', 'Trop beau', 'Superbe', 'Sublime', "J'adore", 'Bravo', 'Très joli'],
  es: ['Precioso', 'Qué bonito', 'Me encanta', 'Increíble', 'Hermoso', 'Muy lindo', 'Genial'],
  it: ['Bellissimo', 'Stupendo', 'Che bello', 'Complimenti', 'Fantastico', 'Bellissima'],
  pt: ['Lindo', 'Maravilhoso', 'Que lindo', 'Amei', 'Perfeito', 'Top demais', 'Parabéns'],
  ru: ['Красиво', 'Супер', 'Класс', 'Очень красиво', 'Шикарно', 'Круто'],
  ar: ['جميل جدا', 'رائع', 'ما شاء الله', 'روعة', 'تبارك الله'],
};
export const LANGUAGES = Object.keys(PRAISE);

// Organic remarks: opener + topic + verb + complement + tail, ~10^8 ways.
const OPENERS = ['', '', '', 'Honestly', 'Okay', 'Haha', 'Oh', 'Hey', 'Ahh', 'So', 'Wait', 'Ok but'];
const TOPICS = ['the colours', 'the light', 'the details', 'that shadow', 'the background', 'this angle',
  'the composition', 'the texture', 'the left side', 'the last one', 'the second picture', 'the lettering',
  'the lines', 'the shading', 'this design', 'the little flower', 'the frame', 'the sky', 'the window', 'the dog',
  'the cake', 'your setup', 'the new chair', 'that mirror', 'the neon sign', 'the plant in the corner'];
const VERBS = ['remind me of', 'look like', 'would be perfect for', 'are giving', 'totally match', 'make me think of',
  'work so well with', 'are way better than', 'feel like', 'go great with', 'beat', 'could be'];
// What a remark compares the post with: owner + adjective + thing + where/when, ~50,000 ways.
const OWNERS = ['my', 'our', 'your', 'that', 'the', 'a', 'some', "my sister's", "grandma's", 'an old'];
const ADJECTIVES = ['little', 'faded', 'bright', 'old', 'tiny', 'huge', 'crooked', 'lovely', 'green', 'wooden',
  'golden', 'quiet', 'messy', 'perfect', 'funny', 'strange', 'cosy', 'blue', 'dusty', 'secret'];
const NOUNS = ['garden', 'film still', 'living room', 'postcard', 'cafe', 'first flat', 'poster', 'painting',
  'album cover', 'wedding invitation', 'museum piece', 'beach hut', 'kitchen tiles', 'school project', 'record shop',
  'train window', 'bookshelf', 'balcony', 'sketchbook', 'bakery', 'ferry', 'tram stop', 'cabin', 'quilt'];
const WHEN = ['', '', '', 'from last summer', 'in Porto', 'back home', 'from the seventies', 'in Ghent', 'on a Sunday',
  'after the rain', 'from school', 'in May', 'at night', 'from that trip'];
const TAILS = ['', '', '', '!', ' haha', ' honestly', ' tbh', ' 😍', ' ✨', '...', ' no?', ' 🙈'];
// Questions: what people ask, each said in several ways (real people rarely word a question
// alike, even when they ask the same thing).
const QUESTIONS = [
  ['Is this in {place}?', 'Was this taken in {place}?', 'Wait is that {place}??', 'This is {place} right?'],
  ['How long did {this} take?', 'How many hours was {this}?', 'How long does something like {this} take you?'],
  ['Which {thing} did you use for {this}?', 'What {thing} is that?', 'Is that {thing} from the shop?'],
  ['Do you still have slots in {month}?', 'Any openings in {month}?', 'Are you booking for {month} yet?',
    'Still taking clients in {month}?', 'Is there any availability in {month}?', 'Can I come by in {month}?'],
  ['What size is {this}?', 'How big is {this} in real life?', 'Is {this} bigger than it looks?'],
  ['Where can I get {thing} like this?', 'Do you sell {thing} like this?', 'Can I order {thing} like {this}?'],
  ['Is {thing} available in {colour}?', 'Would {this} work in {colour} too?', 'Does {this} come in {colour}?'],
  ['How much would {thing} like this be?', 'What would {this} cost roughly?', 'Price for {this}?',
    'How much for {this} in {colour}?'],
  ['Did you do {this} freehand?', 'Freehand or stencil for {this}?', 'No stencil on {this}??'],
  ['Are you at the {place} market again in {month}?', 'Will you be in {place} in {month}?',
    'Coming back to {place} this {month}?'],
  ['Do you ship {thing} to {place}?', 'Shipping to {place} possible?', 'Can you send {thing} to {place}?'],
  ['Could you do {this} smaller for {person}?', 'Would you do {this} for {person}?', 'Is {this} for {person}?'],
];
const PLACES = ['Bern', 'the old studio', 'your garden', 'Lisbon', 'Utrecht', 'the new place', 'Ghent', 'Basel',
  'Leipzig', 'Porto', 'Graz', 'Lyon', 'Malmo', 'Aarhus', 'Bologna', 'Cork'];
const THINGS = ['a piece', 'the ink', 'a print', 'the brush', 'the lens', 'a mug', 'the pattern', 'the stencil',
  'the frame', 'the fabric', 'the glaze', 'a voucher', 'the paper', 'the thread', 'a poster', 'the bowl'];
const THIS = ['this one', 'the big one', 'the piece on the left', 'that one', 'the last one', 'this version',
  'the small one', 'the blue one', 'this set', 'the first one'];
const PERSONS = ['my mum', 'my brother', 'a friend', 'my partner', 'my niece', 'a colleague', 'my dad', 'my aunt'];
const MONTHS = ['January', 'March', 'April', 'June', 'September', 'October', 'November', 'December'];
const COLOURS = ['green', 'dark blue', 'ochre', 'black', 'white', 'rust', 'sand', 'teal', 'plum', 'grey'];
// Tagging a friend: a mention and a few words.
const TAGS = ['look!', 'we need this', 'next time?', 'omg', 'for you', 'remember?', 'this!!', '😍', 'us', 'yes',
  'haha', 'saturday?'];

// Pods: short praise from a shared bank, the same words from many members.
const POD_PHRASES = ['Great post! 🔥', 'Love this content 🙌', 'So inspiring!', 'This is gold 💯', 'Amazing as always',
  'Needed this today', 'Great tips, thanks for sharing', 'Saving this for later!', 'So true 👏', 'Keep it up!',
  'Love your feed ✨', 'Incredible work 😍', 'This is everything', 'Absolutely stunning', 'Wow, just wow',
  "Can't stop looking at this", 'Goals!', 'Beautiful as always ❤️', 'You never disappoint', 'Obsessed with this',
  'Such a vibe', 'Love the energy here', 'This is so well done', 'Fantastic shot', 'Pure talent 👏👏'];

// Suggested comments: what a business hands its paid commenters, by kind of business.
const SUGGESTED = {
  tattoo: ['Best tattoo studio in town, the linework is unreal!', "Got my sleeve done here and I couldn't be happier",
    'The artists here are so talented and friendly', "Booked my next session already, can't wait 😍",
    'Cleanest fine line work I have ever seen', 'If you want quality ink, this is the place to go',
    'Absolutely love my new piece from this studio', 'Such a welcoming studio, highly recommend to everyone!',
    'Healed perfectly, thank you for the amazing work', 'Every piece they post is better than the last one',
    'This studio never disappoints, pure art every time', 'The attention to detail here is next level',
    'My third tattoo from them and still blown away', 'Professional, clean and super creative artists',
    'Worth every penny, go see them if you want real art', 'The shading on this is absolutely perfect'],
  hair: ['Best salon in the city, my balayage looks amazing!', 'The team here always knows exactly what I want',
    'My hair has never felt this healthy, thank you!', 'Booked again for next month, love this place 😍',
    'These colours are always on point, highly recommend', 'Such a relaxing place with the friendliest stylists',
    'Finally found a salon I trust with my curls', 'The cut grew out so nicely, best in town',
    'Every client leaves looking like a model here', 'Amazing transformation, they are true artists'],
};
const SYNONYMS = { amazing: 'incredible', best: 'greatest', love: 'adore', so: 'really', perfect: 'flawless',
  great: 'awesome', highly: 'totally', always: 'honestly always', never: "literally never" };

const REFERENCE = JSON.parse(fs.readFileSync(new URL('../../../models/comment_reference.json', import.meta.url), 'utf8'));
// Quantile u of the median comments per like of real accounts with this many followers
// (tiers [min, max, n, quantiles every 5%...]).
function commentsPerLikeOfRealAccounts(followers, u) {
  const tiers = REFERENCE.comments_per_like.tiers;
  const tier = tiers.find(([lo, hi]) => followers >= lo && followers < hi) ?? tiers.at(-1);
  const q = tier.slice(3), pos = u * (q.length - 1), lo = Math.floor(pos);
  return q[lo] + (q[Math.min(lo + 1, q.length - 1)] - q[lo]) * (pos - lo);
}

const rangeInt = (rand, [lo, hi]) => rand.int(lo, hi);
const rangeNum = (rand, [lo, hi]) => lo + (hi - lo) * rand();
const logUniform = (rand, [lo, hi]) => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rand());
function poisson(rand, mean) {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rand.normal()));
  let k = 0, p = Math.exp(-mean), s = p;
  const u = rand();
  while (u > s && k < 1000) { k += 1; p *= mean / k; s += p; }
  return k;
}
const fill = (rand, t) => t.replace('{place}', rand.pick(PLACES)).replace('{thing}', rand.pick(THINGS))
  .replace('{month}', rand.pick(MONTHS)).replace('{colour}', rand.pick(COLOURS)).replace('{this}', rand.pick(THIS))
  .replace('{person}', rand.pick(PERSONS));

function praise(rand, language) {
  if (rand() < 0.4) return Array.from({ length: rand.int(1, 4) }, () => rand.pick(EMOJI)).join('');
  const p = rand.pick(PRAISE[language] || PRAISE.en);
  return rand() < 0.5 ? `${p} ${rand.pick(EMOJI)}` : p;
}

function remark(rand) {
  const opener = rand.pick(OPENERS);
  const when = rand.pick(WHEN);
  const complement = `${rand.pick(OWNERS)} ${rand.pick(ADJECTIVES)} ${rand.pick(NOUNS)}${when ? ' ' + when : ''}`;
  const body = `${rand.pick(TOPICS)} ${rand.pick(VERBS)} ${complement}`;
  const text = (opener ? `${opener} ${body}` : body[0].toUpperCase() + body.slice(1)) + rand.pick(TAILS);
  return text;
}

export function organicText(rand, language, pool) {
  const u = rand();
  if (u < 0.40) return praise(rand, language);
  if (u < 0.70) return remark(rand);
  if (u < 0.85) {
    const opener = rand.pick(OPENERS);
    const q = fill(rand, rand.pick(rand.pick(QUESTIONS)));
    return opener ? `${opener}, ${q[0].toLowerCase()}${q.slice(1)}` : q;
  }
  const friend = pool[rand.int(0, pool.length - 1)];
  return `@${friend.username} ${rand.pick(TAGS)}`;
}

// What a fake account leaves: one word of praise or an emoji.
export const botText = (rand) => (rand() < 0.6 ? praise(rand, 'en').split(' ')[0] : rand.pick(EMOJI));

function editTemplate(rand, text) {
  const r = rand();
  if (r < 0.2) return `${text} ${rand.pick(EMOJI)}`;
  if (r < 0.4) return text.replace(/[!.]+$/, '');
  if (r < 0.6) return text.toLowerCase();
  if (r < 0.8) {
    const words = text.split(' ');
    const at = words.findIndex((w) => SYNONYMS[w.toLowerCase()]);
    if (at >= 0) words[at] = SYNONYMS[words[at].toLowerCase()];
    return words.join(' ');
  }
  return `Wow, ${text[0].toLowerCase()}${text.slice(1)}`;
}

// A user object as a comment carries it (the list fields only).
function userOf(account) {
  return {
    pk: account.pk, username: account.username, full_name: account.full_name, is_private: account.is_private,
    is_verified: account.is_verified, profile_pic_url: account.profile_pic_url,
  };
}

// A fully fetched account as the engine's record (what an audit's profile fetch gives).
function record(a) {
  return {
    username: a.username, full_name: a.full_name, biography: a.biography, external_url: a.external_url,
    is_private: a.is_private, is_verified: a.is_verified, has_profile_pic: !a.profile_pic_url.includes('44884218_'),
    media_count: a.media_count, follower_count: a.follower_count, following_count: a.following_count,
  };
}

// Accounts of one population: real followers, pod members, paid commenters or bots.
function population(key, n, fakeShare, offset) {
  const profile = { username: key, fakeShare };
  return Array.from({ length: n }, (_, i) => makeFollower(profile, offset + i));
}

// Delay of a comment after posting, in seconds.
export const organicDelay = (rand) => (rand() < 0.1 ? -Math.log(1 - rand()) * 15 * 60
  : Math.exp(Math.log(2.5 * 3600) + 1.5 * rand.normal()));
export const podDelay = (rand, minutes = 4) => Math.exp(Math.log(minutes * 60) + 0.7 * rand.normal());
const networkDelay = (rand) => Math.exp(Math.log(3 * 3600) + 1.0 * rand.normal());

export function commentSection(options = {}) {
  const pattern = options.pattern ?? 'organic';
  if (!PATTERNS.includes(pattern)) throw new Error(`unknown pattern '${pattern}' (one of ${PATTERNS.join(', ')})`);
  const seed = String(options.seed ?? 'default');
  const rand = prng(`comments/${pattern}/${seed}`);
  const nPosts = options.posts ?? 6;
  const now = options.now ?? DEFAULT_NOW;
  const language = options.language ?? rand.pick(LANGUAGES);
  const kind = options.kind ?? rand.pick(Object.keys(SUGGESTED));
  const org = { commentsPerPost: logUniform(rand, options.organic?.commentsPerPost ?? [3, 60]) };
  // Comments per like as real accounts of the resulting size show them (the comment analysis's
  // own reference, from InstaFake), likes per follower from the same accounts: a few rounds
  // settle the follower count both depend on.
  const uCpl = rangeNum(rand, [0.45, 0.97]), uLpf = rangeNum(rand, [0.05, 0.95]);
  const lpf = options.organic?.likesPerFollower ?? fromQuantiles(DIST.engagement.likes_per_follower, uLpf);
  let followers = options.followers ?? 1000, cpl = 0.01;
  for (let k = 0; k < 6; k++) {
    cpl = options.organic?.commentsPerLike ?? Math.max(0.002, commentsPerLikeOfRealAccounts(followers, uCpl));
    if (options.followers === undefined) followers = Math.max(50, Math.round(org.commentsPerPost / cpl / lpf));
  }
  const likesPerPost = org.commentsPerPost / cpl;
  const pool = population(`${seed}/fans`, Math.max(30, Math.round(8 * org.commentsPerPost)), 0.05, 0);
  const affinity = pool.map(() => Math.exp(1.2 * rand.normal()));
  const totalAffinity = affinity.reduce((a, b) => a + b, 0);
  const drawFan = () => {
    let u = rand() * totalAffinity;
    for (let i = 0; i < pool.length; i++) { u -= affinity[i]; if (u <= 0) return pool[i]; }
    return pool[pool.length - 1];
  };
  const owner = options.owner ?? { pk: String(9_000_000_000 + (hashString(seed) % 1_000_000)), username: `studio.${hashString(seed) % 10000}` };

  const params = { pattern, posts: nPosts, language, kind, followers, commentsPerPost: +org.commentsPerPost.toFixed(2),
    commentsPerLike: +cpl.toFixed(4) };
  const hasPod = pattern === 'pod' || pattern === 'pod+network';
  const hasNetwork = pattern === 'network' || pattern === 'pod+network';
  let pod = null, network = null, bots = null;
  if (hasPod) {
    const size = options.pod?.size ?? rangeInt(rand, [20, 50]);
    pod = { members: population(`${seed}/pod`, size, 0, 0), participation: options.pod?.participation ?? rangeNum(rand, [0.7, 0.95]),
      delayMinutes: options.pod?.delayMinutes ?? 4 };
    params.pod = { size, participation: +pod.participation.toFixed(3), delayMinutes: pod.delayMinutes };
  }
  if (hasNetwork) {
    const size = options.network?.size ?? rangeInt(rand, [100, 300]);
    network = { members: population(`${seed}/network`, size, 0.15, 0), perPost: options.network?.perPost ?? [5, 25],
      templates: options.network?.templates ?? [4, 8], likeSubscription: options.network?.likeSubscription ?? 0,
      edited: options.network?.edited ?? 0.5, edits: options.network?.edits ?? 1 };
    params.network = { size, perPost: network.perPost, templates: network.templates,
      likeSubscription: network.likeSubscription, edited: network.edited, edits: network.edits };
  }
  if (pattern === 'bots') {
    const size = options.bots?.size ?? rangeInt(rand, [8, 20]);
    bots = population(`${seed}/bots`, size, 1, 0);
    params.bots = { size };
  }

  const allAccounts = [...pool, ...(pod?.members ?? []), ...(network?.members ?? []), ...(bots ?? [])];
  const posts = [], mechanisms = [];
  const counts = { organic: 0, pod: 0, network: 0, bot: 0, owner: 0 };
  let taken = now - Math.round(rangeNum(rand, [1.2, 4]) * 86400);
  for (let p = 0; p < nPosts; p++) {
    const mediaId = String(3_000_000_000_000_000_000n + BigInt(hashString(`${seed}/${p}`)) * 1000n + BigInt(p));
    const items = [];
    // A comment that would come after `now` has not been written yet.
    const add = (account, text, delay, mechanism) => {
      const at = taken + Math.max(5, Math.round(delay));
      if (at < now) items.push({ account, text, at, mechanism });
    };
    const nOrganic = poisson(rand, org.commentsPerPost);
    for (let i = 0; i < nOrganic; i++) add(drawFan(), organicText(rand, language, pool), organicDelay(rand), 'organic');
    if (pod) {
      for (const m of pod.members) {
        if (rand() < pod.participation) add(m, rand.pick(POD_PHRASES), podDelay(rand, pod.delayMinutes), 'pod');
      }
    }
    if (network) {
      const bank = SUGGESTED[kind];
      const suggested = Array.from({ length: rangeInt(rand, network.templates) }, () => rand.pick(bank));
      const k = Math.min(network.members.length, rangeInt(rand, network.perPost));
      const chosen = new Set();
      while (chosen.size < k) chosen.add(rand.int(0, network.members.length - 1));
      for (const i of chosen) {
        const t = rand.pick(suggested);
        let text = t;
        if (rand() < network.edited) for (let e = 0; e < network.edits; e++) text = editTemplate(rand, text);
        add(network.members[i], text, networkDelay(rand), 'network');
      }
    }
    if (bots) for (const b of bots) add(b, botText(rand), podDelay(rand) * 3, 'bot');
    // The owner thanks some commenters.
    const replies = items.filter(() => rand() < 0.2).length;
    for (let i = 0; i < replies; i++) {
      const at = taken + Math.round(organicDelay(rand)) + 600;
      if (at >= now) continue;
      items.push({ account: { pk: owner.pk, username: owner.username, full_name: 'Studio', is_private: false,
        is_verified: false, profile_pic_url: 'https://www.instagram.com/static/avatars/owner.jpg' },
      text: rand.pick(['Thank you! ❤️', 'Thanks so much 🙏', 'Glad you like it!', 'See you soon!']),
      at, mechanism: 'owner' });
    }
    items.sort((a, b) => a.at - b.at);
    const comments = items.map((it, i) => ({
      pk: String(18_000_000_000_000_000n + BigInt(hashString(`${mediaId}/${i}`)) * 100n + BigInt(i % 100)),
      text: it.text, created_at: it.at, user: userOf(it.account), comment_like_count: rand.int(0, 3),
    }));
    for (const it of items) counts[it.mechanism] += 1;
    const organicLikes = Math.max(1, Math.round(likesPerPost * Math.exp(0.3 * rand.normal())));
    posts.push({ media_id: mediaId, taken_at: taken, like_count: organicLikes + (network?.likeSubscription ?? 0),
      comment_count: comments.length, comments });
    mechanisms.push(items.map((it) => it.mechanism));
    taken -= Math.round(Math.max(0.5, fromQuantiles(DIST.engagement.days_between_posts, rangeNum(rand, [0.1, 0.8]))) * 86400);
  }
  // The audit's commenter sample: a few distinct commenters fetched in full (account records).
  const document = { posts, follower_count: followers, owner, now };
  const fullRecords = options.fullRecords ?? 0;
  if (fullRecords > 0) {
    const seen = new Map();
    for (const p of posts) for (const c of p.comments) if (c.user.pk !== owner.pk) seen.set(c.user.pk, c.user.username);
    const byName = new Map(allAccounts.map((a) => [a.username, a]));
    const names = [...seen.values()];
    const picked = [];
    while (picked.length < Math.min(fullRecords, names.length)) {
      const name = names.splice(rand.int(0, names.length - 1), 1)[0];
      const a = byName.get(name);
      if (a) picked.push(record(a));
    }
    document.commenters = picked;
    params.fullRecords = picked.length;
  }
  return {
    document,
    truth: { pattern, params, mechanisms, counts },
    accounts: allAccounts,
  };
}
