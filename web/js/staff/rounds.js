// Questionnaire versions and rounds from the browser. National
// administrators (#rounds) check a definition file (every problem listed)
// and publish it, and open national rounds; a municipality's staff open a
// local round for it alone from their home page (localRoundForm).
import {clear, focus, h, announce} from '../dom.js';
import {errorSummary} from '../validation.js';
import {s} from './strings.js';
import {staff} from './staff-api.js';
import {field} from './forms.js';
import {failure} from './views.js';

// The server's problems beside the fields they name, or in the summary.
function showProblems(summary, problem, fields) {
  const entries = (problem.details ?? []).map((detail) =>
    fields[detail.where] ? fields[detail.where].fail(detail.message) : {message: `${detail.where ? `${detail.where}: ` : ''}${detail.message}`});
  errorSummary(summary, entries.length ? entries : [{message: failure(problem)}]);
}

// The fields of a new round; `national` adds the municipalities.
function roundFields(prefix, national) {
  const fields = {
    name: field({id: `${prefix}-name`, label: s('rounds.name'), hint: s('rounds.name.hint'), autocomplete: 'off'}),
    questionnaire: field({id: `${prefix}-questionnaire`, label: s('rounds.questionnaire'), hint: s('rounds.questionnaire.hint'), autocomplete: 'off'}),
    version: field({id: `${prefix}-version`, label: s('rounds.version'), hint: s('rounds.version.hint'), autocomplete: 'off', className: 'input--short'}),
    opens: field({id: `${prefix}-opens`, label: s('rounds.opens'), type: 'date'}),
    closes: field({id: `${prefix}-closes`, label: s('rounds.closes'), type: 'date'}),
  };
  if (national) {
    fields.municipalities = field({id: `${prefix}-municipalities`, label: s('rounds.municipalities'),
      hint: s('rounds.municipalities.hint'), autocomplete: 'off'});
  }
  return fields;
}

function roundForm(prefix, national, create, done) {
  const summary = h('div');
  const fields = roundFields(prefix, national);
  const submit = async () => {
    for (const each of Object.values(fields)) each.reset();
    const body = {
      name: fields.name.input.value.trim(), questionnaire: fields.questionnaire.input.value.trim(),
      version: fields.version.input.value.trim() || undefined,
      opens: fields.opens.input.value, closes: fields.closes.input.value,
    };
    if (national) {
      body.municipalities = fields.municipalities.input.value.split(/[\s,;]+/).filter(Boolean);
    }
    try {
      const answer = await create(body);
      done(s('rounds.opened', {name: answer.wave.name}));
    } catch (problem) {
      showProblems(summary, problem, fields);
    }
  };
  return h('form', {class: 'panel', novalidate: true, onsubmit: (event) => { event.preventDefault(); submit(); }},
    summary, ...Object.values(fields).map((each) => each.element),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('rounds.open'))));
}

// For a municipality's card on the home page: a local round of its own.
export function localRoundForm(code, done) {
  return h('details', {class: 'local-round'},
    h('summary', {}, s('rounds.local')),
    h('p', {}, s('rounds.local.intro')),
    roundForm(`local-${code}`, false, (body) => staff.openLocalRound(code, body), done));
}

export function renderRounds(view, ctx, {notice = ''} = {}) {
  ctx.setTitle(s('rounds.title'));
  const summary = h('div');
  const result = h('div', {role: 'status'});
  const file = h('input', {type: 'file', id: 'definition-file', name: 'definition-file', accept: '.json,application/json'});
  let definition = null;

  const send = async (dryRun) => {
    clear(result);
    const chosen = file.files?.[0];
    if (!chosen) return errorSummary(summary, [{message: s('rounds.file.required'), target: file}]);
    clear(summary);
    let text;
    try {
      text = await chosen.text();
      definition = JSON.parse(text);
    } catch {
      return errorSummary(summary, [{message: s('rounds.file.not_json'), target: file}]);
    }
    try {
      const answer = await staff.publishQuestionnaire(definition, dryRun);
      const message = s(dryRun ? 'rounds.checked' : 'rounds.published',
        {title: answer.title, id: answer.id, version: answer.version});
      result.append(h('p', {class: 'notice', tabindex: '-1'}, message));
      if (dryRun) {
        result.append(h('div', {class: 'actions'}, h('button', {type: 'button', class: 'button', onclick: () => send(false)},
          s('rounds.publish', {id: answer.id, version: answer.version}))));
      }
      focus(result.querySelector('.notice'));
      announce(message);
    } catch (problem) {
      showProblems(summary, problem, {});
    }
  };

  clear(view).append(...[
    h('h1', {}, s('rounds.title')),
    notice ? h('p', {class: 'notice', role: 'status'}, notice) : null,
    h('h2', {}, s('rounds.publish.title')),
    h('p', {}, s('rounds.publish.intro')),
    summary,
    h('form', {class: 'panel', novalidate: true, onsubmit: (event) => { event.preventDefault(); send(true); }},
      h('div', {class: 'question'}, h('label', {class: 'question-text', for: 'definition-file'}, s('rounds.file')),
        h('p', {class: 'hint'}, s('rounds.file.hint')), file),
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('rounds.check')))),
    result,
    h('h2', {}, s('rounds.national')),
    h('p', {}, s('rounds.national.intro')),
    roundForm('national', true, (body) => staff.openRound(body), (message) => renderRounds(view, ctx, {notice: message})),
    h('p', {}, h('a', {href: '#home'}, s('nav.home'))),
  ].filter(Boolean));
}
