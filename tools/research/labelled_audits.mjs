#!/usr/bin/env node
// The default audit (tools/eval-audit/audit.mjs's flow: the extension's audit state machine and
// default settings) of stand-in profiles whose followers are real labelled accounts: a short
// followers list of 50 (Instagram's limit flag, no cursor) drawn from one labelled set's rows at a
// known fake share, each row written as Instagram's followers-list entry and web_profile_info
// answer (tests/js/lib/instagram-render.mjs), read by the extension's adapter and the engine.
// Reports the followers estimate's coverage and error per set and share. The sets with usernames
// only (srf, kaggle-complete, parma): a made-up name would carry features of its own. SRF and
// Parma rows have no display name or bio, which Instagram's answers always carry: left out of the
// answer, the engine leaves them unknown (accountFromProfile), as the trainer's records do; their
// figures say so.
// IN-SET: the shipped model was trained on these very rows, so the figures are optimistic; the
// held-out figures are EVALUATION.md's. Not for tuning anything.
// Usage: node tools/research/labelled_audits.mjs [--reps 50]
import { loadEngine } from '../cli/engine.mjs';
import { numberArg } from '../common/args.mjs';
import { newAudit, estimateRequest } from '../../extension/shared/audit.js';
import { driveAudit, profileOutcome } from '../eval-audit/audit.mjs';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { parseFollowersPage, parseLikersPage, parseCommentsPage } from '../../extension/shared/instagram.js';
import { prng } from '../../tests/e2e/standin/prng.mjs';
import { labelledRows } from '../../tests/js/lib/shared-data.mjs';
import { labelledAccounts } from '../../tests/js/lib/labelled-accounts.mjs';
import { listUser, webProfileInfo } from '../../tests/js/lib/instagram-render.mjs';

const reps = numberArg('--reps', 50);
const SHARES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
const SETS = ['srf', 'kaggle-complete', 'parma'];
// What a profile answer carries that a set's rows lack (left out: unknown to the engine).
const LACKS = { srf: 'display name, bio (link left unknown)', parma: 'display name, bio', 'kaggle-complete': 'nothing (verified left unknown)' };
const LIST = 50;

const engine = await loadEngine();
const call = (fn, text) => JSON.parse(engine[fn](text));

const labels = labelledRows();
const rows = labelledAccounts().map((x, i) => ({ ...x, label: labels[i].label }));

// `n` of `pool` without replacement (partial Fisher-Yates on a copy).
function draw(pool, n, rand) {
  const a = pool.slice();
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

// One audit: the followers list, its accounts fetched in full as the audit asks; no posts.
function runAudit(username, followers, rep) {
  const byName = new Map(followers.map((a) => [a.username, a]));
  let state = newAudit({ username, userId: '1', isPrivate: false, followerCount: 10_000, posts: [],
    settings: DEFAULT_SETTINGS, now: 0, seed: rep * 2654435761 });
  return driveAudit(state, (request) => {
    if (request.kind === 'page') {
      return { kind: 'page', ...parseFollowersPage({ users: followers.map(listUser), should_limit_list_of_followers: true, status: 'ok' }) };
    }
    if (request.kind === 'likers') return { kind: 'likers', ...parseLikersPage({ users: [], user_count: 0 }) };
    if (request.kind === 'comments') return { kind: 'comments', ...parseCommentsPage({ comments: [], comment_count: 0 }, request.target) };
    return profileOutcome(call, webProfileInfo(byName.get(request.target)), request.target);
  });
}

const f1 = (v) => v.toFixed(1);
console.log(`IN-SET figures: the shipped model (${engine.version()}) was trained on these rows, so they are optimistic; ` +
  'the held-out figures are those of EVALUATION.md.');
console.log(`${reps} default audits per set and share; ${LIST} followers listed (the short list), drawn from the set's rows.`);
console.log(`Fields the rows lack, left out of the answers (unknown to the engine): ${SETS.map((s) => `${s}: ${LACKS[s]}`).join('; ')}.`);
console.log('');
console.log('| set | fake % | audits | checked in full | MAE | bias | coverage | mean width |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const set of SETS) {
  const fakes = rows.filter((x) => x.set === set && x.label === 1).map((x) => x.account);
  const reals = rows.filter((x) => x.set === set && x.label === 0).map((x) => x.account);
  let setMae = 0, worst = 100;
  for (const share of SHARES) {
    const c = { abs: 0, bias: 0, covered: 0, width: 0, full: 0 };
    for (let rep = 0; rep < reps; rep++) {
      const rand = prng(`labelled-audits/${set}/${share}/${rep}`);
      const k = Math.round(share * LIST);
      const followers = draw([...draw(fakes, k, rand), ...draw(reals, LIST - k, rand)], LIST, rand);
      const state = runAudit(`labelled.${rep}`, followers, rep);
      const r = call('estimateAudience', JSON.stringify(estimateRequest(state, 'followers')));
      if (r.error) throw new Error(`${set}: ${r.error.message}`);
      const truth = 100 * k / LIST;
      c.abs += Math.abs(r.fake_percent - truth);
      c.bias += r.fake_percent - truth;
      c.covered += r.ci_low <= truth && truth <= r.ci_high ? 1 : 0;
      c.width += r.ci_high - r.ci_low;
      c.full += r.full_sample_size;
    }
    const cov = 100 * c.covered / reps;
    worst = Math.min(worst, cov);
    setMae += c.abs / reps / SHARES.length;
    console.log(`| ${set} | ${share * 100} | ${reps} | ${f1(c.full / reps)} | ${f1(c.abs / reps)} | ${f1(c.bias / reps)} | ${f1(cov)}% | ${f1(c.width / reps)} |`);
  }
  console.log(`| ${set} | all | | | ${f1(setMae)} (mean) | | ${f1(worst)}% (lowest) | |`);
}
