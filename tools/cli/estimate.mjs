// `fakemeter estimate --total N|unknown [--format json|text] [--sampling newest_first|random] [FILE|-]`:
// follower account records as JSON Lines in, the audience estimate out (one engine call).
import { loadEngine, call } from './engine.mjs';
import { readInput, parseArgs, choice, UsageError } from './io.mjs';
import { t, noteText, counted } from './words.mjs';
import { unreadFields, unreadFieldsNote } from './fields.mjs';

export const help = `Usage: scripts/fakemeter estimate --total N|unknown [--format json|text]
                                [--sampling newest_first|random] [FILE|-]

Estimates the share of fake followers of an account from a sample of its followers,
with a 95% interval that covers sampling error and the classifier's own error.
Input: JSON Lines (FILE, or standard input when FILE is - or absent), one follower
account record per line (the same record as 'classify'). A record may carry
"phase": "lite" when only the followers-list fields were fetched; records with
profile-level counts are scored at the full tier too. Keys that are not account
fields are not read; stderr names them (see classify --help). A two-phase audit lists many
followers (lite) and fetches a random few of them in full.
  --total N       the account's follower count (at least the number of records), or
                  'unknown' when it could not be read: no finite-population
                  correction (the widest interval), and the report says unknown
  --format F      json (default; the engine's report) or text (for people)
  --sampling S    how the sample was drawn: newest_first (default: the followers
                  list serves newest first) or random
Exit status: 0 on success, 1 on bad input (the message names the line), 2 on usage errors.`;

const kMaxLineBytes = 1 << 20;

// Parses JSON Lines into records; a bad line throws an error naming it.
export function parseFollowers(text) {
  const followers = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (!line.trim()) continue;
    if (line.length > kMaxLineBytes) throw new InputError(`line ${i + 1}: longer than ${kMaxLineBytes} bytes`);
    let rec;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      throw new InputError(`line ${i + 1}: not valid JSON (${err.message})`);
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      throw new InputError(`line ${i + 1}: an account record must be a JSON object`);
    }
    followers.push({ line: i + 1, rec });
  }
  return followers;
}

export class InputError extends Error {}

export async function main(argv, io) {
  const { opts, positional } = parseArgs(argv, {
    help: {}, h: {}, total: { value: true }, format: { value: true }, sampling: { value: true },
  });
  if (opts.help || opts.h) { io.stdout.write(help + '\n'); return 0; }
  if (positional.length > 1) throw new UsageError('estimate takes at most one input file');
  if (opts.total === undefined) throw new UsageError('--total N is required (the account\'s follower count, or unknown)');
  const unknown = opts.total === 'unknown';
  if (!unknown && (!/^[0-9]+$/.test(opts.total) || Number(opts.total) < 1 || !Number.isSafeInteger(Number(opts.total)))) {
    throw new UsageError(`--total must be a whole number of at least 1 or 'unknown', got '${opts.total}'`);
  }
  const format = choice(opts, 'format', ['json', 'text']);
  const sampling = choice(opts, 'sampling', ['newest_first', 'random']);

  const text = await readInput(positional[0], io.stdin);
  let followers;
  try {
    followers = parseFollowers(text);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    io.stderr.write(`estimate: ${err.message}\n`);
    return 1;
  }
  if (followers.length === 0) {
    io.stderr.write('estimate: no follower records in the input\n');
    return 1;
  }
  const note = unreadFieldsNote(unreadFields(followers));
  if (note) io.stderr.write(`estimate: ${note}\n`);
  const request = { total_followers: unknown ? null : Number(opts.total), sampling, followers: followers.map((f) => f.rec) };
  const engine = await loadEngine();
  const report = JSON.parse(call(engine, 'estimateAudience', JSON.stringify(request)));
  if (report.error) {
    // The engine names followers by index; point at the input line as well.
    const msg = report.error.message.replace(/^followers\[(\d+)\]/, (m, i) => `line ${followers[Number(i)].line}`);
    io.stderr.write(`estimate: [${report.error.id}] ${msg}\n`);
    return 1;
  }
  io.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderText(report));
  return 0;
}

const pct = (v) => (v === null || v === undefined ? 'unknown' : `${v.toFixed(1)}%`);
const say = (note) => noteText(t, note);

// A plain-text rendering for people; everything in it comes from the report.
export function renderText(r) {
  const out = [];
  out.push(`Fake followers: ${pct(r.fake_percent)}  (95% interval ${pct(r.ci_low)} to ${pct(r.ci_high)})`);
  const of = r.total_followers === null ? 'an unknown number of followers' : counted(r.total_followers, 'follower', 'followers');
  out.push(`Sample: ${r.sample_size} of ${of}` +
    (r.lite_sample_size ? ` (${r.full_sample_size} fetched in full, ${r.lite_sample_size} from the followers list only)` : ''));
  out.push(`Sampling: ${say(r.sampling_note)}`);
  out.push(`Method: ${r.method}`);
  if (r.regime && r.regime.explanation) out.push(`Audience type: ${say(r.regime.explanation)}`);
  if (r.regime && r.regime.stricter_note) out.push(`Upper end: ${say(r.regime.stricter_note)}`);
  if (r.regime && r.regime.lenient_note) out.push(`Lower end: ${say(r.regime.lenient_note)}`);
  if (r.two_phase && r.two_phase.interval_full_only) {
    const f = r.two_phase.interval_full_only;
    const by = r.two_phase.narrowed_percent;
    out.push(`Full fetches alone would give ${pct(f.ci_low)} to ${pct(f.ci_high)}; ` +
      (by > 0 ? `listing followers narrowed the interval by ${by.toFixed(1)}%.` : 'listing followers did not narrow the interval.'));
  }
  out.push('', 'Audience breakdown:');
  const b = r.breakdown;
  const rows = [
    ['likely fake', b.likely_fake], ['mass followers', b.mass_followers], ['influencers/brands', b.influencers_brands],
    ['private real', b.private_real], ['public real', b.public_real],
  ];
  for (const [name, s] of rows) out.push(`  ${name.padEnd(20)} ${pct(s.share).padStart(8)}   (${s.count} sampled)`);
  out.push(`  ${say(b.notes)}`);
  const plan = r.requests_for_5pt;
  out.push('', plan.requests === null
    ? `For a +/-5-point interval: ${say(plan.note)}`
    : `For a +/-5-point interval: about ${counted(plan.requests, 'request', 'requests')}. ${say(plan.note)}`);
  for (const w of r.warnings || []) out.push(`Warning: ${w}`);
  out.push(`Model: ${r.model_version}`);
  return out.join('\n') + '\n';
}
