// The survey: consent, one section per screen, a progress bar, back and
// next with answers kept, live conditional items, save for later, a page
// to check the answers (check.js), submit. Visibility and checks here are
// for display; the server decides.
import {api} from './api.js';
import {announce, clear, h} from './dom.js';
import {formatDate, language, t} from './i18n.js';
import {decide, failedConstraints} from './rules.js';
import {renderItem} from './items.js';
import {errorSummary, fieldError} from './validation.js';
import {municipalities} from './municipalities.js';
import {currentSurvey, endSurvey, getReceipt, persist, setReceipt, setSaved, startSurvey} from './state.js';
import {renderCheck} from './check.js';

const views = new Map();

// The questionnaire as the caregiver sees it, in one language (cached).
export function questionnaireView(id, version, lang) {
  const key = `${id}@${version}@${lang}`;
  if (!views.has(key)) {
    const loading = api.questionnaire(id, lang, version);
    loading.catch(() => views.delete(key));
    views.set(key, loading);
  }
  return views.get(key);
}

export async function findWave(name) {
  const {waves} = await api.waves();
  return waves.find((wave) => wave.name === name) ?? null;
}

const surveyHash = (wave, step) => `#/survey/${encodeURIComponent(wave)}${step ? `/${encodeURIComponent(step)}` : ''}`;

export async function renderSurvey(view, ctx, waveName, step) {
  // This render's own ticket: ctx.current is the newest navigation's.
  const current = ctx.current;
  const wave = await findWave(waveName);
  if (!current()) return;
  if (!wave) {
    ctx.setTitle(t('err.wave_missing'));
    clear(view).append(h('h1', {}, t('err.wave_missing')), h('p', {}, h('a', {href: '#/'}, t('footer.home'))));
    return;
  }
  let survey = currentSurvey();
  if (!survey || survey.wave !== wave.name) {
    // Back (or a bookmark) after sending: say so, never an empty form.
    const receipt = getReceipt();
    if (receipt?.wave === wave.name) {
      renderSent(view, ctx, wave, receipt);
      return;
    }
    survey = startSurvey(wave);
  }
  const [questionnaire, list] = await Promise.all([
    questionnaireView(wave.questionnaire, wave.version, language()),
    municipalities(wave.national ? '' : wave.name),
  ]);
  if (!current()) return;
  // The municipality chosen on the front page answers the municipality item.
  for (const section of questionnaire.sections) {
    for (const item of section.items) {
      if (item.type === 'municipality' && survey.answers[item.id] === undefined &&
          ctx.municipality && list.some((m) => m.code === ctx.municipality)) {
        survey.answers[item.id] = ctx.municipality;
      }
    }
  }
  persist();
  const page = {view, ctx, wave, questionnaire, survey, municipalities: list};
  if (!survey.consented || step === 'consent') {
    if (step && step !== 'consent') history.replaceState(history.state, '', surveyHash(wave.name));
    renderConsent(page);
    return;
  }
  if (step === 'check') {
    renderCheck(page);
    return;
  }
  const visible = visibleSections(page);
  let section = visible.find((s) => s.id === step);
  if (!section) {
    // A section that the answers now hide: the next one that shows.
    const order = questionnaire.sections.map((s) => s.id);
    const from = order.indexOf(step);
    section = (from >= 0 && visible.find((s) => order.indexOf(s.id) > from)) || visible[0];
    history.replaceState(history.state, '', surveyHash(wave.name, section.id));
  }
  renderStep(page, section);
}

// After sending: the answers are sent (or, for a result seen without
// storing, nothing was kept), with the way back to the receipt or result.
function renderSent(view, ctx, wave, receipt) {
  const stored = receipt.stored !== false;
  const title = t(stored ? 'sent.title' : 'sent.not_stored_title');
  ctx.setTitle(title);
  const again = h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: () => {
    startSurvey(wave);
    ctx.go(surveyHash(wave.name));
  }}, t('sent.again'));
  clear(view).append(h('h1', {}, title),
    h('p', {}, t(stored ? 'sent.text' : 'sent.not_stored_text')),
    h('p', {}, h('a', {href: receipt.screening ? '#/result' : '#/receipt', id: 'sent-link'},
      t(receipt.screening ? 'sent.to_result' : 'sent.to_receipt'))),
    h('div', {class: 'actions'}, again),
    h('p', {}, h('a', {href: '#/'}, t('footer.home'))));
}

export function visibleSections({questionnaire, survey}) {
  const {sections} = decide(questionnaire, survey.answers);
  return questionnaire.sections.filter((section) => sections.has(section.id));
}

function header(questionnaire) {
  return h('p', {class: 'survey-name'}, questionnaire.title);
}

function paragraphs(text, attributes = {}) {
  return (text ?? '').split(/\n\s*\n/).filter(Boolean).map((part) => h('p', attributes, part));
}

function renderConsent(page) {
  const {view, ctx, questionnaire, survey, wave} = page;
  ctx.setTitle(`${t('consent.title')} – ${questionnaire.title}`);
  const summary = h('div');
  const error = fieldError('e-consent');
  const checkbox = h('input', {type: 'checkbox', id: 'f-consent', name: 'consent', required: true,
    'aria-describedby': 'e-consent', checked: survey.consented});
  const form = h('form', {novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    if (!checkbox.checked) {
      error.show(t('consent.required'));
      checkbox.setAttribute('aria-invalid', 'true');
      errorSummary(summary, [{message: t('consent.required'), target: checkbox}]);
      ctx.setTitle(`${t('err.prefix')} ${t('consent.title')} – ${questionnaire.title}`);
      return;
    }
    survey.consented = true;
    survey.consentVersion = questionnaire.consent?.version ?? '1';
    persist();
    ctx.go(surveyHash(wave.name, visibleSections(page)[0].id));
  }},
  h('fieldset', {class: ['question', 'question-group']},
    h('legend', {class: 'question-text'}, t('consent.legend')),
    error.element,
    h('div', {class: 'options'}, h('div', {class: 'option'}, checkbox, h('label', {for: 'f-consent'}, t('consent.checkbox'))))),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, t('consent.start'))));
  clear(view).append(
    header(questionnaire),
    h('h1', {}, t('consent.title')),
    ...paragraphs(questionnaire.description, {class: 'lead'}),
    h('div', {class: 'consent-text'}, ...paragraphs(questionnaire.consent?.text)),
    h('p', {}, t('consent.notime'), ' ', t('saved.until', {date: formatDate(wave.closes)})),
    summary,
    form);
}

// ---- one section per screen -------------------------------------------------

function renderStep(page, section) {
  const {view, ctx, wave, questionnaire, survey} = page;
  let decision = decide(questionnaire, survey.answers);
  let visible = visibleSections(page);
  const index = visible.indexOf(section);
  // ?change=ITEM: came from the check page to change one answer.
  const changing = new URLSearchParams(location.hash.split('?')[1] ?? '').get('change');
  const nextLabel = () => (changing ? t('check.back_to_check')
    : visible.indexOf(section) === visible.length - 1 ? t('nav.to_check') : t('nav.next'));
  const shownItems = section.items.filter((item) => decision.items.has(item.id));
  const required = shownItems.filter((item) => item.required).length;
  const mixed = required > 0 && required < shownItems.length;
  const note = required === 0 ? 'step.all_optional' : mixed ? 'step.mixed' : 'step.all_required';

  const progressBox = h('div', {class: 'progress-box'});
  const summary = h('div');
  const status = h('div', {role: 'status'});
  const rendered = new Map();
  let sending = false;

  const onAnswer = (id, value, raw) => {
    if (raw !== undefined) survey.raw[id] = raw;
    if (value === undefined || Number.isNaN(value)) delete survey.answers[id];
    else survey.answers[id] = value;
    if (Number.isNaN(value)) survey.invalid[id] = true;
    else delete survey.invalid[id];
    persist();
    refresh();
  };

  for (const item of section.items) {
    rendered.set(item.id, renderItem(item, {
      value: survey.answers[item.id], raw: survey.raw[item.id],
      mark: mixed && item.required ? 'required' : '',
      municipalities: page.municipalities, onAnswer,
    }));
  }

  // Live: items and sections appear and disappear as answers change.
  function refresh() {
    const next = decide(questionnaire, survey.answers);
    let itemAdded = false;
    for (const [id, item] of rendered) {
      const show = next.items.has(id);
      if (show && !decision.items.has(id)) itemAdded = true;
      item.setVisible(show);
    }
    const nextVisible = visibleSections(page);
    const added = nextVisible.filter((s) => !visible.includes(s));
    const removed = visible.filter((s) => !nextVisible.includes(s));
    decision = next;
    visible = nextVisible;
    if (added.length || removed.length) {
      drawProgress();
      const total = visible.length;
      announce([...added.map((s) => t('progress.added', {title: s.title, total})),
        ...removed.map((s) => t('progress.removed', {title: s.title, total}))].join(' '));
    } else if (itemAdded) {
      announce(t('progress.item_added'));
    }
    nextButton.textContent = nextLabel();
  }

  function drawProgress() {
    const open = progressBox.querySelector('details')?.open ?? false;
    const n = visible.indexOf(section) + 1;
    const total = visible.length;
    clear(progressBox).append(
      h('p', {class: 'progress-text', id: 'progress-text'}, t('progress.step', {n, total})),
      h('progress', {max: total, value: n, 'aria-labelledby': 'progress-text'}),
      h('details', {class: 'overview', open},
        h('summary', {}, t('progress.overview', {total})),
        h('ol', {}, visible.map((s) => {
          const here = s === section;
          const answered = s.items.some((item) => decision.kept[item.id] !== undefined);
          return h('li', {'data-section': s.id, 'aria-current': here ? 'step' : null},
            here ? s.title : h('a', {href: surveyHash(wave.name, s.id)}, s.title),
            ' ', h('span', {class: 'meta'}, here ? t('progress.current') : answered ? t('progress.done') : ''));
        }))));
  }

  // Checks the items of `sections` as the server would, as far as it can.
  function check(sections, requireAnswers) {
    const errors = [];
    for (const s of sections) {
      for (const item of s.items) {
        if (!decision.items.has(item.id)) continue;
        const message = checkItem(questionnaire, item, survey, requireAnswers);
        if (message) errors.push({item, section: s, message});
      }
    }
    return errors;
  }

  function showErrors(errors, general = []) {
    survey.errors = Object.fromEntries(errors.map((e) => [e.item.id, e.message]));
    persist();
    for (const [id, item] of rendered) item.showError(survey.errors[id] ?? '');
    const entries = [...general.map((message) => ({message})), ...errors.map((e) => entryFor(e))];
    errorSummary(summary, entries);
    ctx.setTitle(entries.length ? `${t('err.prefix')} ${title()}` : title());
  }

  function entryFor(error) {
    if (error.section === section) {
      const item = rendered.get(error.item.id);
      return {message: `${error.item.text} – ${error.message}`, target: () => item.focusTarget(), targetId: item.fieldId};
    }
    return {message: `${error.item.text} – ${error.message} ${t('err.elsewhere', {title: error.section.title})}`,
      href: surveyHash(wave.name, error.section.id)};
  }

  const title = () => `${section.title} – ${questionnaire.title}`;

  async function save() {
    if (sending) return;
    sending = true;
    const label = saveButton.textContent;
    saveButton.textContent = t('nav.sending');
    saveButton.setAttribute('aria-disabled', 'true');
    try {
      const reply = await sendResponse(page, 'partial', decision.kept);
      survey.resumeCode = reply.resume_code || survey.resumeCode;
      survey.savedFrom = section.id;
      persist();
      setSaved({code: survey.resumeCode, wave: wave.name, closes: wave.closes, lang: language()});
      ctx.go('#/saved');
    } catch (error) {
      saveButton.textContent = label;
      const problem = sendProblem(page, error);
      if (problem.section && problem.section !== section) {
        carryErrors(survey, problem);
        ctx.go(surveyHash(wave.name, problem.section.id));
      } else {
        showErrors(problem.errors, problem.general);
      }
    } finally {
      sending = false;
      saveButton.removeAttribute('aria-disabled');
    }
  }

  const nextButton = h('button', {type: 'submit', class: 'button'}, nextLabel());
  const saveButton = h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: () => {
    const errors = check([section], false);
    if (errors.length) return showErrors(errors);
    save();
  }}, t('nav.save'));

  const form = h('form', {novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    if (sending) return;
    const errors = check([section], true);
    if (errors.length) return showErrors(errors);
    survey.errors = {};
    survey.generalErrors = [];
    persist();
    const position = visible.indexOf(section);
    // The check page shows what is still unanswered elsewhere.
    if (changing || position === visible.length - 1) return ctx.go(surveyHash(wave.name, 'check'));
    ctx.go(surveyHash(wave.name, visible[position + 1].id));
  }},
  [...rendered.values()].map((item) => item.element),
  h('div', {class: 'actions'}, nextButton, saveButton));

  const previous = changing ? surveyHash(wave.name, 'check')
    : surveyHash(wave.name, index > 0 ? visible[index - 1].id : 'consent');
  const back = h('a', {class: 'back-link', href: previous}, t('nav.back'));

  drawProgress();
  for (const [id, item] of rendered) item.setVisible(decision.items.has(id));
  ctx.setTitle(title());
  clear(view).append(
    back,
    progressBox,
    header(questionnaire),
    h('h1', {id: 'step-title'}, section.title),
    ...paragraphs(section.description, {class: 'lead'}),
    h('p', {class: 'step-note'}, t(note)),
    status,
    summary,
    form);

  if (survey.welcome) {
    status.append(h('p', {class: 'notice'}, t('resume.welcome')));
    survey.welcome = false;
    persist();
  }
  // Errors carried here from another screen (or a reload).
  const carried = Object.entries(survey.errors ?? {}).filter(([id]) => decision.items.has(id));
  if (carried.length || survey.generalErrors?.length) {
    const errors = carried.map(([id, message]) => {
      const s = questionnaire.sections.find((candidate) => candidate.items.some((item) => item.id === id));
      return {item: s.items.find((item) => item.id === id), section: s, message};
    });
    showErrors(errors, survey.generalErrors ?? []);
    survey.generalErrors = [];
    ctx.keepFocusOnce = true;
  } else if (changing && rendered.has(changing)) {
    const item = rendered.get(changing);
    ctx.keepFocusOnce = true;
    item.focusTarget()?.focus({preventScroll: true});
    item.element.scrollIntoView({block: 'start'});
  }
}

// Sends the answers as `status` ('partial' or 'complete'): a new response,
// or the one a resume code names. Throws the ApiError.
export async function sendResponse(page, status, answers) {
  const {ctx, wave, questionnaire, survey} = page;
  const document = {status, consent_version: survey.consentVersion, language: language(), answers};
  // A questionnaire without a municipality item still belongs to one.
  if (!municipalityAnswer(questionnaire, answers) && ctx.municipality) document.municipality = ctx.municipality;
  // A code from an invitation letter is used by the first submission.
  if (!survey.resumeCode && survey.invitation) document.invitation = survey.invitation;
  const reply = survey.resumeCode
    ? await api.update(survey.resumeCode, language(), document)
    : await api.submit(wave.name, language(), document);
  survey.invitation = null;
  persist();
  return reply;
}

// What a refused submission means for the caregiver: per-question errors
// (and the section of the first), and messages for the whole form.
export function sendProblem(page, error) {
  const {questionnaire, survey} = page;
  if (error.status === 422 && error.details?.length) {
    const errors = [];
    const general = [];
    for (const detail of error.details) {
      const s = questionnaire.sections.find((candidate) => candidate.items.some((item) => item.id === detail.where));
      if (s) errors.push({item: s.items.find((item) => item.id === detail.where), section: s, message: detail.message});
      else general.push(detail.message);
    }
    return {errors, general, section: errors[0]?.section ?? null};
  }
  if (error.code?.startsWith('invitation_')) {
    // The answers must not be stuck behind a code: the next press sends
    // them without it.
    survey.invitation = null;
    persist();
    return {errors: [], general: [`${invitationMessage(error)} ${t('invitation.send_without')}`], section: null};
  }
  return {errors: [], general: [sendErrorMessage(error)], section: null};
}

// Errors shown when the caregiver lands on another section.
export function carryErrors(survey, problem) {
  survey.errors = Object.fromEntries(problem.errors.map((e) => [e.item.id, e.message]));
  survey.generalErrors = problem.general;
  persist();
}

export function sendErrorMessage(error) {
  if (error.code === 'preview') return t('err.preview');
  if (error.status === 0) return t('err.network');
  if (error.status === 429) return t('err.rate_limited');
  if (error.code === 'wave_closed' || error.code === 'wave_not_open_yet') return t('err.wave_closed');
  if (error.status === 503) return t('err.unavailable');
  return error.message && error.status === 422 ? error.message : t('err.generic');
}

// What a caregiver reads when an invitation code does not open a survey.
export function invitationMessage(problem) {
  if (problem.code === 'invitation_used') return t('invitation.used');
  if (problem.code === 'invitation_not_found') return t('invitation.not_found');
  if (problem.code === 'invalid_code') return t('invitation.invalid');
  if (problem.code === 'invitation_mismatch') return t('invitation.mismatch');
  return sendErrorMessage(problem);
}

// What to do about a required question left unanswered, by its kind.
function requiredMessage(item) {
  switch (item.type) {
    case 'single_choice':
    case 'yes_no': return t('err.required_choice');
    case 'multiple_choice': return t('err.required_choices');
    case 'municipality': return t('err.required_municipality');
    case 'integer':
    case 'decimal': return t('err.required_number');
    case 'date': return t('err.required_date');
    default: return t('err.required_text');
  }
}

// The client's own checks of one item; the server's 422 says the same or
// more. Returns a message or ''.
export function checkItem(questionnaire, item, survey, requireAnswers) {
  const value = survey.answers[item.id];
  if (survey.invalid?.[item.id]) return t(item.type === 'integer' ? 'err.integer' : 'err.decimal');
  if (value === undefined) return requireAnswers && item.required ? requiredMessage(item) : '';
  switch (item.type) {
    case 'integer':
    case 'decimal':
      if (item.min !== undefined && value < item.min) return t('err.min', {min: item.min});
      if (item.max !== undefined && value > item.max) return t('err.max', {max: item.max});
      break;
    case 'text':
      if ([...value].length > (item.max_length ?? 2000)) return t('err.too_long', {max: item.max_length ?? 2000});
      break;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('err.date');
      if (item.min && value < item.min) return t('err.min', {min: formatDate(item.min)});
      if (item.max && value > item.max) return t('err.max', {max: formatDate(item.max)});
      break;
    case 'multiple_choice':
      if (item.min_choices && value.length < item.min_choices) return t('err.min_choices', {min: item.min_choices});
      if (item.max_choices && value.length > item.max_choices) return t('err.max_choices', {max: item.max_choices});
      break;
    default:
      break;
  }
  return failedConstraints(questionnaire, item, survey.answers)[0] ?? '';
}

// After a complete response (receiptCode), or a screening's result seen
// without storing (receiptCode null): a screening shows its result, any
// other questionnaire its receipt.
export function finish(page, receiptCode, answers) {
  const {ctx, wave, questionnaire} = page;
  const screening = Boolean(questionnaire.screening);
  setReceipt({
    code: receiptCode, stored: receiptCode !== null, wave: wave.name, questionnaire: questionnaire.id,
    version: questionnaire.version, municipality: municipalityAnswer(questionnaire, answers) ?? ctx.municipality, screening,
    // Kept in this tab only: the result and the copy of one's answers are
    // drawn from them, in whichever language is chosen.
    answers,
  });
  endSurvey();
  ctx.go(screening ? '#/result' : '#/receipt');
}

function municipalityAnswer(questionnaire, answers) {
  for (const section of questionnaire.sections) {
    const item = section.items.find((candidate) => candidate.type === 'municipality' && answers[candidate.id]);
    if (item) return answers[item.id];
  }
  return null;
}

// Resuming: the section to continue at is the one after the last answered.
export function resumeSection(questionnaire, answers) {
  const {sections, kept} = decide(questionnaire, answers);
  const visible = questionnaire.sections.filter((s) => sections.has(s.id));
  let last = -1;
  visible.forEach((s, i) => { if (s.items.some((item) => kept[item.id] !== undefined)) last = i; });
  return visible[Math.min(last + 1, visible.length - 1)] ?? visible[0];
}

export {surveyHash};
