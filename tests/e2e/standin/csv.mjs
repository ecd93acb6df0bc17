// Reads a comma-separated file of the labelled data into one object per row, keyed by the
// header: a quoted field may hold commas, doubled quotes and line breaks; blank lines are skipped.
import fs from 'node:fs';

export function readCsv(file) {
  const text = fs.readFileSync(file, 'utf8');
  const records = [];
  let row = [], cur = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cur); cur = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cur); cur = '';
      if (row.some((v) => v.trim())) records.push(row);
      row = [];
    } else cur += c;
  }
  row.push(cur);
  if (row.some((v) => v.trim())) records.push(row);
  const [header, ...body] = records;
  return body.map((r) => Object.fromEntries(r.map((v, i) => [header[i], v])));
}
