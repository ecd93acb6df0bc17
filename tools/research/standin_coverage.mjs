#!/usr/bin/env node
// How the default audit (200 followers listed, 30 of them fetched in full) does on audiences
// unlike any one labelled set: the stand-in's followers, drawn from distributions fitted to all
// labelled data (tests/e2e/standin), at known fake shares. Each repetition is a fresh profile
// (its own followers) audited by the extension's own audit state machine (extension/shared/
// audit.js: pages, a seeded random subsample, the estimate request), with answers shaped like
// Instagram's and read by the extension's adapter (parseFollowersPage) and the engine's
// (accountFromProfile), then the wasm engine's estimateAudience. No browser, no pacing.
// Research aid, not part of the tests. Usage:
//   node tools/research/standin_coverage.mjs [--reps 60] [--total 5000]
//   FM_ENGINE_DIR=<another build/wasm/web> node tools/research/standin_coverage.mjs   (compare builds)
import { makeFollower, listEntry, followerProfileInfo } from '../../tests/e2e/standin/followers.mjs';
import { parseFollowersPage, FOLLOWERS_PAGE_SIZE } from '../../extension/shared/instagram.js';
import { newAudit, estimateRequest } from '../../extension/shared/audit.js';
import { driveAudit, profileOutcome } from '../eval-audit/audit.mjs';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { hashString } from '../../tests/e2e/standin/prng.mjs';
import { loadEngine } from '../cli/engine.mjs';
import { numberArg } from '../common/args.mjs';

const reps = numberArg('--reps', 60), total = numberArg('--total', 5000);
const LISTED = 200, FETCHED = 30, SHARES = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7];

const engine = await loadEngine();
const call = (fn, text) => JSON.parse(engine[fn](text));
console.log(`engine ${engine.version()}, ${reps} audiences per share, ${LISTED} listed + ${FETCHED} fetched, ` +
  `audience of ${total}`);
console.log('| true % | MAE | bias | coverage | mean width | lite model weight |');
console.log('|---:|---:|---:|---:|---:|---:|');
const all = { mae: 0, cells: 0 };
for (const share of SHARES) {
  let absErr = 0, err = 0, covered = 0, width = 0, trust = 0;
  for (let rep = 0; rep < reps; rep++) {
    const profile = { username: `coverage.${Math.round(share * 100)}.${rep}`, fakeShare: share };
    // The followers alone (no recent posts), as the audit was before it read likers and commenters.
    let state = newAudit({ username: profile.username, userId: '1', isPrivate: false, followerCount: total, posts: [],
      settings: { ...DEFAULT_SETTINGS, auditListSize: LISTED, auditFullSize: FETCHED, auditBudget: 500 }, now: 0,
      seed: hashString(profile.username) });
    const listed = new Map();  // username -> follower, for the profile fetches
    state = driveAudit(state, (request, now) => {
      if (request.kind !== 'page') return profileOutcome(call, followerProfileInfo(listed.get(request.target)), request.target);
      const offset = now.followers.lite.length, users = [];
      for (let i = offset; i < offset + FOLLOWERS_PAGE_SIZE; i++) {
        const f = makeFollower(profile, i);
        listed.set(f.username, f);
        users.push(listEntry(f));
      }
      return { kind: 'page', ...parseFollowersPage({ users, next_max_id: String(offset + users.length) }) };
    });
    const r = call('estimateAudience', JSON.stringify(estimateRequest(state, 'followers')));
    if (r.error) throw new Error(r.error.message);
    const truth = share * 100;
    absErr += Math.abs(r.fake_percent - truth);
    err += r.fake_percent - truth;
    covered += r.ci_low <= truth && truth <= r.ci_high ? 1 : 0;
    width += r.ci_high - r.ci_low;
    trust += r.two_phase?.lite_model_weight ?? 0;
  }
  const f = (v) => (v / reps).toFixed(1);
  console.log(`| ${share * 100} | ${f(absErr)} | ${f(err)} | ${(100 * covered / reps).toFixed(1)}% | ${f(width)} | ` +
    `${(trust / reps).toFixed(2)} |`);
  all.mae += absErr / reps;
  all.cells += 1;
}
console.log(`mean MAE over the shares: ${(all.mae / all.cells).toFixed(2)}`);
