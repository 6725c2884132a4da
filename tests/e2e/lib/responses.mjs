// Complete responses to a questionnaire as JSON Lines for
// `parorende import-responses`: every single-choice item answered with a
// seeded random option (`lean` moves scale answers up or down: 0 is
// uniform), yes/no items random, free text left out. Enough for a second
// wave of results (e.g. an earlier wave for the dashboard's "change").
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {ROOT} from './server.mjs';

// A small seeded generator (mulberry32), so a test's data is the same every run.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// counts: {municipality code: number of responses}. Returns the file written.
export function writeResponses(file, counts, {questionnaire = 'questionnaires/parorendeundersokelse.json', seed = 1, lean = 0} = {}) {
  const definition = JSON.parse(readFileSync(path.join(ROOT, questionnaire), 'utf8'));
  const next = random(seed);
  const scaleItems = new Set((definition.scales ?? []).flatMap((scale) => scale.items));
  const lines = [];
  for (const [municipality, count] of Object.entries(counts)) {
    for (let i = 0; i < count; i++) {
      const answers = {};
      for (const section of definition.sections) {
        for (const item of section.items) {
          if (item.type === 'municipality') answers[item.id] = municipality;
          else if (item.type === 'yes_no') answers[item.id] = next() < 0.3;
          else if (item.type === 'single_choice') {
            const codes = (item.options ?? definition.option_sets?.[item.option_set]?.options ?? []).map((o) => o.code);
            if (!codes.length) continue;
            let u = next();
            if (scaleItems.has(item.id) && lean) u = Math.min(0.999, Math.max(0, u + lean * (next() - 0.3)));
            answers[item.id] = codes[Math.floor(u * codes.length)];
          }
        }
      }
      lines.push(JSON.stringify({status: 'complete', consent_version: definition.consent?.version, language: 'nb', municipality, answers}));
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
