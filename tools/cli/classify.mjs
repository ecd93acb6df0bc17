// `fakemeter classify [FILE|-]`: account records as JSON Lines in, one JSON line out per record.
import { loadEngine, call } from './engine.mjs';
import { readInput, parseArgs } from './io.mjs';

export const help = `Usage: scripts/fakemeter classify [FILE|-]

Scores Instagram accounts: the probability that each is fake.
Input: JSON Lines (FILE, or standard input when FILE is - or absent), one account
record per line, shaped like Instagram's user objects; every field is optional:
  username, full_name, biography, external_url       (text)
  is_private, is_verified, has_profile_pic           (true/false)
  media_count, follower_count, following_count       (whole numbers)
  username_length, username_digit_count, biography_length, has_external_url
                                                     (fallbacks when text is missing)
  phase: "lite"                                      (only followers-list fields known)
Output: one line per input record, same order:
  {"fake_probability": p, "is_fake": bool, "tier": "lite"|"full", "reasons": [...]}
A bad line yields {"error": "line N: ..."} in its place and a message on stderr; the
other lines are still scored and the exit status is 1. Blank lines are skipped.
The tier is picked from the fields present (full when any profile-level count is known).`;

export async function main(argv, io) {
  const { opts, positional } = parseArgs(argv, { help: {}, h: {} });
  if (opts.help || opts.h) { io.stdout.write(help + '\n'); return 0; }
  if (positional.length > 1) { io.stderr.write('classify takes at most one input file\n'); return 2; }
  const text = await readInput(positional[0], io.stdin);
  const engine = await loadEngine();
  const out = call(engine, 'classifyJsonl', text);
  let failed = 0;
  for (const line of out.split('\n')) {
    if (!line) continue;
    if (line.startsWith('{"error"')) {
      failed++;
      io.stderr.write(`classify: ${JSON.parse(line).error}\n`);
    }
  }
  io.stdout.write(out);
  return failed ? 1 : 0;
}
