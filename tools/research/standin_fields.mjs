#!/usr/bin/env node
// The stand-in's real and fake accounts against the labelled data they are fitted to, on the
// field statistics the engine leans on: the share following 7x as many as follow them
// (log1p(following) - log1p(followers) > 2), an empty biography among accounts under 100
// followers, and the display name's similarity to the username (the engine's
// full_name_username_similarity; kaggle-complete is the one set with both texts). The data side
// pools InstaFake, SRF and Kaggle (the sets the stand-in is fitted to) with each set weighted
// equally, as the stand-in draws them. Research aid, not part of the tests. Usage:
//   node tools/research/standin_fields.mjs [--accounts 6000]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFollower } from '../../tests/e2e/standin/followers.mjs';
import { nameSimilarity as similarity } from '../../tests/e2e/standin/name-similarity.mjs';
import { readCsv } from '../../tests/e2e/standin/csv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = path.resolve(root, '..', 'shared', 'data');
const i = process.argv.indexOf('--accounts');
const n = i > 0 ? Number(process.argv[i + 1]) : 6000;

const csv = (file) => readCsv(path.join(data, file));
const sets = { instafake: [], srf: [], kaggle: [] };
for (const [file, fake] of [['fakeAccountData.json', true], ['realAccountData.json', false]])
  for (const r of JSON.parse(fs.readFileSync(path.join(data, 'instafake', file), 'utf8')))
    sets.instafake.push({ fake, following: r.userFollowingCount, followers: r.userFollowerCount, bioEmpty: r.userBiographyLength === 0 });
for (const r of csv('srf/labelled_followers_dev.csv'))
  sets.srf.push({ fake: r.rating === 'TRUE', following: +r['Number.of.people.they.follow'], followers: +r['Number.of.followers'] });
for (const r of csv('kaggle-free4ever1/train.csv'))
  sets.kaggle.push({ fake: r.fake === '1', following: +r['#follows'], followers: +r['#followers'], bioEmpty: +r['description length'] === 0 });
const complete = csv('kaggle-complete/data.csv');

const pct = (v) => `${(100 * v).toFixed(1)}%`;
const share = (rows, f) => (rows.length ? rows.filter(f).length / rows.length : NaN);
const highRatio = (r) => Math.log1p(r.following) - Math.log1p(r.followers) > 2;
// Equal weight per set: the mean of the sets' shares.
const bySets = (fake, f, pick = () => true) => {
  const v = Object.values(sets).map((rows) => share(rows.filter((r) => r.fake === fake && pick(r)), f)).filter(Number.isFinite);
  return v.reduce((a, b) => a + b, 0) / v.length;
};
const median = (v) => v.sort((a, b) => a - b)[v.length >> 1];

console.log(`stand-in: ${n} accounts per class (node tools/research/standin_fields.mjs)\n`);
console.log('| class | source | follow 7x as many as follow them | empty biography, < 100 followers | name-username similarity, median |');
console.log('|---|---|---:|---:|---:|');
for (const fake of [false, true]) {
  const drawn = Array.from({ length: n }, (_, k) => makeFollower({ username: `fields.${fake}`, fakeShare: fake ? 1 : 0 }, k))
    .map((f) => ({ following: f.following_count, followers: f.follower_count, bioEmpty: f.biography === '', fullName: f.full_name, username: f.username }));
  const named = drawn.filter((r) => r.fullName && r.fullName !== r.username);
  const cls = fake ? 'fake' : 'real';
  console.log(`| ${cls} | labelled data (InstaFake, SRF, Kaggle; each set weighted equally) | ${pct(bySets(fake, highRatio))} | ` +
    `${pct(bySets(fake, (r) => r.bioEmpty, (r) => r.bioEmpty !== undefined && r.followers < 100))} | ` +
    `${median(complete.filter((r) => (r.fake === '1') === fake && r.full_name.trim()).map((r) => similarity(r.full_name, r.username))).toFixed(2)} (kaggle-complete) |`);
  console.log(`| ${cls} | stand-in | ${pct(share(drawn, highRatio))} | ${pct(share(drawn.filter((r) => r.followers < 100), (r) => r.bioEmpty))} | ` +
    `${median(named.map((r) => similarity(r.fullName, r.username))).toFixed(2)} |`);
}
