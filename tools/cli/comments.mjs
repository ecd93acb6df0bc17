// `fakemeter comments FILE [--format text|json]`: a comments document (the comments of a
// profile's recent posts, or one saved comments endpoint answer) in, the engagement
// authenticity section out.
import { loadEngine, call } from './engine.mjs';
import { readInput, parseArgs, choice, clean, UsageError } from './io.mjs';
import { t, reasonText, noteText, counted } from './words.mjs';

export const help = `Usage: scripts/fakemeter comments FILE|- [--format text|json]

Judges the comments of a profile's recent posts: accounts that comment on post
after post (pods), the same text from many accounts (suggested-comment networks),
comments bunched in the first minutes, generic praise, spam and scams, the
commenters as accounts, and comments per like against real accounts of the same
size. Prints one verdict with a grade and the reasons that moved it; counts and
examples of text, never the commenters' names. The report gives its verdict,
grade and reasons as message ids with their numbers; --format text words them in
English from _locales/en.

FILE is JSON: {"posts": [{"media_id", "taken_at", "like_count", "comment_count",
"comments": [comment objects as Instagram's comments endpoint gives them]}],
"follower_count", "owner": {"pk", "username"}, "commenters": [account records],
"now"}, or one saved comments endpoint answer ({"comments": [...], ...}).
The format is documented in wasm/core/comments/README.md.
  --format F   text (default; for people) or json (the engine's report)
Exit status: 0 on success, 1 on a bad document (the message says what and where),
2 on usage errors.`;

export async function main(argv, io) {
  const { opts, positional } = parseArgs(argv, { help: {}, h: {}, format: { value: true } });
  if (opts.help || opts.h) { io.stdout.write(help + '\n'); return 0; }
  if (positional.length !== 1) throw new UsageError('comments takes one comments document (or - for standard input)');
  const format = choice(opts, 'format', ['text', 'json']);
  const text = await readInput(positional[0], io.stdin);
  const engine = await loadEngine();
  const report = JSON.parse(call(engine, 'analyzeComments', text));
  if (report.error) {
    io.stderr.write(`comments: [${report.error.id}] ${clean(report.error.message)}\n`);
    return 1;
  }
  io.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderText(report));
  return 0;
}

const pct = (v) => `${(100 * v).toFixed(1)}%`;
// How each signal's value reads, in its own unit.
const VALUE = {
  recurring_commenters: (s) => `${counted(s.value, 'account', 'accounts')} on ${s.min_posts}+ of ${counted(s.of_posts, 'post', 'posts')}`,
  templates: (s) => `${pct(s.value)} of longer comments repeat`,
  timing: (s) => `${pct(s.value)} within ${s.window_minutes} min`,
  generic_comments: (s) => `${pct(s.value)} generic`,
  spam: (s) => `${pct(s.value)} spam`,
  commenter_accounts: (s) => `${s.value}% fake`,
  comments_per_like: (s) => `${(100 * s.value).toFixed(2)} per 100 likes`,
};
const INTERVAL = {
  recurring_commenters: ([a, b]) => `${a}-${b}`,
  commenter_accounts: ([a, b]) => `${a}-${b}%`,
  comments_per_like: ([a, b]) => `${(100 * a).toFixed(2)}-${(100 * b).toFixed(2)}`,
};

// A plain-text rendering for people; everything in it comes from the report, its messages worded
// in English (a report saved before they were messages carries its text, shown as it is).
export function renderText(r) {
  const out = [];
  out.push(`Engagement authenticity: ${r.grade} - ${clean(noteText(t, r.grade_label))}`, clean(noteText(t, r.verdict)), '');
  const read = r.read;
  out.push(`Read: ${counted(read.comments, 'comment', 'comments')} (Instagram counts ${read.comments_counted}) by ` +
    `${counted(read.commenters, 'account', 'accounts')} on ${read.posts_with_comments} of ` +
    `${counted(read.posts, 'post', 'posts')}; ${counted(read.owner_replies_left_out, 'reply', 'replies')} by the owner left out`);
  if (r.reasons.length) {
    out.push('', 'Why:');
    for (const x of r.reasons) out.push(`  [${x.severity}] ${clean(reasonText(t, x))}`);
  }
  out.push('', 'Signals (value, 95% range, evidence against organic sections):');
  for (const [name, s] of Object.entries(r.signals)) {
    if (!s.measured) { out.push(`  ${name.padEnd(21)} not measured: ${clean(noteText(t, s.note))}`); continue; }
    const interval = s.interval ? (INTERVAL[name] ?? (([a, b]) => `${pct(a)}-${pct(b)}`))(s.interval) : 'n/a';
    out.push(`  ${name.padEnd(21)} ${VALUE[name] ? VALUE[name](s) : s.value} (${interval}), ${s.evidence}`);
    for (const e of s.examples ?? []) out.push(`      "${clean(e.text)}" x${e.comments} (${counted(e.accounts, 'account', 'accounts')})`);
  }
  out.push('', `Score ${r.score} (grade: under 1 good, under 2 fair, under 3.5 poor, else bad)`);
  out.push(`Engine: ${clean(r.engine)}`);
  return out.join('\n') + '\n';
}
