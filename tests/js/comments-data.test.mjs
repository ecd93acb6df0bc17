// The comment analysis's committed data reproduces: the spam model and its METRICS.md
// section and the organic references, each regenerated from ../shared/data by its committed tool
// and compared byte for byte; the simulated evaluation in EVALUATION.md by its fingerprint (a
// fresh run of a sample of its profiles: the full run, `scripts/eval-comments --check`, took
// ~27 CPU s of this file's ~29).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = path.join(root, '..', 'shared', 'data');
const tool = (name) => path.join(root, 'build', 'native', name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'fm-comments-'));
const read = (file) => readFileSync(file, 'utf8');

function runTool(name, args) {
  assert.ok(existsSync(tool(name)), `${tool(name)} is missing: run scripts/build`);
  const r = spawnSync(tool(name), args, { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `${name}: ${r.stderr}`);
}

test('the shared data is there (these checks need it)', () => {
  assert.ok(existsSync(path.join(data, 'comments', 'scamspot', 'comments-rated.csv')),
    `${data}/comments/scamspot is missing: the comment data must sit beside the project`);
});

test('train-spam regenerates models/comment_spam.json and its METRICS.md section byte for byte', () => {
  const metrics = path.join(tmp, 'METRICS.md');
  copyFileSync(path.join(root, 'models', 'METRICS.md'), metrics);
  runTool('train-spam', ['--out', path.join(tmp, 'spam.json'), '--metrics', metrics]);
  assert.equal(read(path.join(tmp, 'spam.json')), read(path.join(root, 'models', 'comment_spam.json')),
    'models/comment_spam.json differs: run scripts/train-comments and commit');
  assert.equal(read(metrics), read(path.join(root, 'models', 'METRICS.md')),
    'the comment-spam section of models/METRICS.md differs: run scripts/train-comments and commit');
});

test('derive-comments regenerates models/comment_reference.json byte for byte', () => {
  runTool('derive-comments', [data, path.join(tmp, 'reference.json')]);
  assert.equal(read(path.join(tmp, 'reference.json')), read(path.join(root, 'models', 'comment_reference.json')),
    'models/comment_reference.json differs: run scripts/train-comments and commit');
});

test('the comments section of EVALUATION.md matches a fresh simulation of its sample, its tool and its text', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'tools', 'eval-comments', 'main.mjs'), '--check-sample'],
    { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr + r.stdout);
});
