// A code from an invitation letter: typed, or from the letter's link
// (#/invitation/CODE). An unused code starts its survey in its
// municipality; the first save or submission uses it (docs/privacy.md,
// "Invitations"). The link's code leaves the address bar at once.
import {api} from './api.js';
import {clear, h} from './dom.js';
import {t} from './i18n.js';
import {errorSummary, fieldError} from './validation.js';
import {startSurvey} from './state.js';
import {findWave, invitationMessage, surveyHash} from './survey.js';

export function renderInvitation(view, ctx, codeFromLink) {
  ctx.setTitle(t('invitation.title'));
  const summary = h('div');
  const error = fieldError('e-invitation');
  const input = h('input', {type: 'text', id: 'f-invitation', name: 'invitation', autocomplete: 'off',
    autocapitalize: 'characters', spellcheck: 'false', translate: 'no', class: 'input--code',
    'aria-describedby': 'h-invitation e-invitation', required: true});
  let busy = false;

  const fail = (message) => {
    error.show(message);
    input.setAttribute('aria-invalid', 'true');
    errorSummary(summary, [{message, target: input}]);
    ctx.setTitle(`${t('err.prefix')} ${t('invitation.title')}`);
  };

  async function go() {
    const code = input.value.trim();
    if (!code) return fail(t('invitation.required'));
    if (busy) return;
    busy = true;
    try {
      const invitation = await api.invitation(code);
      const wave = await findWave(invitation.wave);
      if (!wave) return fail(t('err.wave_closed'));
      await ctx.setMunicipality(invitation.municipality);
      startSurvey(wave, {invitation: code});
      ctx.go(surveyHash(wave.name));
    } catch (problem) {
      fail(invitationMessage(problem));
    } finally {
      busy = false;
    }
  }

  clear(view).append(
    h('h1', {}, t('invitation.title')),
    h('p', {class: 'lead'}, t('invitation.intro')),
    summary,
    h('form', {novalidate: true, onsubmit: (event) => { event.preventDefault(); go(); }},
      h('div', {class: 'question'},
        h('label', {class: 'question-text', for: 'f-invitation'}, t('invitation.label')),
        h('p', {class: 'hint', id: 'h-invitation'}, t('resume.hint')),
        error.element,
        input),
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, t('invitation.submit')))));
  if (codeFromLink) {
    // Out of the address bar and the history before anything else.
    history.replaceState(null, '', `${location.pathname}${location.search}#/invitation`);
    input.value = codeFromLink;
    return go();
  }
}
