// The municipality's figures as files for Excel: one row per area, one row
// per answer option of each question behind an area, and a codebook
// saying what each column holds. Semicolons between fields and
// decimal commas, with a byte order mark, so Norwegian Excel opens them
// as they are. Built in the page from the same published figures the
// report shows: a withheld figure is an empty field.
import {h} from '../dom.js';
import {d} from './strings.js';

const COLUMNS = ['round', 'municipality', 'area_id', 'area', 'n', 'score', 'low', 'high', 'county', 'nation',
  'versus_national', 'versus_county', 'versus_similar', 'previous', 'change', 'change_verdict'];
const QUESTION_COLUMNS = ['round', 'municipality', 'area_id', 'area', 'question_id', 'question', 'question_n',
  'answer_code', 'answer', 'share', 'nation_share'];

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

// Shares as per cent with one decimal; withheld: empty.
export function questionRows(detail) {
  const m = detail.municipality;
  return detail.scales.flatMap((scale) => (scale.questions ?? []).flatMap((question) => {
    const shown = published(question);
    return question.options.map((option) => ({
      round: text(detail.wave), municipality: text(`${m.code} ${m.name}`), area_id: text(scale.id), area: text(scale.title),
      question_id: text(question.id), question: text(question.text), question_n: shown ? question.n : '',
      answer_code: option.code, answer: text(option.label),
      share: number(shown ? option.share * 100 : NaN),
      nation_share: number(published(question.national) ? option.national_share * 100 : NaN),
    }));
  }));
}

function csv(columns, rows) {
  const lines = [columns.map((c) => field(d(`csv.${c}`))).join(';'),
    ...rows.map((row) => columns.map((c) => field(row[c])).join(';'))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export const figuresCsv = (detail) => csv(COLUMNS, figureRows(detail));
export const questionsCsv = (detail) => csv(QUESTION_COLUMNS, questionRows(detail));

// The columns of the figures file, and of the answers per question when
// the round publishes them.
export function codebookCsv(withQuestions = false) {
  const columns = withQuestions ? [...new Set([...COLUMNS, ...QUESTION_COLUMNS])] : COLUMNS;
  const lines = [[d('csv.column'), d('csv.meaning')].map(field).join(';'),
    ...columns.map((c) => [d(`csv.${c}`), d(`csv.${c}.meaning`)].map(field).join(';'))];
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
  const withQuestions = detail.scales.some((scale) => scale.answers_per_question === 'published');
  return h('div', {class: 'downloads'},
    h('p', {class: 'hint', id: 'download-hint'}, d('download.hint')),
    h('div', {class: 'actions report-actions'},
      downloadLink(figuresCsv(detail), `${base}-tall.csv`, d('download'), 'download-figures'),
      withQuestions ? downloadLink(questionsCsv(detail), `${base}-sporsmal.csv`, d('download.questions'), 'download-questions') : null,
      downloadLink(codebookCsv(withQuestions), `${base}-kodebok.csv`, d('download.codebook'), 'download-codebook')));
}
