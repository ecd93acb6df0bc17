// Replaces one generated section of a Markdown file, between <!-- NAME:begin --> and
// <!-- NAME:end -->, with the text read from stdin; appends the markers if the file lacks them.
// Usage: node scripts/lib/replace-section.mjs FILE NAME < section.md
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [file, name] = process.argv.slice(2);
if (!file || !name) {
  console.error('usage: node scripts/lib/replace-section.mjs FILE NAME < section.md');
  process.exit(2);
}
const section = readFileSync(0, 'utf8');
const begin = `<!-- ${name}:begin -->`, end = `<!-- ${name}:end -->`;
let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Evaluation\n';
if (!text.includes(begin) || !text.includes(end)) text = text.replace(/\n*$/, '\n\n') + begin + '\n' + end + '\n';
const a = text.indexOf(begin) + begin.length, b = text.indexOf(end);
text = text.slice(0, a) + '\n' + section.trim() + '\n' + text.slice(b);
writeFileSync(file, text);
console.error(`${file}: ${name} section regenerated`);
