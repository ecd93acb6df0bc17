// `fakemeter classify [FILE|-]`: account records as JSON Lines in, one JSON line out per record.
import { loadEngine, classifyJsonl } from './engine.mjs';
import { readInput, parseArgs } from './io.mjs';
import { unreadFields, unreadFieldsNote, isEmptyRecord, emptyRecordError } from './fields.mjs';
import { readRecords, shapeNote, InputError } from './records.mjs';

export const help = `Usage: scripts/fakemeter classify [FILE|-]

Scores Instagram accounts: the probability that each is fake.
Input (FILE, or standard input when FILE is - or absent): JSON Lines, one account
record per line, a JSON array of records, or one record over several lines; also a saved followers or likers answer
of Instagram ({"users": [...]}) or comments answer ({"comments": [...]}), read as the
audit reads it (listed fields only), and, per line, a saved users/<id>/info or
web_profile_info answer (its user object). Records are shaped like Instagram's user
objects; every field is optional, but a record with none of them is an error:
  username, full_name, biography, external_url       (text)
  is_private, is_verified, has_profile_pic           (true/false)
  has_anonymous_profile_picture                      (true/false: Instagram's own name,
                                                     the inverse of has_profile_pic)
  profile_pic_url                                    (when neither flag is given: its
                                                     default picture reads as none)
  media_count, follower_count, following_count       (whole numbers; a GraphQL user
                                                     object's edge_owner_to_timeline_media,
                                                     edge_followed_by, edge_follow counts too)
  username_length, username_digit_count, biography_length, has_external_url
                                                     (fallbacks when text is missing)
  phase: "lite"                                      (only followers-list fields known)
Output: one line per input record, same order:
  {"fake_probability": p, "is_fake": bool, "tier": "lite"|"full", "reasons": [...]}
p is calibrated on the labelled sets' out-of-fold scores, pooled (not on any one audience's
share of fakes). is_fake is p above the operating threshold (about 0.94), chosen so that at
most 3% of real followers are flagged: an account can score 0.8 and not be flagged. The
reasons explain is_fake: the features that moved the score most toward that verdict, then
the strongest the other way.
A bad record yields {"error": "line N: ..."} (in an array "item N", in a list answer
"users[N]", a comment "comments[N]") in its place and a message on stderr; the others are
still scored and the exit status is 1. Blank lines are skipped.
Keys other than the fields above are not read; stderr names them once (with the
field probably meant, e.g. "followers" -> follower_count), and the status stays 0.
The tier is picked from the fields present (full when any profile-level count is known).`;

export async function main(argv, io) {
  const { opts, positional } = parseArgs(argv, { help: {}, h: {} });
  if (opts.help || opts.h) { io.stdout.write(help + '\n'); return 0; }
  if (positional.length > 1) { io.stderr.write('classify takes at most one input file\n'); return 2; }
  const text = await readInput(positional[0], io.stdin);
  let input;
  try {
    input = readRecords(text, { tolerant: true });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    io.stderr.write(`classify: ${err.message}\n`);
    return 1;
  }
  const shape = shapeNote(input);
  if (shape) io.stderr.write(`classify: ${shape}\n`);
  const engine = await loadEngine();
  let failed = 0;
  const fail = (msg) => {
    failed++;
    io.stderr.write(`classify: ${msg}\n`);
    return JSON.stringify({ error: msg });
  };
  // A record with no account field, or a list entry that could not be read, is reported in its
  // place, never sent (decided once per record).
  for (const r of input.records) r.empty = Boolean(r.rec) && isEmptyRecord(r.rec);
  const unread = unreadFields(input.records.filter((r) => r.rec && !r.instagram && !r.empty));
  for (const batch of batches(input.records)) {
    const sent = batch.filter((r) => !r.empty && !r.error);
    const rows = sent.length ? classifyJsonl(engine, sent.map((r) => r.text).join('\n') + '\n')
      .split('\n').filter(Boolean) : [];
    const answer = new Map(sent.map((r, k) => [r, rows[k]]));
    for (const r of batch) {
      let row = answer.get(r);
      if (r.error) row = fail(r.error);  // the adapter's message names the entry
      else if (row === undefined) row = fail(emptyRecordError(r.rec, r.where));
      else if (row.startsWith('{"error"')) {
        // Per-record errors are strings ("line K: ..."), K counting within the batch sent.
        const { error } = JSON.parse(row);
        row = fail(typeof error === 'string' ? error.replace(/^line \d+/, r.where) : `${r.where}: [${error.id}] ${error.message}`);
      }
      io.stdout.write(row + '\n');
    }
  }
  const note = unreadFieldsNote(unread);
  if (note) io.stderr.write(`classify: ${note}\n`);
  return failed ? 1 : 0;
}

// Splits the records into batches the engine takes (at most 50,000 records and 16 MiB of text
// each), so any input size is scored without nearing the engine's limits.
function* batches(records, maxRecords = 50000, maxBytes = 16 * 1024 * 1024) {
  let batch = [], bytes = 0;
  for (const r of records) {
    r.text = r.error ? '' : r.raw ?? JSON.stringify(r.rec);
    const size = Buffer.byteLength(r.text) + 1;
    if (batch.length && (batch.length >= maxRecords || bytes + size > maxBytes)) {
      yield batch;
      batch = [], bytes = 0;
    }
    batch.push(r);
    bytes += size;
  }
  if (batch.length) yield batch;
}
