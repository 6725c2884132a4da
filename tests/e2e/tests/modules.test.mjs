// The page modules that need no browser: the expression evaluator against
// the cases the engine is tested with (tests/data/expression_cases.json),
// visibility in document order, every UI string in nb, nn and en, and the
// nynorsk list generated from data/municipalities.csv.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {evaluate, parse} from '../../../web/js/expression.js';
import {decide, failedConstraints} from '../../../web/js/rules.js';
import {STRINGS, TERM_LABELS, LANGUAGES, CONDITION_GROUP_IDS} from '../../../web/js/i18n.js';
import {STAFF_STRINGS} from '../../../web/js/staff/strings.js';
import {render, target} from '../tools/written-standard.mjs';
import {ROOT} from '../lib/server.mjs';
import {figuresCsv, questionsCsv} from '../../../web/js/dashboard/download.js';

// The cases the engine's tests read too (tests/questionnaire/expression_test.cpp).
const expressionCases = JSON.parse(readFileSync(path.join(ROOT, 'tests/data/expression_cases.json'), 'utf8'));

// An answer as the page holds it: a date is its "YYYY-MM-DD" text.
function pageAnswers(answers) {
  const written = typeof answers === 'string' ? expressionCases.answer_sets[answers] : answers;
  return Object.fromEntries(Object.entries(written).map(([item, value]) =>
    [item, value !== null && typeof value === 'object' && !Array.isArray(value) ? value.date : value]));
}

test('every expression case shared with the engine holds in the page', () => {
  assert.ok(expressionCases.cases.length >= 100);
  for (const c of expressionCases.cases) {
    const label = `expression '${c.expression}'`;
    if (c.only !== undefined) {
      assert.ok(c.why, `${label}: a one-sided case says why`);
      if (c.only !== 'page') continue;
    }
    if ('value' in c) {
      assert.equal(evaluate(c.expression, pageAnswers(c.answers)), c.value, label);
      continue;
    }
    assert.throws(() => parse(c.expression), (error) => {
      assert.equal(error.code, c.error, label);
      assert.equal(error.column, c.column, label);
      assert.equal(error.reason, c.message, label);
      assert.equal(error.message, `column ${c.column}: ${c.message}`, label);
      return true;
    }, label);
  }
});

test('an expression that does not parse counts as hidden', () => {
  assert.equal(evaluate('a = ', {a: 1}), false);
  assert.equal(evaluate(`${'('.repeat(100)}a = 1${')'.repeat(100)}`, {a: 1}), false);
});

test('visibility is decided in document order, as the engine does', () => {
  // The doc's "conditions" example.
  const questionnaire = {sections: [
    {id: 'family', items: [
      {id: 'children_at_home', type: 'yes_no'},
      {id: 'age', type: 'integer', constraints: [{expression: 'age >= 18 or children_at_home = false', message: 'too young'}]},
      {id: 'kind', type: 'multiple_choice'},
      {id: 'kind_other', type: 'text', visible_if: 'selected(kind, 3)'},
    ]},
    {id: 'children', visible_if: 'children_at_home = true', items: [
      {id: 'children_informed', type: 'single_choice', visible_if: 'not (age < 18) and (kind in [1, 2] or not answered(kind))'},
    ]},
  ]};
  let result = decide(questionnaire, {});
  assert.deepEqual([...result.sections], ['family']);
  assert.ok(!result.items.has('kind_other'));
  result = decide(questionnaire, {children_at_home: true, kind: [3], kind_other: 'x', age: 40});
  assert.ok(result.items.has('kind_other'));
  assert.equal(result.kept.kind_other, 'x');
  assert.ok(!result.items.has('children_informed'), 'kind 3 only: hidden');
  assert.ok(!result.sections.has('children'), 'a section with no item to show gets no screen');
  result = decide(questionnaire, {children_at_home: true, kind: [1], age: 40});
  assert.ok(result.sections.has('children'));
  assert.ok(result.items.has('children_informed'));
  // An answer to a hidden item is dropped before later rules read it.
  result = decide(questionnaire, {children_at_home: false, children_informed: 1});
  assert.ok(!('children_informed' in result.kept));
  assert.deepEqual(failedConstraints(questionnaire, questionnaire.sections[0].items[1], {children_at_home: true, age: 12}), ['too young']);
  assert.deepEqual(failedConstraints(questionnaire, questionnaire.sections[0].items[1], {children_at_home: false, age: 12}), []);
});

test('the shipped questionnaire: the children section follows children_in_family', () => {
  const definition = JSON.parse(readFileSync(path.join(ROOT, 'questionnaires/parorendeundersokelse.json'), 'utf8'));
  const view = {sections: definition.sections.map((s) => ({id: s.id, visible_if: s.visible_if, items: s.items}))};
  assert.ok(!decide(view, {}).sections.has('children'));
  assert.ok(decide(view, {children_in_family: true}).sections.has('children'));
  assert.ok(!decide(view, {children_in_family: false}).sections.has('children'));
});

test('every UI string (the survey\'s and the staff pages\') and term exists in nb, nn and en', () => {
  const missing = [];
  for (const [key, entry] of [...Object.entries(STRINGS), ...Object.entries(STAFF_STRINGS)]) {
    for (const lang of LANGUAGES) if (!entry[lang]?.trim()) missing.push(`${key}.${lang}`);
    const placeholders = (lang) => (entry[lang]?.match(/\{\w+\}/g) ?? []).sort().join();
    for (const lang of LANGUAGES) {
      if (placeholders(lang) !== placeholders('nb')) missing.push(`${key}.${lang} placeholders`);
    }
  }
  for (const [kind, terms] of Object.entries(TERM_LABELS)) {
    for (const [id, entry] of Object.entries(terms)) {
      for (const lang of LANGUAGES) if (!entry[lang]) missing.push(`${kind}.${id}.${lang}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('offer vocabulary matches reference/offer_types.cpp', () => {
  const source = readFileSync(path.join(ROOT, 'reference/offer_types.cpp'), 'utf8');
  const ids = (array) => [...source.split(`${array}[] = {`)[1].split('};')[0].matchAll(/\{"([a-z_]+)"/g)].map((m) => m[1]);
  assert.deepEqual(Object.keys(TERM_LABELS.type), ids('kTypes'));
  assert.deepEqual(Object.keys(TERM_LABELS.target_group), ids('kTargetGroups'));
  assert.deepEqual(CONDITION_GROUP_IDS, ids('kConditionGroups'));
  assert.deepEqual(Object.keys(TERM_LABELS.condition_group), ids('kConditionGroups'));
});

test('web/js/written-standard.js is up to date with data/municipalities.csv', () => {
  assert.equal(readFileSync(target, 'utf8'), render(),
    'stale: run node tests/e2e/tools/written-standard.mjs');
});

test('the dashboard\'s CSV: semicolons, decimal commas, withheld figures empty, no formula from a typed name', () => {
  const scale = (id, title, n, mean) => ({id, title, n, suppressed: n === null,
    raw: n === null ? null : {mean, ci: [mean - 2.04, mean + 2.04]},
    national: {suppressed: false, mean: 61.44}, county: {suppressed: true},
    versus_national: n === null ? null : {verdict: 'worse'}, versus_county: null, versus_similar: null,
    trend: n === null ? null : {previous: {mean: 58}, difference: -3.75, verdict: 'no_significant_difference'}});
  const csv = figuresCsv({wave: '=HYPERLINK("https://x.example","klikk")',
    municipality: {code: '3407', name: 'Gjøvik'},
    scales: [scale('information', 'Informasjon; og kommunikasjon', 143, 54.25), scale('respite', '@Avlastning', null)]});
  assert.ok(csv.startsWith('\ufeff'), 'a byte order mark for Excel');
  const lines = csv.slice(1).trimEnd().split('\r\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[1], `"'=HYPERLINK(""https://x.example"",""klikk"")";3407 Gjøvik;information;"Informasjon; og kommunikasjon";`
    + '143;54,3;52,2;56,3;;61,4;Dårligere;;;58,0;-3,8;Ingen sikker forskjell');
  assert.equal(lines[2], `"'=HYPERLINK(""https://x.example"",""klikk"")";3407 Gjøvik;respite;'@Avlastning;;;;;;61,4;;;;;;`);
});


test('the dashboard\'s answers per question: one line per option, per cent with a decimal comma, a withheld question empty', () => {
  const option = (code, label, share, national_share) => ({code, label, share, national_share});
  const csv = questionsCsv({wave: '2026', municipality: {code: '3407', name: 'Gjøvik'}, scales: [{id: 'information', title: 'Informasjon',
    questions: [
      {id: 'info_given', text: 'Jeg fikk informasjon; tidlig', n: 40, suppressed: false, national: {suppressed: false},
        options: [option(1, 'Uenig', 0.125, 0.0625), option(2, 'Enig', 0.875, 0.9375)]},
      {id: 'info_rights', text: 'Jeg kjenner rettighetene', n: null, suppressed: true, national: {suppressed: false},
        options: [option(1, 'Uenig', undefined, 0.5), option(2, 'Enig', undefined, 0.5)]},
    ]}]});
  const lines = csv.slice(1).trimEnd().split('\r\n');
  assert.equal(lines.length, 5);
  assert.equal(lines[1], '2026;3407 Gjøvik;information;Informasjon;info_given;"Jeg fikk informasjon; tidlig";40;1;Uenig;12,5;6,3');
  assert.equal(lines[3], '2026;3407 Gjøvik;information;Informasjon;info_rights;Jeg kjenner rettighetene;;1;Uenig;;50,0');
});

