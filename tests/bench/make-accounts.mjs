// Writes N account records (cycling through every account in ../shared/data) as JSON Lines.
import { writeFileSync } from 'node:fs';
import { labelledRecordsJsonl } from '../js/lib/shared-data.mjs';

const [out, nArg] = process.argv.slice(2);
const n = Number(nArg) || 10000;
const lines = labelledRecordsJsonl().jsonl.trimEnd().split('\n');
const picked = [];
for (let i = 0; i < n; i++) picked.push(lines[i % lines.length]);
writeFileSync(out, picked.join('\n') + '\n');
