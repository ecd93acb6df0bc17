// `fakemeter profile FILE [--followers SAMPLE.jsonl] [--total N] [--format json|text]`:
// a web_profile_info document in, the profile report out: the instant estimate from the
// profile alone, or, with a follower sample, that estimate combined with the audience estimate.
import { loadEngine, call } from './engine.mjs';
import { readInput, parseArgs, choice, clean, UsageError } from './io.mjs';
import { readSample, sampleNotes, sampleErrorText, InputError } from './records.mjs';
import { parseJson, profileDocFromUserInfo } from '../../extension/shared/instagram.js';
import { t, word, reasonText, noteText, counted } from './words.mjs';

export const help = `Usage: scripts/fakemeter profile FILE|- [--followers SAMPLE.jsonl] [--total N]
                               [--sampling newest_first|random] [--format json|text]

Analyses an Instagram profile from its web_profile_info JSON (what
/api/v1/users/web_profile_info/?username=NAME answers; or the fallback's, what
/api/v1/users/<id>/info/ answers, which has no posts): engagement against real
accounts of the same size, bought likes, mass following, an audience without history.
Prints one report: the badge the extension would show, an instant fake-follower estimate
with a 95% range, reasons (message ids with their numbers; --format text words them in
English from _locales/en), the raw signals and the recent posts.
  --followers F   a follower sample (account records or a saved followers answer, as
                  for 'estimate');
                  its audience estimate is combined with the instant one (the sample
                  dominates as it grows) and the confidence becomes "audited"
  --total N       the follower count the sample was drawn from (default: the profile's)
  --sampling S    how the sample was drawn: newest_first (default) or random
  --format F      json (default; the engine's report) or text (for people)
Exit status: 0 on success, 1 on a bad document or sample (the message says what and
where), 2 on usage errors.`;

export async function main(argv, io) {
  const { opts, positional } = parseArgs(argv, {
    help: {}, h: {}, followers: { value: true }, total: { value: true }, format: { value: true },
    sampling: { value: true },
  });
  if (opts.help || opts.h) { io.stdout.write(help + '\n'); return 0; }
  if (positional.length !== 1) throw new UsageError('profile takes one web_profile_info file (or - for standard input)');
  const format = choice(opts, 'format', ['json', 'text']);
  const sampling = choice(opts, 'sampling', ['newest_first', 'random']);
  if (opts.total !== undefined && opts.followers === undefined) throw new UsageError('--total only applies with --followers');
  if (opts.total !== undefined &&
      (!/^[0-9]+$/.test(opts.total) || Number(opts.total) < 1 || !Number.isSafeInteger(Number(opts.total)))) {
    throw new UsageError(`--total must be a whole number of at least 1, got '${opts.total}'`);
  }

  let profileText = await readInput(positional[0], io.stdin);
  // The fallback's answer ({"user": {flat fields}}) is mapped by the adapter, as the extension does.
  const doc = parseJson(profileText);
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && !('data' in doc) && 'user' in doc) {
    const mapped = profileDocFromUserInfo(doc);
    if (mapped.error) {
      io.stderr.write(`profile: ${mapped.error}\n`);
      return 1;
    }
    profileText = mapped.text;
  }
  const engine = await loadEngine();
  let report = JSON.parse(call(engine, 'analyzeProfile', profileText, '{}'));
  if (report.error) {
    io.stderr.write(`profile: [${report.error.id}] ${report.error.message}\n`);
    return 1;
  }

  if (opts.followers !== undefined) {
    const sampleText = await readInput(opts.followers, io.stdin);
    let input;
    try {
      input = readSample(sampleText);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      io.stderr.write(`profile: ${opts.followers}: ${err.message}\n`);
      return 1;
    }
    // The audit combined with the profile is of its followers: likers or commenters would be read
    // as followers without a word.
    if (input.shape === 'likers' || input.shape === 'commenters') {
      io.stderr.write(`profile: ${opts.followers}: a saved ${input.shape === 'likers' ? 'likers' : 'comments'} answer, not followers; ` +
        `estimate its ${input.shape} with: scripts/fakemeter estimate ${opts.followers}\n`);
      return 1;
    }
    // What estimate says of a sample, said here too: the list it is, fields not read, accounts merged.
    for (const note of sampleNotes(input)) io.stderr.write(`profile: ${opts.followers}: ${note}\n`);
    const followers = input.records;
    const limited = input.limited === true;
    const total = opts.total !== undefined ? Number(opts.total) : report.follower_count;
    if (!Number.isSafeInteger(total) || total < 1) {
      io.stderr.write('profile: the profile has no follower count; pass --total N\n');
      return 1;
    }
    const request = { total_followers: total, sampling, list_limited: limited, followers: followers.map((f) => f.rec) };
    const audience = JSON.parse(call(engine, 'estimateAudience', JSON.stringify(request)));
    if (audience.error) {
      io.stderr.write(`profile: audience estimate failed: ${sampleErrorText(audience.error, followers, opts.followers)}\n`);
      return 1;
    }
    report = JSON.parse(call(engine, 'analyzeProfile', profileText, JSON.stringify({ audience })));
    if (report.error) {
      io.stderr.write(`profile: [${report.error.id}] ${report.error.message}\n`);
      return 1;
    }
  }
  io.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderText(report));
  return 0;
}

const num = (v) => (v === null || v === undefined ? 'unknown' : Number(v).toLocaleString('en-US'));
const pct = (v) => (v === null || v === undefined ? 'unknown' : `${v.toFixed(1)}%`);

function sparkline(posts) {
  const likes = posts.map((p) => p.likes);
  const seen = likes.filter((l) => l !== null);
  if (seen.length === 0) return null;
  const lo = Math.min(...seen), hi = Math.max(...seen);
  const bars = '▁▂▃▄▅▆▇█';
  // Oldest to newest, left to right, as a chart reads.
  return likes.slice().reverse().map((l) => (l === null ? '·'
    : bars[hi === lo ? 3 : Math.round(((l - lo) / (hi - lo)) * (bars.length - 1))])).join('') +
    `  (${num(lo)} to ${num(hi)} likes)`;
}

// A plain-text rendering for people; everything in it comes from the report.
export function renderText(r) {
  const out = [];
  const name = clean(r.full_name) ? ` (${clean(r.full_name)})` : '';
  const flags = [r.is_verified && 'verified', r.is_business && 'business', r.is_private && 'private'].filter(Boolean);
  // A profile Instagram returned no user for has no name to head the text.
  const who = clean(r.username) ? `@${clean(r.username)}` : '(no user in the document)';
  out.push(`${who}${name}${flags.length ? ' [' + flags.join(', ') + ']' : ''}`);
  out.push(`${counted(r.follower_count, 'follower', 'followers', num(r.follower_count))}, ${num(r.following_count)} following, ` +
    counted(r.media_count, 'post', 'posts', num(r.media_count)));
  out.push('');
  const badge = r.badge;
  out.push(`Badge: ${[word(t, badge.label), ...badge.notes.map((n) => word(t, n))].join(' · ')}  [${badge.state}, ${badge.tone}]`);
  if (r.status === 'ok') {
    // The profile alone measures followers who never engage (fake or inactive); with an audit,
    // the number is of fake accounts, about the sample's population, which is said with it.
    const audited = r.confidence === 'audited';
    out.push(`${audited ? 'Fake followers' : 'Fake or inactive followers'}: ${pct(r.fake_percent)}  ` +
      `(95% range ${pct(r.ci_low)} to ${pct(r.ci_high)}, ${r.confidence})`);
    const about = audited && r.audience ? noteText(t, r.audience.sampling_note) : '';
    if (about) out.push(`Sample: ${clean(about)}`);
  } else {
    out.push(`Fake or inactive followers: not enough data${r.states.length ? ' (' + r.states.join(', ') + ')' : ''}`);
  }
  out.push(`Grade: ${r.grade} - ${t(`grade_${r.grade}`)}`);
  const combined = noteText(t, r.combined_notes);
  if (combined) out.push(clean(combined));
  if (r.reasons.length) {
    out.push('', 'Why:');
    for (const x of r.reasons) out.push(`  [${x.severity}] ${clean(reasonText(t, x))}`);
  }
  // Pinned posts are no recent posts: the engine leaves them out of its figures, so does the line.
  const line = sparkline((r.posts || []).filter((p) => p.pinned !== true));
  if (line) out.push('', `Likes per post, oldest to newest: ${line}`);
  out.push('', `Engine: ${clean(r.engine)}`);
  return out.join('\n') + '\n';
}
