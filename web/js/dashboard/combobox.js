// A municipality search: the ARIA 1.2 combobox pattern (an editable
// combobox with a list popup). Typing filters the 357 municipalities by name
// or number; the arrow keys move through the list (aria-activedescendant),
// Enter or a click chooses, Escape closes and then clears. The number of
// matches is announced in a polite status region. Choosing does not change
// the page: the form's button does (WCAG 3.2.2).
import {h} from '../dom.js';
import {d} from './strings.js';

const fold = (text) => text.toLocaleLowerCase('nb').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  .replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a');

// list: [{code, name, label}] sorted by name; value: a code or null.
// Returns {element, input, value(), setError(bool)}.
export function municipalityCombobox({id, list, value, describedBy}) {
  let chosen = list.find((m) => m.code === value) ?? null;
  let matches = [];
  let active = -1;
  const listId = `${id}-list`;
  const statusId = `${id}-status`;

  const input = h('input', {
    id, name: id, type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    'aria-describedby': describedBy || null, value: chosen ? chosen.label : '',
  });
  const listbox = h('ul', {id: listId, role: 'listbox', class: 'combobox-list', hidden: true, 'aria-labelledby': `${id}-label`});
  const status = h('div', {id: statusId, class: 'visually-hidden', role: 'status'});
  const toggle = h('button', {type: 'button', class: 'combobox-toggle', tabindex: '-1', 'aria-label': d('choose.show_all'),
    'aria-controls': listId, 'aria-expanded': 'false'}, h('span', {'aria-hidden': 'true'}, '▾'));

  function filter(text) {
    const query = fold(text.trim());
    if (!query) return list;
    const starts = [];
    const contains = [];
    for (const m of list) {
      const name = fold(m.label);
      if (m.code.startsWith(query) || name.startsWith(query)) starts.push(m);
      else if (name.includes(query)) contains.push(m);
    }
    return [...starts, ...contains];
  }

  function open(text) {
    matches = filter(text);
    active = -1;
    listbox.replaceChildren(...matches.map((m, index) => h('li', {
      id: `${id}-opt-${m.code}`, role: 'option', class: 'combobox-option', 'data-code': m.code,
      'aria-selected': String(chosen?.code === m.code),
      onmousedown: (event) => event.preventDefault(),  // keep focus in the input
      onclick: () => { choose(m); input.focus(); },
    }, m.label, h('span', {class: 'combobox-code'}, ` ${m.code}`))));
    listbox.hidden = matches.length === 0;
    setExpanded(matches.length > 0);
    status.textContent = matches.length === 0 ? d('choose.none')
      : matches.length === 1 ? d('choose.match_one') : d('choose.matches', {count: matches.length});
  }

  function close() {
    listbox.hidden = true;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    setExpanded(false);
  }

  function setExpanded(expanded) {
    input.setAttribute('aria-expanded', String(expanded));
    toggle.setAttribute('aria-expanded', String(expanded));
  }

  function highlight(index) {
    const options = listbox.children;
    if (!options.length) return;
    active = (index + options.length) % options.length;
    for (const [i, option] of [...options].entries()) option.classList.toggle('combobox-option--active', i === active);
    const option = options[active];
    input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({block: 'nearest'});
  }

  function choose(m) {
    chosen = m;
    input.value = m.label;
    close();
  }

  input.addEventListener('input', () => {
    chosen = null;
    open(input.value);
  });
  input.addEventListener('keydown', (event) => {
    const expanded = !listbox.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) open(chosen ? '' : input.value);
      highlight(active < 0 ? (event.key === 'ArrowDown' ? 0 : -1) : active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      event.preventDefault();  // choose, do not submit yet
      choose(matches[active]);
    } else if (event.key === 'Escape') {
      if (expanded) close();
      else { input.value = ''; chosen = null; }
      event.preventDefault();
    } else if (event.key === 'Tab' && expanded && active >= 0) {
      choose(matches[active]);
    }
  });
  input.addEventListener('blur', () => setTimeout(() => {
    if (document.activeElement !== input) close();
  }, 0));
  toggle.addEventListener('click', () => {
    if (listbox.hidden) open('');
    else close();
    input.focus();
  });

  const element = h('div', {class: 'combobox'}, h('div', {class: 'combobox-field'}, input, toggle), listbox, status);
  return {
    element,
    input,
    // The chosen municipality, or the one whose name or number was typed in full.
    value() {
      if (chosen) return chosen.code;
      const typed = fold(input.value.trim());
      const exact = list.find((m) => fold(m.label) === typed || fold(m.name) === typed || m.code === typed);
      return exact ? exact.code : null;
    },
  };
}
