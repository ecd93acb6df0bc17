// One audit of a stand-in profile, as the extension runs it, without a browser or pacing: shared
// by scripts/eval-audit (each source's estimate) and scripts/eval-badge (the badge after it).
import { followersPage, likersPage, commentsPage } from '../../tests/e2e/standin/engagers.mjs';
import { followerProfileInfo } from '../../tests/e2e/standin/followers.mjs';
import { parseFollowersPage, parseLikersPage, parseCommentsPage } from '../../extension/shared/instagram.js';
import { newAudit, nextRequest, applyOutcome } from '../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { prng } from '../../tests/e2e/standin/prng.mjs';

const POSTS = 12;

// One stand-in profile for audit `rep` at fake share `share` in every source (scripts/eval-audit):
// a short followers list, and like and comment counts that make 100-300 likers and 20-90
// commenters listed.
export function auditProfile(share, rep) {
  const rand = prng(`eval-audit/${share}/${rep}`);
  const username = `eval.${Math.round(share * 100)}.${rep}`;
  const posts = Array.from({ length: POSTS }, (_, i) => ({
    id: String(7_000_000_000 + rep * 100 + i),
    likes: rand.int(34, 150),  // listed: min(likes, 100) per post
    comments: rand.int(7, 60),
  }));
  return { username, fakeShare: share, likerFakeShare: share, commenterFakeShare: share,
           followers: rand.int(2_000, 50_000), posts };
}

// Runs one default audit of a stand-in profile ({username, fakeShare, followers, posts: [{id, likes,
// comments}], ...}) through the extension's audit state machine, with the stand-in's answers read
// by the extension's adapter and the engine (`call(fn, text)` -> parsed answer); returns the
// audit's final state (its requests in state.requests).
export function runAudit(profile, rep, call, settings = DEFAULT_SETTINGS) {
  const byName = new Map();  // listed username -> record (for its full fetch)
  const remember = (f) => byName.set(f.username, f);
  let state = newAudit({ username: profile.username, userId: '1', isPrivate: false, followerCount: profile.followers,
    posts: profile.posts, settings, now: 0, seed: rep * 2654435761 });
  return driveAudit(state, (request) => {
    if (request.kind === 'page') return { kind: 'page', ...parseFollowersPage(followersPage(profile, { limited: true, onUser: remember })) };
    if (request.kind === 'likers' || request.kind === 'comments') {
      const index = profile.posts.findIndex((p) => p.id === request.target);
      const post = profile.posts[index];
      return request.kind === 'likers'
        ? { kind: 'likers', ...parseLikersPage(likersPage(profile, index, post.likes, remember)) }
        : { kind: 'comments', ...parseCommentsPage(commentsPage(profile, index, post.comments, post.id, remember), post.id) };
    }
    return profileOutcome(call, followerProfileInfo(byName.get(request.target)), request.target);
  });
}

// Runs an audit `state` to its end as the extension would, without a browser or pacing: each
// request the audit state machine asks for is answered by `answer(request, state)`, an outcome as
// the content script hands it over ({kind, ...}). Shared by the evaluations and research tools.
export function driveAudit(state, answer) {
  for (let step = 0; ; step++) {
    let request;
    ({ state, request } = nextRequest(state));
    if (!request) return state;
    const outcome = answer(request, state);
    if (outcome.error) throw new Error(outcome.error);
    ({ state } = applyOutcome(state, request.id, outcome, step));
  }
}

// A full fetch's outcome: the profile answer `doc` read by the engine (`call(fn, text)` -> parsed).
export function profileOutcome(call, doc, target) {
  const record = call('accountFromProfile', JSON.stringify(doc));
  if (record.error) throw new Error(`@${target}: ${record.error.message}`);
  return { kind: 'profile', record };
}
