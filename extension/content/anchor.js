// Where the badge goes on the profile page.
import { SELECTORS, FOLLOWER_WORDS } from '../shared/instagram.js';

// Right after the followers link; else inside the header item that names followers; else
// nowhere (the caller then pins the badge to the viewport).
export function findAnchor(root = document) {
  const link = root.querySelector(SELECTORS.followersLink);
  if (link) return { after: link };
  for (const li of root.querySelectorAll(SELECTORS.headerItems)) {
    const text = li.textContent.toLowerCase();
    if (FOLLOWER_WORDS.some((w) => text.includes(w))) return { inside: li };
  }
  return null;
}
