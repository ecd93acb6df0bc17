// Account records for every account in ../shared/data, for tests that need real inputs.
// The labelled sets come from the trainer's out-of-fold file (its loaders are the one
// mapping of data set columns to the account record); the 700 real accounts with per-post
// data are mapped here, since the classifier does not train on them.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const dataDir = process.env.FM_DATA_DIR || path.join(root, '..', 'shared', 'data');
// The trainer's out-of-fold file (scripts/train), else its smoke run's (scripts/train --quick,
// same records in the same order: only the grid is smaller).
const oofFiles = [path.join(root, 'build', 'train', 'oof.jsonl'), path.join(root, 'build', 'train', 'quick', 'oof.jsonl')];

// The trainer's rows: [{set, row, label, record}], in its order.
export function labelledRows() {
  const oofFile = oofFiles.find((f) => existsSync(f));
  if (!oofFile) throw new Error(`${oofFiles.join(' and ')} are missing: run scripts/train (or scripts/train --quick) first`);
  return readFileSync(oofFile, 'utf8').trimEnd().split('\n').map((l) => {
    const { set, row, label, record } = JSON.parse(l);
    return { set, row, label, record };
  });
}

export function labelledRecordsJsonl() {
  const records = labelledRows().map((r) => r.record);
  const nonautomated = JSON.parse(readFileSync(path.join(dataDir, 'instafake', 'nonautomatedAccountData.json'), 'utf8'));
  for (const u of nonautomated) {
    records.push({
      media_count: u.userMediaCount, follower_count: u.userFollowerCount,
      following_count: u.userFollowingCount, biography_length: u.userBiographyLength,
      username_length: u.usernameLength, username_digit_count: u.usernameDigitCount,
      has_external_url: u.userHasExternalUrl === 1,
    });
  }
  return { jsonl: records.map((r) => JSON.stringify(r)).join('\n') + '\n', count: records.length };
}
