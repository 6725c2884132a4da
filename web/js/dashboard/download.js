// The municipality's figures as files for Excel: one row per area, and a
// codebook saying what each column holds. Semicolons between fields and
// decimal commas, with a byte order mark, so Norwegian Excel opens them
// as they are. Built in the page from the same published figures the
// report shows: a withheld figure is an empty field.
import {h} from '../dom.js';
import {d} from './strings.js';

const COLUMNS = ['round', 'municipality', 'area_id', 'area', 'n', 'score', 'low', 'high', 'county', 'nation',
  'versus_national', 'versus_county', 'versus_similar', 'previous', 'change', 'change_verdict'];

// One decimal, rounded as the report rounds (half away from zero), with a
// decimal comma and an ASCII minus, which Excel reads as a number.
const decimals = new Intl.NumberFormat('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false});
const number = (value) => (Number.isFinite(value) ? decimals.format(value).replace('.', ',') : '');
const field = (value) => {
  const text = String(value ?? '');
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
// A name typed by staff (a round's, say "=HYPERLINK(...)") must not become
// a formula in Excel: text that starts like one gets an apostrophe.
const text = (value) => (/^[=+\-@\t\r]/.test(String(value ?? '')) ? `'${value}` : String(value ?? ''));
const published = (cell) => Boolean(cell) && cell.suppressed === false;
const verdict = (comparison) => (comparison?.verdict ? d(`verdict.${comparison.verdict}`) : '');

export function figureRows(detail) {
  const m = detail.municipality;
  return detail.scales.map((scale) => {
    const shown = !scale.suppressed;
    return {
      round: text(detail.wave), municipality: text(`${m.code} ${m.name}`), area_id: text(scale.id), area: text(scale.title),
      n: shown ? scale.n : '', score: number(shown ? scale.raw?.mean : NaN),
      low: number(shown ? scale.raw?.ci?.[0] : NaN), high: number(shown ? scale.raw?.ci?.[1] : NaN),
      county: number(published(scale.county) ? scale.county.mean : NaN),
      nation: number(published(scale.national) ? scale.national.mean : NaN),
      versus_national: verdict(scale.versus_national), versus_county: verdict(scale.versus_county),
      versus_similar: verdict(scale.versus_similar),
      previous: number(scale.trend?.previous?.mean), change: number(scale.trend?.difference),
      change_verdict: scale.trend?.verdict ? d(scale.trend.verdict === 'better' ? 'change.improved'
        : scale.trend.verdict === 'worse' ? 'change.declined' : `verdict.${scale.trend.verdict}`) : '',
    };
  });
}

export function figuresCsv(detail) {
  const lines = [COLUMNS.map((c) => field(d(`csv.${c}`))).join(';'),
    ...figureRows(detail).map((row) => COLUMNS.map((c) => field(row[c])).join(';'))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function codebookCsv() {
  const lines = [[d('csv.column'), d('csv.meaning')].map(field).join(';'),
    ...COLUMNS.map((c) => [d(`csv.${c}`), d(`csv.${c}.meaning`)].map(field).join(';'))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

// The files of the report on screen; a new report releases the last one's.
let objectUrls = [];

function downloadLink(text, filename, label, id) {
  const url = URL.createObjectURL(new Blob([text], {type: 'text/csv;charset=utf-8'}));
  objectUrls.push(url);
  return h('a', {class: 'button button--secondary', href: url, download: filename, id}, label);
}

export function downloads(detail) {
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls = [];
  const base = `${detail.municipality.code}-${detail.wave}`.replace(/[^\w.-]+/g, '_');
  return h('div', {class: 'downloads'},
    h('p', {class: 'hint', id: 'download-hint'}, d('download.hint')),
    h('div', {class: 'actions report-actions'},
      downloadLink(figuresCsv(detail), `${base}-tall.csv`, d('download'), 'download-figures'),
      downloadLink(codebookCsv(), `${base}-kodebok.csv`, d('download.codebook'), 'download-codebook')));
}
