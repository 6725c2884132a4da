// A labelled field with its hint and error, as the survey pages lay them
// out (web/js/validation.js): the error summary links to the field.
import {h} from '../dom.js';
import {fieldError} from '../validation.js';

// With `rows`, a textarea of that many rows (free text, spell-checked).
export function field({id, label, hint, type = 'text', autocomplete, inputmode, className, rows}) {
  const error = fieldError(`${id}-error`);
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  const input = rows
    ? h('textarea', {id, name: id, rows, 'aria-describedby': described})
    : h('input', {type, id, name: id, autocomplete, inputmode, class: className,
      spellcheck: 'false', autocapitalize: 'none', 'aria-describedby': described});
  const element = h('div', {class: 'question'},
    h('label', {class: 'question-text', for: id}, label),
    hint ? h('p', {class: 'hint', id: `${id}-hint`}, hint) : null,
    error.element,
    input);
  return {
    element,
    input,
    fail(message) {
      error.show(message);
      input.setAttribute('aria-invalid', 'true');
      return {message, target: input};
    },
    reset() {
      error.hide();
      input.removeAttribute('aria-invalid');
    },
  };
}
