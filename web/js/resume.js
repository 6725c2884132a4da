// Save and resume: the page that shows the resume code after saving, and
// the page where a code (typed, or from the link) brings the answers back.
import {api} from './api.js';
import {clear, h} from './dom.js';
import {formatDate, language, t} from './i18n.js';
import {errorSummary, fieldError} from './validation.js';
import {currentSurvey, getSaved, startSurvey} from './state.js';
import {findWave, questionnaireView, resumeSection, sendErrorMessage, surveyHash} from './survey.js';
import {codeActions} from './receipt.js';

export function resumeLink(code, lang) {
  const url = new URL(location.href);
  url.search = lang ? `?lang=${lang}` : '';
  url.hash = `#/resume/${code}`;
  return url.href;
}

export function renderSaved(view, ctx) {
  const saved = getSaved();
  ctx.setTitle(t('saved.title'));
  if (!saved) {
    clear(view).append(h('h1', {}, t('resume.title')), h('p', {}, h('a', {href: '#/resume'}, t('resume.title'))));
    return;
  }
  const link = resumeLink(saved.code, language());
  const survey = currentSurvey();
  clear(view).append(
    h('h1', {}, t('saved.title')),
    h('p', {class: 'lead'}, t('saved.keep')),
    h('div', {class: 'code-box'},
      h('h2', {id: 'code-title'}, t('saved.code')),
      h('p', {class: 'code', id: 'resume-code', translate: 'no'}, saved.code),
      codeActions(saved.code)),
    h('h2', {}, t('saved.link')),
    h('p', {class: 'long-link'}, h('a', {href: link, id: 'resume-link', translate: 'no'}, link)),
    h('p', {}, t('saved.until', {date: formatDate(saved.closes)})),
    h('p', {class: 'notice'}, t('saved.private')),
    survey && survey.wave === saved.wave
      ? h('p', {}, h('a', {class: 'button', href: surveyHash(saved.wave, survey.savedFrom)}, t('saved.continue')))
      : null);
}

export function renderResume(view, ctx, codeFromLink) {
  ctx.setTitle(t('resume.title'));
  const summary = h('div');
  const error = fieldError('e-code');
  const input = h('input', {type: 'text', id: 'f-code', name: 'code', autocomplete: 'off', autocapitalize: 'characters',
    spellcheck: 'false', translate: 'no', class: 'input--code', 'aria-describedby': 'h-code e-code', required: true});
  const button = h('button', {type: 'submit', class: 'button'}, t('resume.submit'));
  let busy = false;

  const fail = (message) => {
    error.show(message);
    input.setAttribute('aria-invalid', 'true');
    errorSummary(summary, [{message, target: input}]);
    ctx.setTitle(`${t('err.prefix')} ${t('resume.title')}`);
  };

  async function go() {
    const code = input.value.trim();
    if (!code) return fail(t('resume.required'));
    if (busy) return;
    busy = true;
    try {
      const resumed = await api.resume(code);
      const wave = await findWave(resumed.wave);
      if (!wave) return fail(t('err.wave_closed'));
      ctx.applyResumed(resumed);
      const questionnaire = await questionnaireView(wave.questionnaire, wave.version, language());
      const survey = startSurvey(wave, {
        answers: resumed.answers ?? {}, consented: true, consentVersion: resumed.consent_version,
        resumeCode: code, welcome: true,
      });
      ctx.go(surveyHash(wave.name, resumeSection(questionnaire, survey.answers).id));
    } catch (problem) {
      if (problem.status === 404) fail(t('resume.not_found'));
      else if (problem.code === 'invalid_code') fail(t('resume.invalid'));
      else fail(sendErrorMessage(problem));
    } finally {
      busy = false;
    }
  }

  clear(view).append(
    h('h1', {}, t('resume.title')),
    summary,
    h('form', {novalidate: true, onsubmit: (event) => { event.preventDefault(); go(); }},
      h('div', {class: 'question'},
        h('label', {class: 'question-text', for: 'f-code'}, t('resume.label')),
        h('p', {class: 'hint', id: 'h-code'}, t('resume.hint')),
        error.element,
        input),
      h('div', {class: 'actions'}, button)));
  if (codeFromLink) {
    input.value = codeFromLink;
    // The link is followed as if the code were typed.
    return go();
  }
}
