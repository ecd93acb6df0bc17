// Writes the seed corpus of fuzz-comments (tests/fuzz/corpus/fuzz-comments/): small comment
// sections from the stand-in's simulation (tests/e2e/standin/comment-patterns.mjs: invented
// people and texts, no one's data) and hand-made edge cases of the document's shapes.
// Usage: node tests/fuzz/make-comments-corpus.mjs [--out DIR]   (rewrites DIR/fuzz-comments, by default
// under tests/fuzz/corpus; commit the result)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commentSection, PATTERNS } from '../e2e/standin/comment-patterns.mjs';

const outArg = process.argv.indexOf('--out');
const dir = path.join(outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus'),
  'fuzz-comments');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const write = (name, value) => fs.writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));

// Small sections: three posts, a few comments each (the pod and network patterns add theirs).
for (const pattern of PATTERNS) {
  const { document } = commentSection({ pattern, posts: 3, seed: `fuzz-${pattern}`, organic: { commentsPerPost: [2, 3] },
    pod: { size: 4 }, network: { size: 8, perPost: [2, 3] }, bots: { size: 2 }, fullRecords: 2 });
  write(`section-${pattern.replace('+', '-')}.json`, document);
}
const user = (name, extra = {}) => ({ pk: `1${name.length}${name.charCodeAt(0)}`, username: name, full_name: name.toUpperCase(),
  is_private: false, is_verified: false, profile_pic_url: `https://cdn.example/${name}.jpg`, ...extra });
const comment = (name, text, at, extra = {}) => ({ pk: `17${at}`, text, created_at: at, user: user(name), comment_like_count: 0, ...extra });
write('edge-bare-answer.json', { comments: [comment('ann', 'Love this 😍', 1700000100), comment('studio', 'Thank you!', 1700000200)],
  comment_count: 9, caption: { text: 'new work', user: user('studio') }, next_min_id: '{"cached_comments_cursor": "1"}', status: 'ok' });
write('edge-error-answer.json', { message: 'Please wait a few minutes before you try again.', status: 'fail' });
write('edge-hidden-likes.json', { posts: [{ media_id: 31, taken_at: 1700000000, like_count: -1, comments: [comment('a', 'nice', 1700000300)] }],
  follower_count: 120 });
write('edge-unicode.json', { posts: [{ media_id: '1', comments: [
  comment('b', 'mc\u1EB9\u0300w\u01DDn \u202Eevil\u202C \u0645\u0627 \u0634\u0627\u0621 \u0627\u0644\u0644\u0647\u060C \uD835\uDC0D\uD835\uDC08\uD835\uDC02\uD835\uDC04 \u0000x', 5),
  comment('c', '@who.ever https://t.me/x #tag $500 \u00e9\u00e8 \uFF2E\uFF29\uFF23\uFF25 hahahaha \u0445\u0430\u0445\u0430', 6)] }] });
write('edge-types.json', { posts: [{ media_id: true, comments: [{ text: 5, user: { pk: [] } }] }] });
write('edge-owner-and-records.json', { owner: { pk: '99', username: 'studio' }, now: 1700100000,
  posts: [{ media_id: '7', taken_at: 1700000000, like_count: 50, comment_count: 3,
    comments: [comment('studio', 'thanks', 1700000050), comment('x1', 'wow', 1700000060)] }],
  commenters: [{ username: 'x1', follower_count: 5, following_count: 4000, media_count: 0, has_profile_pic: false }] });
write('edge-empty-posts.json', { posts: [] });
write('edge-truncated.json', '{"posts":[{"comments":[{"text":"cut');
console.log(`wrote ${fs.readdirSync(dir).length} seeds to ${path.relative(process.cwd(), dir)}`);
