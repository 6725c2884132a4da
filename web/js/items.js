// One renderer per item type. Choice groups are a fieldset with a legend;
// every other field has a <label>. Help and error messages are tied to the
// field with aria-describedby.
import {announce, h} from './dom.js';
import {language, t} from './i18n.js';
import {fieldError} from './validation.js';
import {municipalitySelect} from './municipalities.js';

// item: the questionnaire view's item; value/raw: the current answer;
// options.mark: '' | 'required' | 'optional' (text after the question);
// options.municipalities: the list for a municipality item;
// onAnswer(id, value, raw): value undefined = no answer.
export function renderItem(item, {value, raw, mark, municipalities, onAnswer}) {
  const fieldId = `f-${item.id}`;
  const helpId = item.help ? `h-${item.id}` : null;
  const errorId = `e-${item.id}`;
  const error = fieldError(errorId);
  const describedBy = [helpId, errorId].filter(Boolean).join(' ');
  const questionText = [item.text, mark ? h('span', {class: 'mark'}, ` ${t(`item.${mark}`)}`) : null];
  const help = item.help ? h('p', {class: 'hint', id: helpId}, item.help) : null;
  let body;
  let focusTarget = () => document.getElementById(fieldId);

  const choice = (type, options, checked) => {
    const inputs = options.map((option, index) => {
      const id = index === 0 ? fieldId : `${fieldId}-${index}`;
      return h('div', {class: ['option', option.dontKnow && 'option--dont-know']},
        h('input', {type, id, name: item.id, value: String(option.value), checked: checked(option.value),
          required: type === 'radio' && item.required, onchange: () => onAnswer(item.id, read())}),
        h('label', {for: id}, option.label));
    });
    const read = () => {
      const selected = [...body.querySelectorAll('input:checked')].map((input) => input.value);
      if (type === 'checkbox') return selected.length ? selected.map(Number) : undefined;
      if (!selected.length) return undefined;
      return item.type === 'yes_no' ? selected[0] === 'true' : Number(selected[0]);
    };
    // Focus the checked radio, as the arrow keys would.
    focusTarget = () => body.querySelector('input:checked') ?? document.getElementById(fieldId);
    return inputs;
  };

  if (item.type === 'single_choice' || item.type === 'multiple_choice' || item.type === 'yes_no') {
    let options;
    if (item.type === 'yes_no') {
      options = [{value: true, label: t('yes')}, {value: false, label: t('no')}];
    } else {
      options = item.options.map((o) => ({value: o.code, label: o.label}));
      if (item.dont_know) options.push({value: item.dont_know.code, label: item.dont_know.label, dontKnow: true});
    }
    const multiple = item.type === 'multiple_choice';
    const checked = multiple ? (v) => Array.isArray(value) && value.includes(v) : (v) => value === v;
    const multiHint = multiple ? h('p', {class: 'hint', id: `m-${item.id}`}, t('multi.hint')) : null;
    body = h('div', {class: ['options', item.type === 'yes_no' && 'options--inline']});
    body.append(...choice(multiple ? 'checkbox' : 'radio', options, checked));
    // A radio cannot be unchecked by pressing it again: an optional
    // question gets a button that takes the answer away.
    let clearButton = null;
    if (!multiple && !item.required) {
      clearButton = h('button', {type: 'button', class: ['link-button', 'clear-answer'], hidden: value === undefined,
        onclick: () => {
          for (const input of body.querySelectorAll('input:checked')) input.checked = false;
          clearButton.hidden = true;
          onAnswer(item.id, undefined);
          document.getElementById(fieldId)?.focus();
          announce(t('item.cleared'));
        }}, t('item.clear'), h('span', {class: 'visually-hidden'}, ` – ${item.text}`));
      body.addEventListener('change', () => { clearButton.hidden = !body.querySelector('input:checked'); });
    }
    const fieldset = h('fieldset', {class: 'question-group', 'aria-describedby': [helpId, multiHint && `m-${item.id}`, errorId].filter(Boolean).join(' ')},
      h('legend', {class: 'question-text'}, questionText), help, multiHint, error.element, body, clearButton);
    return wrap(fieldset);
  }

  let field;
  const common = {id: fieldId, name: item.id, 'aria-describedby': describedBy, required: item.required};
  switch (item.type) {
    case 'municipality':
      field = municipalitySelect({...common, list: municipalities ?? [], value, placeholder: t('start.municipality.choose'),
        describedBy, onchange: () => onAnswer(item.id, field.value || undefined)});
      break;
    case 'text': {
      const max = item.max_length ?? 2000;
      const hintId = `l-${item.id}`;
      const attributes = {...common, maxlength: max, 'aria-describedby': [helpId, hintId, errorId].filter(Boolean).join(' '),
        oninput: () => onAnswer(item.id, field.value.trim() ? field.value : undefined)};
      field = item.multiline ? h('textarea', {...attributes, rows: 6}) : h('input', {...attributes, type: 'text'});
      field.value = value ?? '';
      // One privacy hint: the question's own help, when it has one, says
      // what not to write.
      return wrapField(field, h('p', {class: 'hint', id: hintId}, t(item.help ? 'text.max' : 'text.max_private', {max})));
    }
    case 'integer':
    case 'decimal': {
      const range = item.min !== undefined && item.max !== undefined;
      const hintId = `r-${item.id}`;
      field = h('input', {...common, type: 'text', class: 'input--short', inputmode: item.type === 'integer' ? 'numeric' : 'decimal',
        autocomplete: 'off', 'aria-describedby': [helpId, range && hintId, errorId].filter(Boolean).join(' '),
        oninput: () => {
          const text = field.value.trim();
          onAnswer(item.id, parseNumber(item, text), text);
        }});
      field.value = raw ?? (value !== undefined ? String(value).replace('.', language() === 'en' ? '.' : ',') : '');
      return wrapField(field, range ? h('p', {class: 'hint', id: hintId}, t('number.range', {min: item.min, max: item.max})) : null);
    }
    case 'date':
      field = h('input', {...common, type: 'date', min: item.min, max: item.max,
        oninput: () => onAnswer(item.id, field.value || undefined, field.value)});
      field.value = value ?? '';
      break;
    default:
      field = h('input', {...common, type: 'text', oninput: () => onAnswer(item.id, field.value || undefined)});
  }
  return wrapField(field, null);

  function wrapField(input, extraHint) {
    return wrap(h('div', {class: 'question-group'},
      h('label', {class: 'question-text', for: fieldId}, questionText), help, extraHint, error.element, input));
  }

  function wrap(content) {
    const element = h('div', {class: 'question', id: `q-${item.id}`, 'data-item': item.id}, content);
    return {
      element,
      fieldId,
      focusTarget: () => focusTarget(),
      showError(message) {
        error.show(message);
        element.classList.toggle('question--error', Boolean(message));
        for (const input of element.querySelectorAll('input, select, textarea')) {
          if (message) input.setAttribute('aria-invalid', 'true');
          else input.removeAttribute('aria-invalid');
        }
      },
      setVisible(visible) { element.hidden = !visible; },
    };
  }
}

// "12" -> 12, "2,5" -> 2.5; NaN for text that is not a number; undefined
// for empty.
export function parseNumber(item, text) {
  if (!text) return undefined;
  const normalized = text.replace(/\s/g, '').replace(',', '.');
  const pattern = item.type === 'integer' ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)$/;
  return pattern.test(normalized) ? Number(normalized) : NaN;
}
