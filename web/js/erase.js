// Erasing a submitted response with its receipt code: DELETE
// /api/v1/responses/{receipt}, after the caregiver confirms.
import {api} from './api.js';
import {clear, h} from './dom.js';
import {t} from './i18n.js';
import {errorSummary, fieldError} from './validation.js';
import {sendErrorMessage} from './survey.js';

export function renderErase(view, ctx) {
  ctx.setTitle(t('delete.title'));
  const summary = h('div');
  const codeError = fieldError('e-receipt');
  const confirmError = fieldError('e-confirm');
  const input = h('input', {type: 'text', id: 'f-receipt', name: 'receipt', autocomplete: 'off', autocapitalize: 'characters',
    spellcheck: 'false', translate: 'no', class: 'input--code', 'aria-describedby': 'e-receipt', required: true});
  const confirm = h('input', {type: 'checkbox', id: 'f-confirm', name: 'confirm', 'aria-describedby': 'e-confirm', required: true});
  let busy = false;

  function show(errors) {
    codeError.show(errors.code ?? '');
    confirmError.show(errors.confirm ?? '');
    for (const [field, invalid] of [[input, errors.code], [confirm, errors.confirm]]) {
      if (invalid) field.setAttribute('aria-invalid', 'true');
      else field.removeAttribute('aria-invalid');
    }
    const entries = [];
    if (errors.code) entries.push({message: errors.code, target: input});
    if (errors.confirm) entries.push({message: errors.confirm, target: confirm});
    if (errors.general) entries.push({message: errors.general});
    errorSummary(summary, entries);
    ctx.setTitle(entries.length ? `${t('err.prefix')} ${t('delete.title')}` : t('delete.title'));
  }

  async function erase() {
    const errors = {};
    if (!input.value.trim()) errors.code = t('delete.required');
    if (!confirm.checked) errors.confirm = t('delete.confirm_required');
    if (errors.code || errors.confirm) return show(errors);
    if (busy) return;
    busy = true;
    try {
      await api.erase(input.value.trim());
      ctx.setTitle(t('delete.done_title'));
      clear(view).append(h('h1', {tabindex: '-1', id: 'done-title'}, t('delete.done_title')), h('p', {class: 'lead'}, t('delete.done')),
        h('p', {}, h('a', {href: '#/'}, t('footer.home'))));
      document.getElementById('done-title').focus();
    } catch (problem) {
      if (problem.status === 404) show({code: t('delete.not_found')});
      else if (problem.code === 'invalid_code') show({code: t('resume.invalid')});
      else show({general: sendErrorMessage(problem)});
    } finally {
      busy = false;
    }
  }

  clear(view).append(
    h('h1', {}, t('delete.title')),
    h('p', {class: 'lead'}, t('delete.intro')),
    summary,
    h('form', {novalidate: true, onsubmit: (event) => { event.preventDefault(); erase(); }},
      h('div', {class: 'question'},
        h('label', {class: 'question-text', for: 'f-receipt'}, t('delete.label')),
        codeError.element,
        input),
      h('div', {class: 'question'},
        confirmError.element,
        h('div', {class: 'options'}, h('div', {class: 'option'}, confirm, h('label', {for: 'f-confirm'}, t('delete.confirm'))))),
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: ['button', 'button--warning']}, t('delete.submit')))));
}
