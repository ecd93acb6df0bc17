// Does the likers' estimate depend on how fake the followers are, and how often does its range miss?
// The default audit of stand-in profiles (tools/eval-audit/audit.mjs: the extension's state machine,
// the adapter and the engine, no browser, no storage) whose followers are FOLLOWERS fake and likers
// and commenters LIKERS fake; the likers' estimate against the likers' truth (the posts read).
// Usage: node tools/research/likers_beside_followers.mjs [REPS=100] [FOLLOWERS=0.8] [LIKERS=0.03]
import { estimateRequest } from '../../extension/shared/audit.js';
import { engagerTruth, postsRead } from '../../tests/e2e/standin/engagers.mjs';
import { loadEngine } from '../cli/engine.mjs';
import { runAudit, auditProfile } from '../eval-audit/audit.mjs';

const [reps, followers, likers] = [Number(process.argv[2] || 100), Number(process.argv[3] || 0.8), Number(process.argv[4] || 0.03)];
const engine = await loadEngine();
const call = (fn, text) => JSON.parse(engine[fn](text));
const misses = [];
let sum = 0;
for (let rep = 0; rep < reps; rep++) {
  const profile = { ...auditProfile(followers, rep), likerFakeShare: likers, commenterFakeShare: likers };
  const state = runAudit(profile, rep, call);
  const r = call('estimateAudience', JSON.stringify(estimateRequest(state, 'likers')));
  if (r.error) throw new Error(`audit ${rep}: ${r.error.message}`);
  const truth = 100 * engagerTruth(profile, 'likers', postsRead(profile.posts, state.likers.media.slice(0, state.likers.done)));
  sum += r.fake_percent;
  if (!(r.ci_low <= truth && truth <= r.ci_high)) misses.push(`${truth.toFixed(1)}% read as ${r.fake_percent.toFixed(1)}% (${r.ci_low.toFixed(1)}-${r.ci_high.toFixed(1)})`);
}
console.log(`followers ${followers * 100}% fake, likers ${likers * 100}%: ${reps} audits, likers read ${(sum / reps).toFixed(1)}% on average, ` +
  `range missed the truth in ${misses.length}${misses.length ? `: ${misses.join('; ')}` : ''}`);
