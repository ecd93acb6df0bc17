// scripts/fakemeter for the tests, two ways. inProcess runs its dispatcher in this process on
// in-memory streams (the wasm engine loads once per test file, not once per call): for tests whose
// subject is a report's content. inChild starts the real script: for the few that check the
// process end to end (exit status, stdout and stderr as the shell sees them, argument handling).
// Both answer spawnSync's { status, stdout, stderr } with text.
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import path from 'node:path';
import { fakemeter } from '../../../tools/cli/dispatch.mjs';

const script = path.resolve(import.meta.dirname, '..', '..', '..', 'scripts', 'fakemeter');

export const inChild = (args, input) => spawnSync(script, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });

export async function inProcess(args, input) {
  const sink = () => {
    const chunks = [];
    return { chunks, write: (s) => { chunks.push(Buffer.from(s)); return true; } };
  };
  const stdout = sink(), stderr = sink();
  const stdin = Readable.from(input === undefined ? [] : [Buffer.from(input)]);
  const status = await fakemeter(args, { stdin, stdout, stderr });
  const text = (s) => Buffer.concat(s.chunks).toString('utf8');
  return { status, stdout: text(stdout), stderr: text(stderr) };
}
