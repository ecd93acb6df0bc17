// Shared CLI plumbing: reading input files or stdin, and a tiny argument parser.
import { readFile } from 'node:fs/promises';

export async function readInput(file, stdin) {
  if (!file || file === '-') {
    const chunks = [];
    for await (const c of stdin) chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const why = { ENOENT: 'no such file', EISDIR: 'it is a directory, not a file', EACCES: 'permission denied' }[err.code];
    throw new UsageError(`cannot read ${file}: ${why || err.message}`);
  }
}

export class UsageError extends Error {}

// Parses argv against a spec {name: {value: bool}}; returns {opts, positional}.
export function parseArgs(argv, spec) {
  const opts = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-' || !a.startsWith('-')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = (eq > 0 ? a.slice(0, eq) : a).replace(/^--?/, '');
    if (!(name in spec)) throw new UsageError(`unknown option ${a}`);
    if (spec[name].value) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`option --${name} needs a value`);
      opts[name] = v;
    } else {
      opts[name] = true;
    }
  }
  return { opts, positional };
}

// The value of option --name, one of `allowed` (the first is the default).
export function choice(opts, name, allowed) {
  const v = opts[name] ?? allowed[0];
  if (!allowed.includes(v)) throw new UsageError(`--${name} must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, got '${v}'`);
  return v;
}

// Text from the page (names, bios, comments) reaches a terminal: drop control characters so it
// can never move the cursor, recolour or retitle it.
export const clean = (s) => String(s ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
