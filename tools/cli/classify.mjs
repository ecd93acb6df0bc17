// `fakemeter classify [FILE|-]`: account records as JSON Lines in, one JSON line out per record.
import { loadEngine, classifyJsonl } from './engine.mjs';
import { readInput, parseArgs } from './io.mjs';
import { recordsOf, unreadFields, unreadFieldsNote } from './fields.mjs';

export const help = `Usage: scripts/fakemeter classify [FILE|-]

Scores Instagram accounts: the probability that each is fake.
Input: JSON Lines (FILE, or standard input when FILE is - or absent), one account
record per line, shaped like Instagram's user objects; every field is optional:
  username, full_name, biography, external_url       (text)
  is_private, is_verified, has_profile_pic           (true/false)
  has_anonymous_profile_picture                      (true/false: Instagram's own name,
                                                     the inverse of has_profile_pic)
  media_count, follower_count, following_count       (whole numbers; a GraphQL user
                                                     object's edge_owner_to_timeline_media,
                                                     edge_followed_by, edge_follow counts too)
  username_length, username_digit_count, biography_length, has_external_url
                                                     (fallbacks when text is missing)
  phase: "lite"                                      (only followers-list fields known)
Output: one line per input record, same order:
  {"fake_probability": p, "is_fake": bool, "tier": "lite"|"full", "reasons": [...]}
A bad line yields {"error": "line N: ..."} in its place and a message on stderr; the
other lines are still scored and the exit status is 1. Blank lines are skipped.
Keys other than the fields above are not read; stderr names them once (with the
field probably meant, e.g. "followers" -> follower_count), and the status stays 0.
The tier is picked from the fields present (full when any profile-level count is known).`;

export async function main(argv, io) {
  const { opts, positional } = parseArgs(argv, { help: {}, h: {} });
  if (opts.help || opts.h) { io.stdout.write(help + '\n'); return 0; }
  if (positional.length > 1) { io.stderr.write('classify takes at most one input file\n'); return 2; }
  const text = await readInput(positional[0], io.stdin);
  const engine = await loadEngine();
  let failed = 0;
  const unread = new Map();
  for (const { chunk, firstLine } of batches(text)) {
    unreadFields(recordsOf(chunk, firstLine), unread);
    const rows = classifyJsonl(engine, chunk).split('\n').filter(Boolean);
    for (let row of rows) {
      if (row.startsWith('{"error"')) {
        failed++;
        const { error } = JSON.parse(row);
        // Per-line errors are strings ("line N: ..."), numbered within their batch.
        const msg = typeof error === 'string'
          ? error.replace(/^line (\d+)/, (_, n) => `line ${Number(n) + firstLine - 1}`)
          : `[${error.id}] ${error.message}`;
        io.stderr.write(`classify: ${msg}\n`);
        row = JSON.stringify({ error: msg });
      }
      io.stdout.write(row + '\n');
    }
  }
  const note = unreadFieldsNote(unread);
  if (note) io.stderr.write(`classify: ${note}\n`);
  return failed ? 1 : 0;
}

// Splits the input into batches the engine takes (at most 50,000 lines and 16 MiB each),
// at line boundaries, so any input size is scored without nearing the engine's limits.
function* batches(text, maxLines = 50000, maxBytes = 16 * 1024 * 1024) {
  let start = 0, firstLine = 1;
  while (start < text.length) {
    let end = start, lines = 0, bytes = 0;
    while (end < text.length && lines < maxLines && bytes < maxBytes) {
      const nl = text.indexOf('\n', end);
      const stop = nl === -1 ? text.length : nl + 1;
      bytes += Buffer.byteLength(text.slice(end, stop));
      end = stop;
      lines++;
    }
    yield { chunk: text.slice(start, end), firstLine };
    firstLine += lines;
    start = end;
  }
}
