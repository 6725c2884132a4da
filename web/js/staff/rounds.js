// Questionnaire versions and rounds from the browser. National
// administrators (#rounds) check a definition file or a REDCap data
// dictionary (every problem listed, what REDCap gave that was left out),
// preview it in each language as caregivers will see it, publish it, and
// open national rounds; a municipality's staff open a local round for it
// alone from their home page (localRoundForm).
import {clear, focus, h, announce} from '../dom.js';
import {errorSummary} from '../validation.js';
import {s} from './strings.js';
import {staff} from './staff-api.js';
import {field} from './forms.js';
import {failure} from './views.js';
import {keepPreview, previewUrl} from '../preview.js';

// What the consent did not tell caregivers, in the page's language.
const REFUSALS = {
  comments_not_consented: 'rounds.error.comments',
  results_not_consented: 'rounds.error.results',
  participation_not_consented: 'rounds.error.tracked',
  wave_exists: 'rounds.error.exists',
};

// The server's problems beside the fields they name, or in the summary.
function showProblems(summary, problem, fields) {
  const entries = (problem.details ?? []).map((detail) =>
    fields[detail.where] ? fields[detail.where].fail(detail.message) : {message: `${detail.where ? `${detail.where}: ` : ''}${detail.message}`});
  const known = REFUSALS[problem.code];
  errorSummary(summary, entries.length ? entries : [{message: known ? s(known) : failure(problem)}]);
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

// A checkbox with its hint.
function choice(id, label, hint) {
  const box = h('input', {type: 'checkbox', id, name: id, 'aria-describedby': `${id}-hint`});
  const element = h('div', {class: 'question'},
    h('div', {class: 'options'}, h('div', {class: 'option'}, box, h('label', {for: id}, label))),
    h('p', {class: 'hint', id: `${id}-hint`}, hint));
  return {element, box};
}

function roundForm(prefix, national, create, done) {
  const summary = h('div');
  const fields = roundFields(prefix, national);
  // Unticked, the round's results are as its consent says (public only
  // when the caregivers were told so); ticked, for staff only.
  const staffOnly = choice(`${prefix}-staff-only`, s('rounds.staff_only'), s('rounds.staff_only.hint'));
  const tracked = choice(`${prefix}-tracked`, s('rounds.tracked'), s('rounds.tracked.hint'));
  const comments = choice(`${prefix}-comments`, s('rounds.comments'), s('rounds.comments.hint'));
  const submit = async () => {
    for (const each of Object.values(fields)) each.reset();
    const body = {
      name: fields.name.input.value.trim(), questionnaire: fields.questionnaire.input.value.trim(),
      version: fields.version.input.value.trim() || undefined,
      opens: fields.opens.input.value, closes: fields.closes.input.value,
    };
    if (staffOnly.box.checked) body.results_public = false;
    if (tracked.box.checked) body.participation_tracked = true;
    if (comments.box.checked) body.comments_shared = true;
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
    summary, ...Object.values(fields).map((each) => each.element), staffOnly.element, comments.element, tracked.element,
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
  const file = h('input', {type: 'file', id: 'definition-file', name: 'definition-file',
    accept: '.json,application/json,.csv,text/csv,.zip,application/zip', 'aria-describedby': 'definition-file-hint'});
  const redcapId = field({id: 'redcap-id', label: s('rounds.redcap.id'), hint: s('rounds.redcap.id.hint'), autocomplete: 'off'});
  const redcapVersion = field({id: 'redcap-version', label: s('rounds.redcap.version'), hint: s('rounds.redcap.version.hint'),
    autocomplete: 'off', className: 'input--short'});
  let definition = null;
  let warnings = [];

  // The chosen file as a definition: JSON as it is, a REDCap data
  // dictionary (CSV) or instrument (ZIP) converted by the server. Null
  // after showing why not.
  const read = async (chosen) => {
    const zip = /\.zip$/i.test(chosen.name) || chosen.type === 'application/zip';
    const text = zip ? '' : await chosen.text();
    if (zip || /\.csv$/i.test(chosen.name) || chosen.type === 'text/csv') {
      const options = {};
      if (redcapId.input.value.trim()) options.id = redcapId.input.value.trim();
      if (redcapVersion.input.value.trim()) options.version = redcapVersion.input.value.trim();
      const converted = await staff.convertRedcap(zip ? await chosen.arrayBuffer() : text, options);
      warnings = converted.warnings;
      return converted.definition;
    }
    warnings = [];
    try {
      return JSON.parse(text);
    } catch {
      errorSummary(summary, [{message: s('rounds.file.not_json'), target: file}]);
      return null;
    }
  };

  const previewLinks = (answer) => h('div', {class: 'preview-links'},
    h('p', {}, s('rounds.preview.intro')),
    h('ul', {class: 'link-list'}, answer.languages.map((lang) => h('li', {},
      h('a', {href: previewUrl.replace('?preview=1', `?preview=1&lang=${lang}`), target: '_blank',
        hreflang: lang}, s('rounds.preview', {language: s(`language.${lang}`)}))))));

  const send = async (dryRun) => {
    clear(result);
    if (dryRun) {
      const chosen = file.files?.[0];
      if (!chosen) return errorSummary(summary, [{message: s('rounds.file.required'), target: file}]);
      clear(summary);
      try {
        definition = await read(chosen);
      } catch (problem) {
        return showProblems(summary, problem, {});
      }
      if (!definition) return;
    }
    try {
      const answer = await staff.publishQuestionnaire(definition, dryRun);
      const message = s(dryRun ? 'rounds.checked' : 'rounds.published',
        {title: answer.title, id: answer.id, version: answer.version});
      result.append(h('p', {class: 'notice', tabindex: '-1'}, message));
      if (warnings.length) {
        result.append(h('p', {}, s('rounds.redcap.warnings')),
          h('ul', {class: 'redcap-warnings'}, warnings.map((warning) => h('li', {}, `${warning.where}: ${warning.message}`))));
      }
      if (dryRun) {
        keepPreview(answer);
        result.append(previewLinks(answer));
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
        h('p', {class: 'hint', id: 'definition-file-hint'}, s('rounds.file.hint')), file),
      h('details', {class: 'redcap-options'}, h('summary', {}, s('rounds.redcap')), redcapId.element, redcapVersion.element),
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('rounds.check')))),
    result,
    h('h2', {}, s('rounds.national')),
    h('p', {}, s('rounds.national.intro')),
    roundForm('national', true, (body) => staff.openRound(body), (message) => renderRounds(view, ctx, {notice: message})),
    h('p', {}, h('a', {href: '#home'}, s('nav.home'))),
  ].filter(Boolean));
}
