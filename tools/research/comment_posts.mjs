#!/usr/bin/env node
// How many recent posts the extension's comment analysis should read: the same simulated
// comment sections as scripts/eval-comments (tests/e2e/standin/comment-patterns.mjs), judged by
// the wasm engine on their newest 3 posts (what a default audit reads), 4, 5 and 6
// (what it reads with the analysis on). Prints, per pattern, the share of profiles with the
// verdict "likely bought" (grade poor or bad) and the share judged at all.
// Usage: node tools/research/comment_posts.mjs [--profiles N]   (default 200 per pattern)
import { commentSection } from '../../tests/e2e/standin/comment-patterns.mjs';
import { loadEngine } from '../cli/engine.mjs';

const i = process.argv.indexOf('--profiles');
const n = i > 0 ? Number(process.argv[i + 1]) : 200;
const engine = await loadEngine();

// The first `posts` posts of a 6-post section, as an audit reading that many would see them.
const newest = (document, posts) => ({ ...document, posts: document.posts.slice(0, posts) });

console.log(`${n} simulated profiles per pattern (seeds research-<pattern>-<k>), engine ${engine.version()}`);
console.log('| pattern | posts read | judged | verdict "likely bought" (poor/bad) |');
console.log('|---|---:|---:|---:|');
for (const pattern of ['organic', 'pod', 'network']) {
  for (const posts of [3, 4, 5, 6]) {
    let judged = 0, bought = 0;
    for (let k = 0; k < n; k++) {
      const { document } = commentSection({ pattern, posts: 6, seed: `research-${pattern}-${k}`, fullRecords: 8 });
      const r = JSON.parse(engine.analyzeComments(JSON.stringify(newest(document, posts))));
      if (r.error) throw new Error(`${pattern} ${k}: ${r.error.message}`);
      if (r.status !== 'ok') continue;
      judged++;
      if (r.grade === 'poor' || r.grade === 'bad') bought++;
    }
    console.log(`| ${pattern} | ${posts} | ${judged} | ${(100 * bought / Math.max(1, judged)).toFixed(1)}% |`);
  }
}
