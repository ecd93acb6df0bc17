// Every account of ../shared/data whose set records what Instagram shows, read straight from the
// data files (not through the trainer's loaders) as Instagram would show it: the input of
// instagram-render.mjs. Rows come in the trainer's order (its `set`/`row` in build/train/oof.jsonl):
// files in load order, an account with a username kept once per set (its first row).
// Fields a set lacks stay undefined; `fields` names those it has, in the account's terms.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from './shared-data.mjs';
// The stand-in's reader of the same files (RFC 4180 quoting, blank lines skipped).
import { readCsv } from '../../e2e/standin/csv.mjs';

const csvRows = (file) => readCsv(path.join(dataDir, file));
const jsonRows = (file) => JSON.parse(readFileSync(path.join(dataDir, file), 'utf8'));
const flag = (v) => (v === '1' || v === 'TRUE' || v === 1 ? true : v === '0' || v === 'FALSE' || v === 0 ? false : undefined);
const count = (v) => (v === '' || v === 'NA' || v === undefined || v === null ? undefined : Number(v));
// The name Instagram shows: no spaces (usernames are letters, digits, "." and "_").
const instagramName = (s) => s.trim().replace(/^@/, '');
// A link for a set that only says whether there is one.
const linkOf = (has, i) => (has === undefined ? undefined : has ? `https://example.com/account${i}` : '');

// Each set: its files, how a row reads as an account, and whether rows carry usernames (then the
// trainer keeps an account once per set).
const SETS = {
  srf: {
    files: ['srf/labelled_followers_dev.csv'], keyed: true,
    read: (r) => ({
      username: instagramName(r.Username), media_count: count(r['Number.of.posts']),
      following_count: count(r['Number.of.people.they.follow']), follower_count: count(r['Number.of.followers']),
      has_pic: flag(r.has_profile_picture), is_private: flag(r['Private.account']),
    }),
  },
  kaggle: {
    files: ['kaggle-free4ever1/train.csv'], keyed: false,
    read: (r, i) => ({
      has_pic: flag(r['profile pic']), external_url: linkOf(flag(r['external URL']), i), is_private: flag(r.private),
      media_count: count(r['#posts']), follower_count: count(r['#followers']), following_count: count(r['#follows']),
    }),
  },
  instafake: {
    files: ['instafake/fakeAccountData.json', 'instafake/realAccountData.json'], keyed: false,
    read: (r) => ({
      follower_count: count(r.userFollowerCount), following_count: count(r.userFollowingCount),
      media_count: count(r.userMediaCount), has_pic: flag(r.userHasProfilPic), is_private: flag(r.userIsPrivate),
    }),
  },
  'kaggle-complete': {
    files: ['kaggle-complete/data.csv'], keyed: true,
    read: (r) => ({
      username: instagramName(r.username), full_name: r.full_name, biography: r.biography,
      external_url: r.external_url, has_pic: !flag(r.has_anonymous_profile_picture),
      following_count: count(r.following_count), follower_count: count(r.follower_count),
      is_private: flag(r.is_private), media_count: count(r.media_count),
    }),
  },
  parma: {
    files: ['parma/OldDataSet.csv', 'parma/NewDataset.csv'], keyed: true,
    read: (r, i) => ({
      username: instagramName(r.username), has_pic: flag(r['Profile Pic']), external_url: linkOf(flag(r['External Url']), i),
      is_private: flag(r.Private), is_verified: flag(r.Verified), media_count: count(r['#Posts']),
      follower_count: count(r['#Followers']), following_count: count(r['#Following']),
    }),
  },
  macerul: {
    files: ['macerul/ig_PD.csv'], keyed: false,
    read: (r) => ({
      is_private: flag(r.is_private), media_count: count(r.num_post), follower_count: count(r.num_followers),
      following_count: count(r.num_followings),
    }),
  },
};

export const SET_NAMES = Object.keys(SETS);

// Sets without usernames get one Instagram would accept, which no check reads.
function finish(a, set, row) {
  const pk = String(10_000_000_000 + SET_NAMES.indexOf(set) * 100_000 + row);
  const fields = Object.keys(a).filter((k) => a[k] !== undefined);
  return { set, row, fields, account: { ...a, username: a.username ?? `row${pk}`, pk } };
}

// [{set, row, fields, account}] for every labelled row the trainer keeps, in its order.
export function labelledAccounts() {
  const out = [];
  for (const [set, s] of Object.entries(SETS)) {
    const seen = new Set();
    let row = 0, i = 0;
    for (const file of s.files) {
      const rows = file.endsWith('.json') ? jsonRows(file) : csvRows(file);
      for (const r of rows) {
        const a = s.read(r, i++);
        if (s.keyed) {
          const key = a.username.toLowerCase();
          if (seen.has(key)) continue;
          seen.add(key);
        }
        out.push(finish(a, set, row++));
      }
    }
  }
  return out;
}

// The unlabelled audience (its records are in the engine's own field names, Instagram's values).
export function ritzAccounts() {
  const text = readFileSync(path.join(dataDir, 'audiences', 'ritzcarlton_followers_2019.jsonl'), 'utf8');
  return text.trimEnd().split('\n').map((line, row) => {
    const r = JSON.parse(line);
    const a = {
      username: r.username, full_name: r.full_name, has_pic: r.has_profile_pic, is_verified: r.is_verified,
      is_private: r.is_private, media_count: r.media_count, follower_count: r.follower_count, following_count: r.following_count,
    };
    return { ...finish(a, 'ritzcarlton', row), record: r };
  });
}
