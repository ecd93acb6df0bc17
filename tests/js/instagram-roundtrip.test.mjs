// The browser's path to an account record against the trainer's. Every figure EVALUATION.md gives
// for real labelled data goes through the trainer's loaders (tools/common/labelled_sets.cpp); the
// extension reads Instagram's answers instead: the adapter (extension/shared/instagram/), then the
// engine's accountFromProfile for a profile read in full, or the list mapping for a followers or
// likers entry. Each labelled row is written as each answer Instagram gives
// (lib/instagram-render.mjs, from the raw data files: lib/labelled-accounts.mjs), sent through the
// extension's own parsing, and its record must score as the trainer's record of that row (same
// probability within 1e-9, same tier) where the set has every field the answer carries, else
// carry exactly the fields the set has, in the meaning the engine gives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine, classifyJsonl, call } from '../../tools/cli/engine.mjs';
import { classifyResponse, parseFollowersPage, parseLikersPage } from '../../extension/shared/instagram.js';
import { profileText } from '../../extension/background/analysis.js';
import { labelledRows } from './lib/shared-data.mjs';
import { labelledAccounts, ritzAccounts } from './lib/labelled-accounts.mjs';
import { webProfileInfo, usersInfo, followersPage, likersPage } from './lib/instagram-render.mjs';

// Sets whose rows have every field a profile answer carries but is_verified (left out of the
// answers, so unknown on both sides), and every field a list entry carries likewise.
const FULL_SCORED = new Set(['kaggle-complete']);
const LITE_SCORED = new Set(['srf', 'kaggle-complete', 'ritzcarlton']);

// What a record says of each field Instagram shows, as the engine reads it (account.cpp,
// account_features.cpp): text; a link or not (an empty URL is "no link", null is unknown);
// the picture from either flag. undefined: unknown.
const known = (v) => (v === null ? undefined : v);
function meaning(r) {
  const link = typeof r.external_url === 'string' ? r.external_url !== '' : known(r.has_external_url);
  const anonymous = known(r.has_anonymous_profile_picture);
  return {
    username: known(r.username), full_name: known(r.full_name), biography: known(r.biography), external_url: link,
    has_pic: known(r.has_profile_pic) ?? (anonymous === undefined ? undefined : !anonymous),
    is_private: known(r.is_private), is_verified: known(r.is_verified), media_count: known(r.media_count),
    follower_count: known(r.follower_count), following_count: known(r.following_count),
  };
}
const LITE_FIELDS = new Set(['username', 'full_name', 'has_pic', 'is_private', 'is_verified']);

// The extension's way from an HTTP answer to records: classifyResponse, then the profile mapping
// and accountFromProfile (handlers.js, analysis.js), or the followers and likers parsers.
function answer(json) {
  const body = JSON.stringify(json);
  const c = classifyResponse(200, 'application/json', body);
  assert.equal(c.kind, 'ok', `the answer was not read as data: ${JSON.stringify(c).slice(0, 200)}`);
  return { body, json: c.json };
}
function profileRecord(engine, endpoint, doc) {
  const { body, json } = answer(doc);
  const t = profileText(endpoint, body, json);
  assert.ok(t.text, `${endpoint}: ${t.detail}`);
  const record = JSON.parse(call(engine, 'accountFromProfile', t.text));
  assert.ok(!record.error, `${endpoint}: ${JSON.stringify(record.error)}`);
  return record;
}
function listRecords(parse, page) {
  const r = parse(answer(page).json);
  assert.ok(!r.error, r.error);
  assert.equal(r.skipped.length, 0, `entries skipped: ${JSON.stringify(r.skipped.slice(0, 3))}`);
  return r.accounts;
}

function score(engine, records) {
  return classifyJsonl(engine, records.map((r) => JSON.stringify(r)).join('\n') + '\n').trimEnd().split('\n').map((l) => JSON.parse(l));
}

// Every way the rows reach a record: [{path, tier, records}], one record per row.
function browserRecords(engine, rows) {
  const accounts = rows.map((x) => x.account);
  // A profile answer always has the counts: a row without them (78 of the audience, read from the
  // list only) is no profile answer, and is left out of those paths (null).
  const profile = (endpoint, render) => accounts.map((a) => (a.follower_count === undefined ? null : profileRecord(engine, endpoint, render(a))));
  const paths = [
    { path: 'web_profile_info', tier: 'full', records: profile('web_profile_info', webProfileInfo) },
    { path: 'users/<id>/info', tier: 'full', records: profile('users_info', usersInfo) },
  ];
  // Lists in pages of 50 (what Instagram answers), one record per entry, in order.
  const pages = (render, parse) => {
    const out = [];
    for (let i = 0; i < accounts.length; i += 50) out.push(...listRecords(parse, render(accounts.slice(i, i + 50))));
    return out;
  };
  paths.push({ path: 'followers entry', tier: 'lite', records: pages(followersPage, parseFollowersPage) });
  paths.push({ path: 'likers entry', tier: 'lite', records: pages(likersPage, parseLikersPage) });
  return paths;
}

// Compares every row's browser records with its trainer record; returns the disagreements.
function compare(engine, rows, trainerRecords, scoredFull, scoredLite) {
  const problems = [];
  const trainerFull = score(engine, trainerRecords);
  const trainerLite = score(engine, trainerRecords.map((r) => ({ ...r, phase: 'lite' })));
  for (const { path, tier, records } of browserRecords(engine, rows)) {
    assert.equal(records.length, rows.length, `${path}: one record per row`);
    const scores = score(engine, records.map((r) => r || {}));
    rows.forEach((x, i) => {
      if (!records[i]) return;
      const where = `${x.set} row ${x.row} via ${path}`;
      const scored = tier === 'full' ? scoredFull.has(x.set) : scoredLite.has(x.set);
      if (scored) {
        const want = (tier === 'full' ? trainerFull : trainerLite)[i];
        const got = scores[i];
        if (got.tier !== want.tier || !(Math.abs(got.fake_probability - want.fake_probability) <= 1e-9)) {
          problems.push({ where, what: `scores ${got.fake_probability} (${got.tier}), the trainer's record ${want.fake_probability} (${want.tier})` });
        }
      }
      const a = meaning(records[i]), b = meaning(trainerRecords[i]);
      for (const f of x.fields) {
        if (tier === 'lite' && !LITE_FIELDS.has(f)) continue;
        if (a[f] !== b[f]) problems.push({ where, what: `${f}: ${JSON.stringify(a[f])}, the trainer's ${JSON.stringify(b[f])}` });
      }
    });
  }
  return problems;
}

const summary = (problems) => {
  const kinds = new Map();
  for (const p of problems) {
    const k = `${p.where.replace(/ row \d+/, '')}: ${p.what.replace(/[-\d.e]+|"[^"]*"/g, '#').slice(0, 60)}`;
    if (!kinds.has(k)) kinds.set(k, { n: 0, first: p });
    kinds.get(k).n++;
  }
  return [...kinds.values()].map(({ n, first }) => `${n} x, first ${first.where}: ${first.what}`).join('\n');
};

test('every labelled row read from Instagram\'s answers makes the record the trainer scored', async () => {
  const engine = await loadEngine();
  const trainer = labelledRows();
  const rows = labelledAccounts();
  assert.equal(rows.length, trainer.length, 'the data files and build/train/oof.jsonl hold the same rows');
  rows.forEach((x, i) => assert.deepEqual([x.set, x.row], [trainer[i].set, trainer[i].row], `row ${i} out of order`));
  const problems = compare(engine, rows, trainer.map((t) => t.record), FULL_SCORED, LITE_SCORED);
  assert.equal(problems.length, 0, `${problems.length} disagreements:\n${summary(problems)}`);
});

test('the unlabelled audience\'s followers-list fields reach the record as they were read', async () => {
  const engine = await loadEngine();
  const rows = ritzAccounts();
  const problems = compare(engine, rows, rows.map((x) => x.record), new Set(), LITE_SCORED);
  assert.equal(problems.length, 0, `${problems.length} disagreements:\n${summary(problems)}`);
});
