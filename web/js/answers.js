// One's own answers as a list of questions and answers (the GOV.UK
// "summary list"): on the check page, with a change link per answer, and
// on the receipt, to print or keep.
import {h} from './dom.js';
import {formatDate, language, t} from './i18n.js';
import {decide} from './rules.js';

// The answer as text: option labels, "Ja"/"Nei", a municipality's name,
// a date in words, a number with the language's decimal mark.
export function answerText(item, value, municipalities = []) {
  if (value === undefined || value === null || (Array.isArray(value) && !value.length)) return '';
  const label = (code) => {
    if (item.dont_know && item.dont_know.code === code) return item.dont_know.label;
    return item.options?.find((option) => option.code === code)?.label ?? String(code);
  };
  switch (item.type) {
    case 'yes_no': return t(value ? 'yes' : 'no');
    case 'single_choice': return label(value);
    case 'multiple_choice': return value.map(label).join(', ');
    case 'municipality': return municipalities.find((m) => m.code === value)?.name ?? value;
    case 'date': return formatDate(value);
    case 'integer':
    case 'decimal': return String(value).replace('.', language() === 'en' ? '.' : ',');
    default: return String(value);
  }
}

// The sections the answers show, each with its shown items.
// changeHref(section, item) -> a link to change the answer, or null;
// level: the sections' heading level.
export function answerSections(questionnaire, answers, {municipalities = [], changeHref = null, level = 2} = {}) {
  const decision = decide(questionnaire, answers);
  return questionnaire.sections.filter((section) => decision.sections.has(section.id)).map((section) => {
    const items = section.items.filter((item) => decision.items.has(item.id));
    return h('section', {class: 'answer-section', 'aria-labelledby': `a-${section.id}`, 'data-section': section.id},
      h(`h${level}`, {id: `a-${section.id}`}, section.title),
      h('dl', {class: 'summary-list'}, items.map((item) => {
        const text = answerText(item, decision.kept[item.id], municipalities);
        const href = changeHref?.(section, item);
        return h('div', {class: 'summary-row', 'data-item': item.id},
          h('dt', {}, item.text),
          h('dd', {class: ['summary-answer', !text && 'summary-answer--empty']}, text || t('check.unanswered')),
          href ? h('dd', {class: 'summary-change'},
            h('a', {href}, t(text ? 'check.change' : 'check.answer'), h('span', {class: 'visually-hidden'}, ` – ${item.text}`)))
            : null);
      })));
  });
}
