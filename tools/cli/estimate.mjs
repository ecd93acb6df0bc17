// `fakemeter estimate --total N|unknown [--format json|text] [--sampling newest_first|random] [FILE|-]`:
// follower account records as JSON Lines in, the audience estimate out (one engine call).
import { loadEngine, call } from './engine.mjs';
import { readInput, parseArgs, choice, UsageError } from './io.mjs';
import { t, noteText, counted } from './words.mjs';
import { rangeEndNotes } from '../../extension/shared/range-end-notes.js';
import { readSample, sampleNotes, sampleErrorText, InputError } from './records.mjs';

export const help = `Usage: scripts/fakemeter estimate --total N|unknown [--format json|text]
                                [--sampling newest_first|random] [FILE|-]

Estimates the share of fake followers of an account from a sample of its followers,
with a 95% range that covers sampling error and the classifier's own error.
Input (FILE, or standard input when FILE is - or absent), the same as 'classify' reads:
JSON Lines of account records, a JSON array of them, or a saved followers, likers or
comments answer of Instagram (its listed fields only; a short followers list's flag is
kept and the report says so). A record may carry "phase": "lite" when only the
followers-list fields were fetched; records with profile-level counts are scored at the
full tier too. Keys that are not account fields are not read; stderr names them (see
classify --help). A two-phase audit lists many followers (lite) and fetches a random few
of them in full (a pick by follower count or by looks biases the estimate: stderr says
so where the two groups' lite scores sit 2 standard errors apart or more).
  --total N       the account's follower count (at least the number of records), or
                  'unknown' when it could not be read: no finite-population
                  correction (the widest range), and the report says unknown;
                  for a saved likers or comments answer it defaults to the answer's
                  user_count or comment_count
  --format F      json (default; the engine's report) or text (for people)
  --sampling S    how the sample was drawn: newest_first (default: the followers
                  list serves newest first) or random
  --source S      whose accounts these are: followers (default), likers or commenters
                  of recent posts (default for a saved likers or comments answer);
                  --total is then the population they were drawn from (the posts'
                  summed like or comment counts)
Exit status: 0 on success, 1 on bad input (the message names the line), 2 on usage errors.`;

export async function main(argv, io) {
  const { opts, positional } = parseArgs(argv, {
    help: {}, h: {}, total: { value: true }, format: { value: true }, sampling: { value: true },
    source: { value: true },
  });
  if (opts.help || opts.h) { io.stdout.write(help + '\n'); return 0; }
  if (positional.length > 1) throw new UsageError('estimate takes at most one input file');
  const unknown = opts.total === 'unknown';
  if (opts.total !== undefined && !unknown &&
      (!/^[0-9]+$/.test(opts.total) || Number(opts.total) < 1 || !Number.isSafeInteger(Number(opts.total)))) {
    throw new UsageError(`--total must be a whole number of at least 1 or 'unknown', got '${opts.total}'`);
  }
  const format = choice(opts, 'format', ['json', 'text']);
  const sampling = choice(opts, 'sampling', ['newest_first', 'random']);

  const text = await readInput(positional[0], io.stdin);
  let input;
  try {
    input = readSample(text);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    io.stderr.write(`estimate: ${err.message}\n`);
    return 1;
  }
  const followers = input.records;
  const listed = ['likers', 'commenters'].includes(input.shape) ? input.shape : 'followers';
  const source = choice(opts, 'source', [listed, ...['followers', 'likers', 'commenters'].filter((s) => s !== listed)]);
  // A likers or comments answer says its own population; anything else needs --total (so does
  // such an answer read as another source: its count is not theirs).
  let total = unknown ? null : opts.total === undefined ? undefined : Number(opts.total);
  if (total === undefined && source === listed && input.population !== null && input.population !== undefined &&
      input.population >= followers.length) {
    total = input.population;
    io.stderr.write(`estimate: population ${total}, the answer's ${input.shape === 'likers' ? 'user_count' : 'comment_count'} (--total overrides it)\n`);
  }
  if (total === undefined) {
    throw new UsageError(source === 'followers' ? '--total N is required (the account\'s follower count, or unknown)'
      : `--total N is required (how many ${source} the sample was drawn from, or unknown)`);
  }
  for (const note of sampleNotes(input)) io.stderr.write(`estimate: ${note}\n`);
  const request = {
    total_followers: total, sampling, source,
    list_limited: source === 'followers' && input.limited === true, followers: followers.map((f) => f.rec),
  };
  const engine = await loadEngine();
  const report = JSON.parse(call(engine, 'estimateAudience', JSON.stringify(request)));
  if (report.error) {
    io.stderr.write(`estimate: ${sampleErrorText(report.error, followers)}\n`);
    return 1;
  }
  const pick = pickNote(report);
  if (pick) io.stderr.write(`estimate: ${pick}\n`);
  io.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderText(report));
  return 0;
}

// A two-phase estimate assumes the accounts fetched in full are a random pick of the list. The
// engine warns where the two groups' lite scores sit over 3 standard errors apart, but fetching the
// accounts with the most followers sat 2.8 apart at the median on a real audience (over 3 in 43% of
// draws, 2 or more in 76%: tools/research/pick_by_follower_count.mjs): who picked the sample is
// told from 2, which a random pick reached in 7% of those draws.
export const PICK_GAP_SAID = 2;
export function pickNote(report) {
  const gap = report.two_phase && report.two_phase.pick_gap;
  if (!(gap >= PICK_GAP_SAID)) return null;
  return `the ${report.full_sample_size} accounts fetched in full differ from the ${report.lite_sample_size} ` +
    `listed only by ${gap} standard errors at the lite tier (a random pick of the list reaches ${PICK_GAP_SAID} ` +
    'in about 7% of draws on a real audience): the estimate assumes a random pick and is biased if they were ' +
    'chosen otherwise, as the accounts with the most followers (2.8 apart at the median there)';
}

const pct = (v) => (v === null || v === undefined ? 'unknown' : `${v.toFixed(1)}%`);
const say = (note) => noteText(t, note);

// A plain-text rendering for people; everything in it comes from the report.
export function renderText(r) {
  const out = [];
  // Whose accounts: followers, or the likers or commenters of recent posts (--source).
  const [one, many] = { likers: ['liker', 'likers'], commenters: ['commenter', 'commenters'] }[r.source] || ['follower', 'followers'];
  out.push(`Fake ${many}: ${pct(r.fake_percent)}  (95% range ${pct(r.ci_low)} to ${pct(r.ci_high)})`);
  const of = r.total_followers === null ? `an unknown number of ${many}` : counted(r.total_followers, one, many);
  out.push(`Sample: ${r.sample_size} of ${of}` +
    (r.lite_sample_size ? ` (${r.full_sample_size} fetched in full, ${r.lite_sample_size} from the ${many} list only)` : ''));
  out.push(`Sampling: ${say(r.sampling_note)}`);
  out.push(`Method: ${r.method}`);
  if (r.regime && r.regime.explanation) out.push(`Audience type: ${say(r.regime.explanation)}`);
  // Each names the end shown, or says it is the list's own reading's (as the panel words them).
  for (const { part, text } of rangeEndNotes(t, r)) out.push(`${part === 'stricter' ? 'Upper' : 'Lower'} end: ${text}`);
  if (r.two_phase && r.two_phase.interval_full_only) {
    // Widths in points, before and after: a relative "narrowed by 17.9%" read as points, and a
    // list that widened the interval (the two-phase estimate carries its own doubt) said "did not
    // narrow" of it.
    const f = r.two_phase.interval_full_only;
    const [before, after] = [f.ci_high - f.ci_low, r.ci_high - r.ci_low].map((w) => Math.round(w * 10) / 10);
    const change = after < before ? `narrowed the range from ${before} to ${after} points wide`
      : after > before ? `widened the range from ${before} to ${after} points wide` : 'left the range as wide';
    out.push(`Full fetches alone would give ${pct(f.ci_low)} to ${pct(f.ci_high)}; listing the other ${many} ${change}.`);
  }
  out.push('', 'Audience breakdown:');
  const b = r.breakdown;
  const rows = [
    ['likely fake', b.likely_fake], ['mass followers', b.mass_followers], ['influencers/brands', b.influencers_brands],
    ['private real', b.private_real], ['public real', b.public_real],
  ];
  // Each share's 95% interval where the report has one (reports before it had none).
  const range = (s) => (typeof s.ci_low === 'number' && typeof s.ci_high === 'number' ? `(${pct(s.ci_low)} to ${pct(s.ci_high)})` : '');
  for (const [name, s] of rows) out.push(`  ${name.padEnd(20)} ${pct(s.share).padStart(8)}  ${range(s).padEnd(18)}  (${s.count} sampled)`);
  out.push(`  ${say(b.notes)}`);
  // The plan counts pages of the followers list: for likers or commenters it would plan pages
  // their lists do not have.
  const plan = r.requests_for_5pt;
  if (many === 'followers') {
    out.push('', plan.requests === null
      ? `For a +/-5-point range: ${say(plan.note)}`
      : `For a +/-5-point range: about ${counted(plan.requests, 'request', 'requests')}. ${say(plan.note)}`);
  }
  for (const w of r.warnings || []) out.push(`Warning: ${w}`);
  out.push(`Model: ${r.model_version}`);
  return out.join('\n') + '\n';
}
