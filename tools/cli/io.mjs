// Shared CLI plumbing: reading input files or stdin, and a tiny argument parser.
import { readFile } from 'node:fs/promises';

export async function readInput(file, stdin) {
  if (!file || file === '-') {
    const chunks = [];
    for await (const c of stdin) chunks.push(c);
    return decodeText(Buffer.concat(chunks), 'the input');
  }
  let bytes;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const why = { ENOENT: 'no such file', EISDIR: 'it is a directory, not a file', EACCES: 'permission denied' }[err.code];
    throw new UsageError(`cannot read ${file}: ${why || err.message}`);
  }
  return decodeText(bytes, file);
}

// Bytes to text: UTF-8 (with or without a byte-order mark), and UTF-16 with its mark (what
// spreadsheet programs save as "Unicode text"). Anything else is refused, saying where, rather
// than read with replacement characters: a name would change silently, and with it its score.
export function decodeText(bytes, name) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // UTF-16 without its mark: every other byte of plain text is 0.
  if (bytes.length >= 2 && (bytes[0] === 0) !== (bytes[1] === 0)) {
    throw new InputError(`${name} looks like UTF-16 text without a byte-order mark; save it as UTF-8`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${name} is not UTF-8 text (${firstInvalidUtf8(bytes)}); save it as UTF-8`);
  }
}

// Where the bytes stop being UTF-8, as "line L, byte B" (both from 1).
function firstInvalidUtf8(bytes) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length;) {
    const c = bytes[i];
    const more = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let ok = more >= 0 && i + more < bytes.length;
    for (let k = 1; ok && k <= more; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    // The second byte's narrower ranges: no overlong forms, no surrogates, nothing past U+10FFFF.
    if (ok && more >= 2) {
      const d = bytes[i + 1];
      ok = !((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f));
    }
    if (!ok) return `line ${line}, byte ${i - lineStart + 1}`;
    if (c === 0x0a) { line += 1; lineStart = i + 1; }
    i += more + 1;
  }
  return 'at its end';
}

export class UsageError extends Error {}
// Input that cannot be read as what it should be (exit status 1, as the --help texts say).
export class InputError extends Error {}

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
    // Given twice, one of the two would be dropped without a word: which did the user mean?
    if (name in opts) throw new UsageError(`option --${name} given twice`);
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
