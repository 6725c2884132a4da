// The page modules that need no browser: the expression evaluator against
// the semantics of docs/questionnaire-format.md (and questionnaire/expression.cpp),
// visibility in document order, every UI string in nb, nn and en, and the
// nynorsk list generated from data/municipalities.csv.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {evaluate, parse} from '../../../web/js/expression.js';
import {decide, failedConstraints} from '../../../web/js/rules.js';
import {STRINGS, TERM_LABELS, LANGUAGES, CONDITION_GROUP_IDS} from '../../../web/js/i18n.js';
import {render, target} from '../tools/written-standard.mjs';
import {ROOT} from '../lib/server.mjs';

test('comparisons with an unanswered item are false, whatever the operator', () => {
  for (const op of ['=', '!=', '<', '<=', '>', '>=']) assert.equal(evaluate(`x ${op} 1`, {}), false, op);
  assert.equal(evaluate('not (x = 1)', {}), true);
  assert.equal(evaluate('answered(x)', {}), false);
  assert.equal(evaluate('answered(x)', {x: 9}), true);
  assert.equal(evaluate('x = 9', {x: 9}), true);
});

test('kinds must match: yes/no is not a number, text is not a number', () => {
  assert.equal(evaluate('b = true', {b: true}), true);
  assert.equal(evaluate('b = 1', {b: true}), false);
  assert.equal(evaluate('t = 1', {t: '1'}), false);
  assert.equal(evaluate("d >= '2024-01-31'", {d: '2024-02-01'}), true);
  assert.equal(evaluate('b', {b: true}), true);
  assert.equal(evaluate('b', {b: false}), false);
  assert.equal(evaluate('true', {}), true);
});

test('in, selected and multiple choice', () => {
  assert.equal(evaluate('x in [1, 2]', {x: 2}), true);
  assert.equal(evaluate('x in [1, 2]', {x: 3}), false);
  assert.equal(evaluate('m in [1, 2]', {m: [3, 2]}), true);
  assert.equal(evaluate('m in [1, 2]', {m: [3]}), false);
  assert.equal(evaluate('selected(m, 3)', {m: [3]}), true);
  assert.equal(evaluate('selected(m, 4)', {m: [3]}), false);
  assert.equal(evaluate('m = 3', {m: [3]}), false);
});

test('precedence: not binds tighter than and, and tighter than or; aliases', () => {
  assert.equal(evaluate('a = 1 or a = 2 and b = 3', {a: 1, b: 0}), true);
  assert.equal(evaluate('(a = 1 or a = 2) and b = 3', {a: 1, b: 0}), false);
  assert.equal(evaluate('not a = 1 and b = 3', {a: 2, b: 3}), true);
  assert.equal(evaluate('a == 1', {a: 1}), true);
  assert.equal(evaluate('a <> 1', {a: 2}), true);
  assert.equal(evaluate('a >= -1.5', {a: -1}), true);
  assert.equal(evaluate('t = "x y"', {t: 'x y'}), true);
});

test('syntax errors throw when parsing and count as hidden when evaluating', () => {
  assert.throws(() => parse('a = '));
  assert.throws(() => parse('a = 1 b'));
  assert.throws(() => parse("a = 'open"));
  assert.throws(() => parse('x in 1'));
  assert.equal(evaluate('a = ', {a: 1}), false);
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

test('every UI string and term exists in nb, nn and en', () => {
  const missing = [];
  for (const [key, entry] of Object.entries(STRINGS)) {
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
