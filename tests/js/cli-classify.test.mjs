// `scripts/fakemeter classify`: one output line per record, in order; bad lines are
// reported in place, on stderr, and in the exit status; the rest are still scored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../extension/shared/rules.js';
import { inProcess, inChild } from './lib/fakemeter.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Content checks run the command line in this process; the tests about the process itself (exit status,
// streams, arguments as the shell passes them) start it: see lib/fakemeter.mjs.
const run = inProcess;
const runChild = inChild;

test('classify scores each record in order with tier and reasons', async () => {
  const input = [
    '{"username":"anna.bauer","full_name":"Anna Bauer","has_profile_pic":true,"is_private":true}',
    '{"username":"x_83920174","has_profile_pic":false,"media_count":0,"follower_count":3,"following_count":4100}',
  ].join('\n') + '\n';
  const r = await run(['classify'], input);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].tier, 'lite');
  assert.equal(lines[1].tier, 'full');
  for (const l of lines) {
    assert.ok(l.fake_probability >= 0 && l.fake_probability <= 1);
    assert.equal(typeof l.is_fake, 'boolean');
    assert.ok(Array.isArray(l.reasons));
  }
  assert.ok(lines[1].fake_probability > lines[0].fake_probability, 'the bot-like account scores higher');
});

test("Instagram's own has_anonymous_profile_picture and profile_pic_url score as has_profile_pic", async () => {
  const base = '"username":"mila_2931","full_name":"Mila","media_count":2,"follower_count":40,"following_count":900';
  const input = [
    `{${base},"has_profile_pic":false}`,
    `{${base},"profile_pic_url":"https://x/y.jpg","has_anonymous_profile_picture":true}`,
    `{${base},"has_profile_pic":true}`,
    `{${base},"has_anonymous_profile_picture":false}`,
    `{${base}}`,
    `{${base},"profile_pic_url":"https://cdn/v/t51/${RULES.default_avatar_mark}.jpg"}`,
    `{${base},"profile_pic_url":"https://cdn/v/t51/5123_n.jpg"}`,
  ].join('\n') + '\n';
  const r = await run(['classify'], input);
  assert.equal(r.status, 0, r.stderr);
  const p = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).fake_probability);
  assert.equal(p[1], p[0]);
  assert.equal(p[3], p[2]);
  assert.notEqual(p[0], p[2], 'the picture must matter for this record, or the test says nothing');
  assert.notEqual(p[4], p[0], 'unknown stays unknown');
  assert.equal(p[5], p[0], "the default picture's URL reads as no picture");
  assert.equal(p[6], p[2], 'any other URL reads as a picture of its own');
});

test('a bad line is reported in its place and the others are still scored', async () => {
  const input = '{"username":"a"}\n{"follower_count":-5}\n{oops\n{"username":"b"}\n';
  const r = await run(['classify', '-'], input);
  assert.equal(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.ok('fake_probability' in lines[0]);
  assert.match(lines[1].error, /^line 2: \[account\.range\] field 'follower_count' must be at least 0/);
  assert.match(lines[2].error, /^line 3: \[json\.parse\]/);
  assert.ok('fake_probability' in lines[3]);
  assert.match(r.stderr, /line 2: .*follower_count/);
  assert.match(r.stderr, /line 3: /);
});

test('blank lines are skipped but line numbers still count them', async () => {
  const r = await run(['classify'], '{"username":"a"}\n\n{"is_private":"no"}\n');
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.match(lines[1].error, /^line 3: /);
});

test('--help documents the command and a missing file is a clear error', async () => {
  const h = runChild(['classify', '--help'], '');
  assert.equal(h.status, 0);
  assert.match(h.stdout, /JSON Lines/);
  const m = runChild(['classify', '/no/such/file.jsonl'], '');
  assert.equal(m.status, 2);
  assert.match(m.stderr, /cannot read \/no\/such\/file\.jsonl: no such file/);
  const d = runChild(['classify', root], '');
  assert.equal(d.status, 2);
  assert.match(d.stderr, /cannot read .+: it is a directory, not a file\n$/);
  const u = runChild(['classify', '--bogus'], '');
  assert.equal(u.status, 2);
  assert.match(u.stderr, /unknown option --bogus/);
});

test('inputs past one engine batch are split and keep their order and line numbers', async () => {
  const lines = Array.from({ length: 120000 }, (_, i) => JSON.stringify({ username: `user${i}` }));
  lines[100005] = '{bad';
  const r = await run(['classify'], lines.join('\n') + '\n');
  assert.equal(r.status, 1);
  const out = r.stdout.trimEnd().split('\n');
  assert.equal(out.length, 120000);
  assert.match(JSON.parse(out[100005]).error, /^line 100006: \[json\.parse\]/);
  assert.ok('fake_probability' in JSON.parse(out[100006]));
  assert.match(r.stderr, /line 100006/);
});

test('keys that are not account fields are named once on stderr, with the field probably meant', async () => {
  const input = [
    '{"username":"lena.bakes","followers":120,"following":300,"posts":14,"label":"real"}',
    '{"username":"x_9921","follower_count":3,"following_count":4100,"media_count":0,"label":"fake"}',
    '{"username":"k","has_profile_pic":true,"is_private":false,"full_name":"K","biography":"","external_url":"",'
      + '"is_verified":false,"edge_followed_by":{"count":5},"phase":"full"}',
  ].join('\n') + '\n';
  const r = await run(['classify'], input);
  assert.equal(r.status, 0, 'unread keys are a note, not an error');
  const notes = r.stderr.split('\n').filter((l) => l.includes('not read'));
  assert.equal(notes.length, 1, r.stderr);
  const note = notes[0];
  assert.match(note, /"followers" \(in 1 record, first at line 1; did you mean 'follower_count'\?\)/);
  assert.match(note, /"following" \(in 1 record, first at line 1; did you mean 'following_count'\?\)/);
  assert.match(note, /"posts" \(in 1 record, first at line 1; did you mean 'media_count'\?\)/);
  assert.match(note, /"label" \(in 2 records, first at line 1\)/);
  for (const read of ['username', 'edge_followed_by', 'phase', 'has_profile_pic', 'biography']) {
    assert.ok(!note.includes(`"${read}"`), `${read} is read, not named`);
  }
  // In a JSON array the place is the item, not a line (the whole array may sit on one line).
  const array = await run(['classify'], '[{"username":"a","follower_count":1},\n{"username":"b","followers":3}]\n');
  assert.match(array.stderr, /"followers" \(in 1 record, first at item 2; did you mean 'follower_count'\?\)/);
  const all = '{"username":"a","follower_count":1,"has_anonymous_profile_picture":true}\n';
  assert.equal((await run(['classify'], all)).stderr, '', 'a record of read fields only gets no note');
});

test('the unread-key note adds up over parts and quotes hostile keys', async () => {
  const { unreadFields, unreadFieldsNote } = await import('../../tools/cli/fields.mjs');
  const { readRecords } = await import('../../tools/cli/records.mjs');
  const seen = unreadFields(readRecords('{"x\\u001b[2J":1}\n').records);
  unreadFields(readRecords('\n{"x\\u001b[2J":2,"username":"a"}\n').records, seen);
  const note = unreadFieldsNote(seen);
  assert.ok(!note.includes('\u001b'), 'no raw control character reaches the terminal');
  assert.match(note, /"x\\u001b\[2J" \(in 2 records, first at line 1\)/);
  assert.equal(unreadFieldsNote(new Map()), null);
  const many = new Map(Array.from({ length: 11 }, (_, i) => [`k${i}`, { where: 'line 1', records: 1 }]));
  assert.match(unreadFieldsNote(many), /"k7" .* and 3 more\./);
});

test('an array, a saved list answer and saved profile answers are read too, each bad record named by its place', async () => {
  const recs = [{ username: 'anna.b', full_name: 'Anna B' }, { username: 'x_82736450', follower_count: 2, following_count: 4100 }];
  const lines = await run(['classify'], recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
  assert.equal(lines.status, 0, lines.stderr);
  const array = await run(['classify'], JSON.stringify([...recs, 'oops', {}]));
  assert.equal(array.status, 1);
  const rows = array.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 4);
  assert.equal(rows.slice(0, 2).map((r) => JSON.stringify(r)).join('\n') + '\n', lines.stdout, 'an array scores as its lines do');
  assert.match(rows[2].error, /^item 3: \[account\.shape\] an account record must be a JSON object/);
  assert.match(rows[3].error, /^item 4: no account field in this record \(it is empty\)/);
  assert.match(array.stderr, /item 4: no account field/);

  const comments = {
    comments: [
      { pk: '1', text: 'love it', user: { pk: '11', username: 'sam.rivers', full_name: 'Sam', is_private: false } },
      { pk: '2', text: 'so nice', user: { pk: '12', username: 'joe_99182', full_name: '', has_anonymous_profile_picture: true } },
      { pk: '3', text: 'again', user: { pk: '11', username: 'sam.rivers', full_name: 'Sam', is_private: false } },
    ],
    comment_count: 3, status: 'ok',
  };
  const c = await run(['classify'], JSON.stringify(comments));
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stderr, /read a saved comments answer: 2 commenters/);
  const crow = c.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(crow.length, 2, 'each commenter once');
  assert.ok(crow.every((r) => r.tier === 'lite'));
  assert.ok(crow[1].fake_probability > crow[0].fake_probability);

  // A list entry the adapter cannot read is named in its place; the others are scored.
  const users = [{ username: 'sam.rivers', full_name: 'Sam' }, { username: null, pk: 7 }, { username: 'joe_99182' },
                 { username: 'kim.lee', is_private: 'no' }, { username: 'ana.b' }];
  const f = await run(['classify'], JSON.stringify({ users, next_max_id: 'QVFE', status: 'ok' }));
  assert.equal(f.status, 1);
  assert.match(f.stderr, /read a saved followers list: 3 followers/);
  const frow = f.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(frow.map((r) => r.error ?? r.tier),
    ['lite', 'users[1].username must be a username', 'lite', 'users[3].is_private must be a boolean', 'lite']);
  const bad = await run(['classify'], JSON.stringify({ ...comments, comments: [...comments.comments, { pk: '4', text: 5, user: {} }] }));
  assert.equal(bad.status, 1);
  assert.deepEqual(bad.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).error ?? 'ok'),
    ['ok', 'ok', 'comments[3].text must be a string']);

  const info = { user: { pk: 5, ...recs[1] }, status: 'ok' };
  const web = { data: { user: { username: 'anna.b', full_name: 'Anna B' } }, status: 'ok' };
  const w = await run(['classify'], JSON.stringify(web) + '\n' + JSON.stringify(info) + '\n');
  assert.equal(w.status, 0, w.stderr);
  assert.equal(w.stdout, lines.stdout, 'a saved profile answer scores as its user object');
  // One record or one saved answer over several lines (as a saved answer often is) is one record.
  const pretty = await run(['classify'], JSON.stringify(recs[1], null, 2) + '\n');
  assert.equal(pretty.status, 0, pretty.stderr);
  assert.equal(pretty.stdout, lines.stdout.split('\n')[1] + '\n');
  const prettyInfo = await run(['classify'], JSON.stringify(info, null, 2));
  assert.equal(prettyInfo.stdout, pretty.stdout);
  const empty = await run(['classify'], '{\n  "pk": 5\n}\n');
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /the record: no account field in this record/);
});

test('a number too large for a double (1e400) is an error naming its field, not a field silently unknown', async () => {
  const r = await run(['classify', '-'], '{"username":"a","follower_count":1}\n{"username":"c","follower_count":1e400,"following_count":5}\n');
  assert.equal(r.status, 1);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(typeof rows[0].fake_probability, 'number', 'the good record is scored');
  assert.equal(rows[1].error, "line 2: field 'follower_count' is a number too large to read (beyond about 1.8e308)");
  const one = await run(['classify', '-'], '{"username":"c","follower_count":-1e400}');
  assert.match(one.stderr, /line 1: field 'follower_count' is a number too large to read/);
  const est = await run(['estimate', '--total', '10', '-'], '[{"username":"c","follower_count":1},{"username":"d","media_count":1e999}]');
  assert.equal(est.status, 1);
  assert.match(est.stderr, /item 2: field 'media_count' is a number too large to read/);
});

// A file saved as "Unicode text" (UTF-16 with its mark) is read; text in another encoding is
// refused saying where, not read with replaced characters (a name, and its score, would change).
test('classify reads UTF-16 with a byte-order mark and refuses text that is not UTF-8, saying where', async () => {
  const record = '{"username":"café.anna","full_name":"Café Anna","follower_count":120,"following_count":300,"media_count":14}\n';
  const expected = await run(['classify'], record);
  assert.equal(expected.status, 0, expected.stderr);
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(record, 'utf16le')]);
  const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
  for (const bytes of [utf16le, Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be])]) {
    const r = await run(['classify'], bytes);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, expected.stdout, 'the same record, the same score');
  }
  const noMark = await run(['classify'], Buffer.from(record, 'utf16le'));
  assert.equal(noMark.status, 1, "bad input, not a usage error");
  assert.match(noMark.stderr, /the input looks like UTF-16 text without a byte-order mark; save it as UTF-8/);
  const latin1 = Buffer.concat([Buffer.from('{"username":"anna"}\n'), Buffer.from(record, 'latin1')]);
  const r = await run(['classify'], latin1);
  assert.equal(r.status, 1, "bad input, not a usage error");
  assert.equal(r.stdout, '', 'nothing scored from text read wrongly');
  assert.match(r.stderr, /the input is not UTF-8 text \(line 2, byte 17\); save it as UTF-8/);
});

// Reasons count in words: "username of 1 character", never "1 characters".
test('reasons name one of a thing in the singular', async () => {
  const input = Array.from({ length: 40 }, (_, i) => JSON.stringify({
    username: i % 2 ? 'a' : `b${i % 10}`, full_name: i % 3 ? 'Ann' : '', biography: i % 4 ? 'x' : '',
    media_count: 1, follower_count: 1 + (i % 2), following_count: 1, has_profile_pic: i % 2 === 0,
  })).join('\n') + '\n';
  const r = await run(['classify'], input);
  assert.equal(r.status, 0, r.stderr);
  const reasons = r.stdout.trimEnd().split('\n').flatMap((l) => JSON.parse(l).reasons);
  assert.deepEqual(reasons.filter((s) => /(^|\D)1 (characters|digits|words|posts|followers|accounts)\b/.test(s)), []);
  assert.ok(reasons.some((s) => /(^|\D)1 (character|digit|word|post|follower|account)\b/.test(s)), reasons.join('; '));
});
