// Error messages beside fields and the error summary at the top of a form
// (the pattern of the Norwegian and UK design systems): the summary takes
// focus, and each entry is a link that moves focus to its field.
import {clear, focus, h} from './dom.js';
import {t} from './i18n.js';

// A message element to put right above a field; hidden until shown.
export function fieldError(id) {
  const text = h('span');
  const element = h('p', {class: 'error-message', id, hidden: true},
    h('span', {class: 'visually-hidden'}, `${t('err.prefix')} `), text);
  return {
    element,
    show(message) {
      text.textContent = message;
      element.hidden = !message;
    },
    hide() { element.hidden = true; text.textContent = ''; },
  };
}

// entries: [{message, target (an element, or a function returning one with
//            targetId), or href (a link to another page), label (optional
//            text before the message)}]
export function errorSummary(container, entries, {takeFocus = true} = {}) {
  clear(container);
  if (!entries.length) return null;
  const box = h('div', {class: 'error-summary', tabindex: '-1'},
    h('h2', {id: 'error-summary-title'}, t('err.summary')),
    h('ul', {}, entries.map((entry) => {
      const message = entry.label ? `${entry.label}: ${entry.message}` : entry.message;
      if (entry.href) return h('li', {}, h('a', {href: entry.href}, message));
      if (!entry.target) return h('li', {}, message);
      const targetId = typeof entry.target === 'function' ? entry.targetId : entry.target.id;
      return h('li', {}, h('a', {href: `#${targetId ?? ''}`, onclick: (event) => {
        event.preventDefault();
        const target = typeof entry.target === 'function' ? entry.target() : entry.target;
        if (target) {
          target.focus();
          (target.closest('.question') ?? target).scrollIntoView({block: 'start'});
        }
      }}, message));
    })));
  container.append(box);
  if (takeFocus) focus(box);
  return box;
}
