// Norway's municipalities from GET /api/v1/municipalities, and the written
// standard that picks the default language.
import {api} from './api.js';
import {h} from './dom.js';
import {NYNORSK} from './written-standard.js';

const lists = new Map();  // wave name or '' -> Promise of sorted list

export function municipalities(wave = '') {
  if (!lists.has(wave)) {
    const loading = api.municipalities(wave || undefined).then(({municipalities: list}) => {
      const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
      // Two municipalities with one name get their county after it.
      const counts = new Map();
      for (const m of sorted) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
      for (const m of sorted) m.label = counts.get(m.name) > 1 ? `${m.name} (${m.county_name})` : m.name;
      return sorted;
    });
    loading.catch(() => lists.delete(wave));
    lists.set(wave, loading);
  }
  return lists.get(wave);
}

export async function findMunicipality(code) {
  if (!/^\d{4}$/.test(code ?? '')) return null;
  return (await municipalities()).find((m) => m.code === code) ?? null;
}

// "nb", "nn" or "neutral": from the API when it says, else from the list
// generated from data/municipalities.csv.
export function writtenStandard(municipality) {
  if (!municipality) return 'neutral';
  if (municipality.written_standard) return municipality.written_standard;
  return NYNORSK.has(municipality.code) ? 'nn' : 'neutral';
}

// A native <select>: the most robust choice for screen readers and
// keyboards, with type-ahead over 357 names.
export function municipalitySelect({id, list, value, placeholder, describedBy, required, onchange}) {
  return h('select', {id, name: id, 'aria-describedby': describedBy || null, required, onchange, autocomplete: 'off'},
    h('option', {value: ''}, placeholder),
    list.map((m) => h('option', {value: m.code, selected: m.code === value}, m.label)));
}
