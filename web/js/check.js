// #/survey/WAVE/check: every answer on one page before sending, each with
// a link to change it (the GOV.UK "check answers" pattern). A screening
// may be seen without storing anything: its result comes from the score
// route, which keeps nothing.
import {clear, h} from './dom.js';
import {t} from './i18n.js';
import {decide} from './rules.js';
import {answerSections} from './answers.js';
import {errorSummary} from './validation.js';
import {carryErrors, checkItem, finish, sendProblem, sendResponse, surveyHash, visibleSections} from './survey.js';

export function renderCheck(page) {
  const {view, ctx, wave, questionnaire, survey} = page;
  const decision = decide(questionnaire, survey.answers);
  const visible = visibleSections(page);
  const title = `${t('check.title')} – ${questionnaire.title}`;
  ctx.setTitle(title);
  const summary = h('div');
  let sending = false;

  // What the sections would still refuse (resumed or changed answers may
  // leave gaps elsewhere).
  const gaps = () => visible.flatMap((section) => section.items
    .filter((item) => decision.items.has(item.id))
    .map((item) => ({item, section, message: checkItem(questionnaire, item, survey, true)}))
    .filter((error) => error.message));

  async function send(store, button) {
    if (sending) return;
    const errors = gaps();
    if (errors.length) {
      carryErrors(survey, {errors, general: []});
      ctx.go(surveyHash(wave.name, errors[0].section.id));
      return;
    }
    if (!store) {
      finish(page, null, decision.kept);
      return;
    }
    sending = true;
    const label = button.textContent;
    button.textContent = t('nav.sending');
    button.setAttribute('aria-disabled', 'true');
    try {
      const reply = await sendResponse(page, 'complete', decision.kept);
      finish(page, reply.receipt_code, decision.kept);
    } catch (error) {
      button.textContent = label;
      const problem = sendProblem(page, error);
      if (problem.section) {
        carryErrors(survey, problem);
        ctx.go(surveyHash(wave.name, problem.section.id));
        return;
      }
      errorSummary(summary, problem.general.map((message) => ({message})));
      ctx.setTitle(`${t('err.prefix')} ${title}`);
    } finally {
      sending = false;
      button.removeAttribute('aria-disabled');
    }
  }

  const storeButton = h('button', {type: 'button', class: 'button', id: 'send-answers',
    onclick: () => send(true, storeButton)}, t(questionnaire.screening ? 'check.store' : 'nav.submit'));
  // Answers saved for later are on the server already: "nothing is
  // stored" would not be true of them.
  const resultOnly = questionnaire.screening && !survey.resumeCode;
  const choice = questionnaire.screening
    ? [h('h2', {id: 'send-title'}, t('check.screening_title')),
      h('p', {}, t(resultOnly ? 'check.screening_text' : 'check.screening_saved_text')),
      h('div', {class: 'actions'}, storeButton,
        resultOnly ? h('button', {type: 'button', class: ['button', 'button--secondary'], id: 'result-only',
          onclick: () => send(false)}, t('check.result_only')) : null)]
    : [h('h2', {id: 'send-title'}, t('check.send_title')),
      h('p', {}, t('check.send_text')),
      h('div', {class: 'actions'}, storeButton)];

  const last = visible[visible.length - 1];
  clear(view).append(
    h('a', {class: 'back-link', href: surveyHash(wave.name, last?.id ?? 'consent')}, t('nav.back')),
    h('p', {class: 'survey-name'}, questionnaire.title),
    h('h1', {}, t('check.title')),
    h('p', {class: 'lead'}, t('check.intro')),
    summary,
    ...answerSections(questionnaire, survey.answers, {municipalities: page.municipalities,
      changeHref: (section, item) => `${surveyHash(wave.name, section.id)}?change=${encodeURIComponent(item.id)}`}),
    h('section', {class: 'send-section', 'aria-labelledby': 'send-title'}, ...choice));
}
