// One audit of a stand-in profile, as the extension runs it, without a browser or pacing: shared
// by scripts/eval-audit (each source's estimate) and scripts/eval-badge (the badge after it).
import { followersPage, likersPage, commentsPage } from '../../tests/e2e/standin/engagers.mjs';
import { followerProfileInfo } from '../../tests/e2e/standin/followers.mjs';
import { parseFollowersPage, parseLikersPage, parseCommentsPage } from '../../extension/shared/instagram.js';
import { newAudit, nextRequest, applyOutcome } from '../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';

// Runs one default audit of a stand-in profile ({username, fakeShare, followers, posts: [{id, likes,
// comments}], ...}) through the extension's audit state machine, with the stand-in's answers read
// by the extension's adapter and the engine (`call(fn, text)` -> parsed answer); returns the
// audit's final state (its requests in state.requests).
export function runAudit(profile, rep, call, settings = DEFAULT_SETTINGS) {
  const byName = new Map();  // listed username -> record (for its full fetch)
  const remember = (f) => byName.set(f.username, f);
  let state = newAudit({ username: profile.username, userId: '1', isPrivate: false, followerCount: profile.followers,
    posts: profile.posts, settings, now: 0, seed: rep * 2654435761 });
  for (let step = 0; ; step++) {
    let request;
    ({ state, request } = nextRequest(state));
    if (!request) break;
    let outcome;
    if (request.kind === 'page') {
      outcome = { kind: 'page', ...parseFollowersPage(followersPage(profile, { limited: true, onUser: remember })) };
    } else if (request.kind === 'likers' || request.kind === 'comments') {
      const index = profile.posts.findIndex((p) => p.id === request.target);
      const post = profile.posts[index];
      outcome = request.kind === 'likers'
        ? { kind: 'likers', ...parseLikersPage(likersPage(profile, index, post.likes, remember)) }
        : { kind: 'comments', ...parseCommentsPage(commentsPage(profile, index, post.comments, post.id, remember), post.id) };
    } else {
      const record = call('accountFromProfile', JSON.stringify(followerProfileInfo(byName.get(request.target))));
      if (record.error) throw new Error(`@${request.target}: ${record.error.message}`);
      outcome = { kind: 'profile', record };
    }
    if (outcome.error) throw new Error(outcome.error);
    ({ state } = applyOutcome(state, request.id, outcome, step));
  }
  return state;
}
