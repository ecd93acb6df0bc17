#!/usr/bin/env node
// How the default audit measures each source it samples, on stand-in profiles whose truth per
// source is known: the short followers list (50 newest, Instagram's limit flag), the likers of
// the last 3 posts (100-300 listed) and their commenters (20-90 listed), at fake shares 0-60%.
// Each audit is a fresh profile (its own accounts, drawn from distributions fitted to three
// labelled sets: tests/e2e/standin), run by the extension's own audit state machine
// (extension/shared/audit.js) with the default settings, answers shaped as Instagram's
// endpoints answer (tests/e2e/standin/engagers.mjs) read by the extension's adapter and the
// engine, then each source's estimate from the wasm engine. No browser, no pacing.
// Usage: scripts/eval-audit [--reps 200] [--write]   (--write: EVALUATION.md's audit section)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIKERS_MAX, COMMENTS_PAGE, engagerTruth, postsRead } from '../../tests/e2e/standin/engagers.mjs';
import { estimateRequest, commentPostsOf, SOURCES } from '../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { loadEngine } from '../cli/engine.mjs';
import { runAudit, auditProfile } from './audit.mjs';
import { numberArg } from '../common/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const reps = numberArg('--reps', 200);
const SHARES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
const BEGIN = '<!-- audit:begin -->', END = '<!-- audit:end -->';

const engine = await loadEngine();
const call = (fn, text) => JSON.parse(engine[fn](text));

// What a source's estimate is about: the followers' share; the engagers of the posts the audit read
// (those listed as they are, the rest of each post's count at the pool's share: engagerTruth).
function truthOf(profile, state, source) {
  if (source === 'followers') return profile.fakeShare;
  return engagerTruth(profile, source, postsRead(profile.posts, state[source].media.slice(0, state[source].done)));
}

const cells = {};  // `${source}/${share}` -> sums
let requests = 0, maxRequests = 0, audits = 0;
// The same audits with the comment analysis switched on (more posts' comments read): requests only.
const WITH_COMMENTS = { ...DEFAULT_SETTINGS, auditComments: true };
let commentRequests = 0, maxCommentRequests = 0;
for (const share of SHARES) {
  for (let rep = 0; rep < reps; rep++) {
    const profile = auditProfile(share, rep);
    const state = runAudit(profile, rep, call);
    requests += state.requests;
    maxRequests = Math.max(maxRequests, state.requests);
    audits++;
    const withComments = runAudit(profile, rep, call, WITH_COMMENTS).requests;
    commentRequests += withComments;
    maxCommentRequests = Math.max(maxCommentRequests, withComments);
    for (const source of SOURCES) {
      const r = call('estimateAudience', JSON.stringify(estimateRequest(state, source)));
      if (r.error) throw new Error(`${source}: ${r.error.message}`);
      const truth = 100 * truthOf(profile, state, source);
      const c = (cells[`${source}/${share}`] ||= { n: 0, truth: 0, abs: 0, bias: 0, covered: 0, width: 0, listed: [], full: 0 });
      c.n++;
      c.truth += truth;
      c.abs += Math.abs(r.fake_percent - truth);
      c.bias += r.fake_percent - truth;
      c.covered += r.ci_low <= truth && truth <= r.ci_high ? 1 : 0;
      c.width += r.ci_high - r.ci_low;
      c.listed.push(r.sample_size);
      c.full += r.full_sample_size;
    }
  }
}

const f1 = (v) => v.toFixed(1);
const NAMES = { followers: 'followers (short list)', likers: 'likers, last 3 posts', commenters: 'commenters, last 3 posts' };
const lines = [];
lines.push(`Engine ${engine.version()}; ${reps} audits per fake share (${audits} in all), each a fresh stand-in profile with ` +
  `the same fake share in all three sources; default settings (${DEFAULT_SETTINGS.auditFullSize} followers and ` +
  `${DEFAULT_SETTINGS.auditEngagersFull} likers / commenters fetched in full, budget ${DEFAULT_SETTINGS.auditBudget}; ` +
  'the follower pages a short list leaves unread go to more followers fetched in full). ' +
  `Likers lists hold at most ${LIKERS_MAX} per post, comments pages ${COMMENTS_PAGE}.`);
lines.push('');
lines.push('| source | pool fake % | true fake % (mean) | audits | listed (min-max) | checked in full | MAE | bias | coverage | mean width |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const summary = {};
for (const source of SOURCES) {
  let worst = 100, mae = 0;
  for (const share of SHARES) {
    const c = cells[`${source}/${share}`];
    const cov = 100 * c.covered / c.n;
    worst = Math.min(worst, cov);
    mae += c.abs / c.n / SHARES.length;
    lines.push(`| ${NAMES[source]} | ${share * 100} | ${f1(c.truth / c.n)} | ${c.n} | ${f1(c.listed.reduce((a, b) => a + b, 0) / c.n)} ` +
      `(${Math.min(...c.listed)}-${Math.max(...c.listed)}) | ${f1(c.full / c.n)} | ${f1(c.abs / c.n)} | ${f1(c.bias / c.n)} | ` +
      `${f1(cov)}% | ${f1(c.width / c.n)} |`);
  }
  summary[source] = { mae, worst };
}
lines.push('');
lines.push(`Requests per audit: mean ${f1(requests / audits)}, at most ${maxRequests} (target <= 45). ` +
  `Mean MAE over the shares: ${SOURCES.map((s) => `${s} ${summary[s].mae.toFixed(2)}`).join(', ')}; ` +
  `lowest coverage in a cell: ${SOURCES.map((s) => `${s} ${f1(summary[s].worst)}%`).join(', ')} (target 90-98%).`);
lines.push('');
lines.push(`With the comment analysis switched on (the comments of the last ${commentPostsOf(WITH_COMMENTS)} posts read): ` +
  `requests per audit mean ${f1(commentRequests / audits)}, at most ${maxCommentRequests} (target <= 45).`);
const table = lines.join('\n');
console.log(table);

if (process.argv.includes('--write')) {
  const file = path.join(root, 'EVALUATION.md');
  const text = fs.readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN), b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`EVALUATION.md has no ${BEGIN} ... ${END} section to write into`);
  fs.writeFileSync(file, text.slice(0, a + BEGIN.length) + '\n' + table + '\n' + text.slice(b));
  console.error(`wrote the audit section of ${file}`);
}
