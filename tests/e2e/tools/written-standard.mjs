// Writes web/js/written-standard.js from data/municipalities.csv:
//   node tools/written-standard.mjs          (rewrite the file)
//   node tools/written-standard.mjs --check  (exit 1 when it is stale)
// Needed while GET /api/v1/municipalities does not carry written_standard.
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function nynorskCodes() {
  const lines = readFileSync(path.join(root, 'data/municipalities.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const codeAt = header.indexOf('code');
  const standardAt = header.indexOf('written_standard');
  return lines.slice(1).map((line) => line.split(','))
    .filter((fields) => fields[standardAt].trim() === 'nn')
    .map((fields) => fields[codeAt]).sort();
}

export function render() {
  const codes = nynorskCodes();
  const rows = [];
  for (let i = 0; i < codes.length; i += 12) rows.push(`  ${codes.slice(i, i + 12).map((c) => `'${c}'`).join(', ')},`);
  return `// Generated from data/municipalities.csv by tests/e2e/tools/written-standard.mjs:
// the municipalities whose written standard is nynorsk. Used only while the
// municipality list from the API lacks "written_standard".
export const NYNORSK = new Set([
${rows.join('\n')}
]);
`;
}

export const target = path.join(root, 'web/js/written-standard.js');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = readFileSync(target, 'utf8') !== render();
    if (stale) console.error(`${target} is stale: run node tests/e2e/tools/written-standard.mjs`);
    process.exit(stale ? 1 : 0);
  }
  writeFileSync(target, render());
  console.log(`wrote ${target}`);
}
