// The counts the profile's header shows, for a reading of the page's counts where og:description
// does not serve: there is none, or it is another profile's (a move within the app leaves the
// page left's). The followers count is read from the element the badge anchors to (anchor.js
// findAnchor: this profile's, never a header still showing the profile left), its exact title
// first; the posts and following counts from the header items before and after it (Instagram
// lists posts, followers, following in that order, in every language). Counts through counts.js
// in the page's language.
import { findAnchor } from './anchor.js';
import { readHeaderCount } from '../shared/instagram.js';

// An element's count: its title's exact one ("1,234" where the text says "1.2K") when that reads,
// else its text.
function countOf(el, lang) {
  const titled = el.querySelector('[title]');
  const title = titled ? titled.getAttribute('title') : '';
  if (title) {
    const r = readHeaderCount(title, lang);
    if (!r.error) return r;
  }
  return readHeaderCount(el.textContent, lang);
}

// {counts: {followers, following, posts}} (following and posts null where not read) or {error,
// text?}: why not, with the count as written where one was refused.
export function readHeaderCounts(username, root, previous, lang) {
  const anchor = findAnchor(username, root, previous);
  if (!anchor || anchor.otherProfile) return { error: `the page's header shows no followers count of @${username}` };
  const el = anchor.after || anchor.inside;
  const followers = countOf(el, lang);
  if (followers.error) return { error: `the header's followers count: ${followers.error}`, text: followers.text };
  const item = el.closest('li');
  const near = (sibling) => {
    const r = sibling ? countOf(sibling, lang) : null;
    return r && !r.error ? r.value : null;
  };
  return { counts: { followers: followers.value, posts: near(item && item.previousElementSibling),
                     following: near(item && item.nextElementSibling) } };
}
