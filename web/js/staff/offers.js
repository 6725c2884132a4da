// A municipality's page, kept by its staff (#offers/CODE): how caregivers
// reach it (shown with screening results, on letters and posters), and its
// offer catalogue: the list, a form that adds an offer or changes one,
// removal, and the whole catalogue out and in as the CSV file `parorende
// offers import` reads.
// The server checks every offer by the import's rules and names each bad
// field; the page shows its messages beside the fields.
import {clear, focus, h, announce} from '../dom.js';
import {errorSummary, fieldError} from '../validation.js';
import {term, termIds} from '../i18n.js';
import {s} from './strings.js';
import {staff} from './staff-api.js';
import {field} from './forms.js';
import {failure} from './views.js';
import {download} from './download.js';

const LANGUAGES = ['nb', 'nn', 'en'];

// A group of checkboxes, one per term of `kind`.
function checkboxes(id, legend, kind, chosen) {
  const error = fieldError(`${id}-error`);
  const boxes = termIds(kind).map((value) => {
    const box = h('input', {type: 'checkbox', id: `${id}-${value}`, name: id, value});
    box.checked = chosen.includes(value);
    return h('div', {class: 'option'}, box, h('label', {for: `${id}-${value}`}, term(kind, value)));
  });
  const element = h('fieldset', {class: 'question', 'aria-describedby': `${id}-error`},
    h('legend', {class: 'question-text'}, legend), error.element, h('div', {class: 'options'}, ...boxes));
  return {
    element,
    values: () => [...element.querySelectorAll('input:checked')].map((box) => box.value),
    fail(message) {
      error.show(message);
      return {message, target: element.querySelector('input')};
    },
    reset: () => error.hide(),
  };
}

// The form for a new offer (`offer` null) or a change of one.
function offerForm(code, offer, done) {
  const summary = h('div');
  const id = field({id: 'offer-id', label: s('catalogue.id'), hint: s('catalogue.id.hint'), autocomplete: 'off'});
  if (offer) {
    id.input.value = offer.id;
    id.input.readOnly = true;
  }
  const typeError = fieldError('offer-type-error');
  const type = h('select', {id: 'offer-type', name: 'offer-type', 'aria-describedby': 'offer-type-error'},
    termIds('type').map((value) => h('option', {value}, term('type', value))));
  if (offer) type.value = offer.type;
  const targets = checkboxes('offer-targets', s('catalogue.targets'), 'target_group', offer?.target_groups ?? ['adults']);
  const conditions = checkboxes('offer-conditions', s('catalogue.conditions'), 'condition_group', offer?.condition_groups ?? []);
  const names = Object.fromEntries(LANGUAGES.map((lang) =>
    [lang, field({id: `offer-name-${lang}`, label: s(`catalogue.name.${lang}`), autocomplete: 'off'})]));
  const descriptions = Object.fromEntries(LANGUAGES.map((lang) =>
    [lang, field({id: `offer-description-${lang}`, label: s(`catalogue.description.${lang}`), rows: 4})]));
  const contacts = Object.fromEntries(['contact_name', 'phone', 'email', 'url', 'address'].map((name) =>
    [name, field({id: `offer-${name.replace('_', '-')}`, label: s(`catalogue.${name}`), autocomplete: 'off'})]));
  for (const lang of LANGUAGES) {
    names[lang].input.value = offer?.name?.[lang] ?? '';
    descriptions[lang].input.value = offer?.description?.[lang] ?? '';
  }
  for (const [name, each] of Object.entries(contacts)) each.input.value = offer?.[name] ?? '';

  // The server's `where` for each of its problems, and the field it means.
  const byWhere = {
    id, type: {fail: (message) => { typeError.show(message); return {message, target: type}; }, reset: () => typeError.hide()},
    target_groups: targets, condition_groups: conditions, name_nb: names.nb, ...contacts,
  };
  for (const lang of LANGUAGES) {
    byWhere[`name.${lang}`] = byWhere[`name_${lang}`] = names[lang];
    byWhere[`description.${lang}`] = byWhere[`description_${lang}`] = descriptions[lang];
  }
  const all = [...new Set(Object.values(byWhere))];

  const submit = async () => {
    for (const each of all) each.reset();
    const entries = [];
    const offerId = id.input.value.trim();
    if (!offerId) entries.push(id.fail(s('catalogue.id.required')));
    if (!names.nb.input.value.trim()) entries.push(names.nb.fail(s('catalogue.name.required')));
    if (!targets.values().length) entries.push(targets.fail(s('catalogue.targets.required')));
    if (entries.length) return errorSummary(summary, entries);
    const text = (map) => Object.fromEntries(LANGUAGES.map((lang) => [lang, map[lang].input.value.trim()]).filter(([, value]) => value));
    const body = {
      type: type.value, target_groups: targets.values(), condition_groups: conditions.values(),
      name: text(names), description: text(descriptions),
      ...Object.fromEntries(Object.entries(contacts).map(([name, each]) => [name, each.input.value.trim()])),
    };
    try {
      await staff.putOffer(code, offerId, body);
      done(s(offer ? 'catalogue.changed' : 'catalogue.added', {name: body.name.nb}));
    } catch (problem) {
      const found = (problem.details ?? []).map((detail) =>
        byWhere[detail.where] ? byWhere[detail.where].fail(detail.message) : {message: detail.message});
      errorSummary(summary, found.length ? found : [{message: failure(problem)}]);
    }
  };

  return h('form', {class: 'panel', novalidate: true, id: 'offer-form', onsubmit: (event) => { event.preventDefault(); submit(); }},
    h('h2', {id: 'offer-form-title', tabindex: '-1'}, offer ? s('catalogue.edit', {name: offer.name.nb}) : s('catalogue.new')),
    summary,
    id.element,
    h('div', {class: 'question'}, h('label', {class: 'question-text', for: 'offer-type'}, s('catalogue.type')), typeError.element, type),
    targets.element, conditions.element,
    ...LANGUAGES.map((lang) => names[lang].element),
    ...LANGUAGES.map((lang) => descriptions[lang].element),
    ...Object.values(contacts).map((each) => each.element),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'button'}, s(offer ? 'catalogue.save' : 'catalogue.add')),
      offer ? h('a', {href: `#offers/${code}`, class: ['button', 'button--secondary'], onclick: (event) => {
        event.preventDefault();
        done('');
      }}, s('catalogue.cancel')) : null));
}

const CONTACT_FIELDS = ['contact_name', 'phone', 'email', 'switchboard', 'web_site'];

function contactForm(code, contact, done) {
  const summary = h('div');
  const fields = Object.fromEntries(CONTACT_FIELDS.map((name) =>
    [name, field({id: `contact-${name.replace('_', '-')}`, label: s(`contact.${name}`), autocomplete: 'off'})]));
  for (const name of CONTACT_FIELDS) fields[name].input.value = contact?.[name] ?? '';
  const save = async () => {
    for (const each of Object.values(fields)) each.reset();
    const body = Object.fromEntries(CONTACT_FIELDS.map((name) => [name, fields[name].input.value.trim()]));
    try {
      await staff.setContact(code, body);
      done(s('contact.saved'));
    } catch (problem) {
      const found = (problem.details ?? []).map((detail) =>
        fields[detail.where] ? fields[detail.where].fail(detail.message) : {message: detail.message});
      errorSummary(summary, found.length ? found : [{message: failure(problem)}]);
    }
  };
  return h('form', {class: 'panel', novalidate: true, onsubmit: (event) => { event.preventDefault(); save(); }},
    h('h2', {}, s('contact.title')),
    h('p', {}, s('contact.intro')),
    summary,
    ...CONTACT_FIELDS.map((name) => fields[name].element),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('contact.save'))));
}

function offerCard(code, offer, actions) {
  const name = offer.name.nb;
  const forWhom = () => h('span', {class: 'visually-hidden'}, ` ${name}`);
  return h('li', {class: 'card', 'data-offer': offer.id},
    h('h3', {}, name),
    h('p', {}, `${term('type', offer.type)} · ${offer.target_groups.map((group) => term('target_group', group)).join(', ')}`),
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: () => actions.edit(offer)},
        s('catalogue.edit_button'), forWhom()),
      h('button', {type: 'button', class: ['button', 'button--warning'], onclick: () => actions.remove(offer)},
        s('catalogue.remove'), forWhom())));
}

export async function renderOffers(view, ctx, code, {editing = null, notice = ''} = {}) {
  ctx.setTitle(s('catalogue.title'));
  let home;
  let offers;
  try {
    [home, {offers}] = await Promise.all([staff.municipality(code), staff.offers(code)]);
  } catch (problem) {
    clear(view).append(h('h1', {}, s('catalogue.title')),
      h('p', {}, problem.status === 403 ? s('catalogue.forbidden') : failure(problem)));
    return;
  }
  const summary = h('div');
  const again = (options) => renderOffers(view, ctx, code, options);
  const actions = {
    edit: async (offer) => {
      await again({editing: offer});
      focus(view.querySelector('#offer-form-title'));
    },
    remove: async (offer) => {
      try {
        await staff.removeOffer(code, offer.id);
        await again({notice: s('catalogue.removed', {name: offer.name.nb})});
      } catch (problem) {
        errorSummary(summary, [{message: failure(problem)}]);
      }
    },
  };
  const finished = async (message) => {
    await again({notice: message});
    if (message) announce(message);
  };
  const file = h('input', {type: 'file', id: 'offers-file', name: 'offers-file', accept: '.csv,text/csv'});
  const upload = async () => {
    const chosen = file.files?.[0];
    if (!chosen) return errorSummary(summary, [{message: s('catalogue.file.required'), target: file}]);
    try {
      const answer = await staff.replaceOffers(code, await chosen.text());
      await again({notice: s('catalogue.replaced', {count: answer.offers.length})});
    } catch (problem) {
      const details = (problem.details ?? []).map((detail) => ({message: `${detail.where}: ${detail.message}`}));
      errorSummary(summary, details.length ? details : [{message: failure(problem)}]);
    }
  };

  clear(view).append(...[
    h('h1', {}, s('catalogue.heading', {name: home.name})),
    h('p', {}, s('catalogue.intro')),
    h('p', {}, h('a', {href: `/?municipality=${code}#/offers`}, s('catalogue.preview'))),
    notice ? h('p', {class: 'notice', role: 'status'}, notice) : null,
    contactForm(code, home.contact, finished),
    h('h2', {}, s('catalogue.offers')),
    summary,
    offers.length
      ? h('ul', {class: 'cards'}, offers.map((offer) => offerCard(code, offer, actions)))
      : h('p', {}, s('catalogue.none')),
    offerForm(code, editing, finished),
    h('h2', {}, s('catalogue.file')),
    h('p', {}, s('catalogue.file.intro')),
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: ['button', 'button--secondary'], id: 'offers-download', onclick: async () => {
        try {
          download(`tilbud-${code}.csv`, 'text/csv;charset=utf-8', await staff.offersCsv(code));
        } catch (problem) {
          errorSummary(summary, [{message: failure(problem)}]);
        }
      }}, s('catalogue.file.download'))),
    h('form', {class: 'panel', novalidate: true, onsubmit: (event) => { event.preventDefault(); upload(); }},
      h('div', {class: 'question'}, h('label', {class: 'question-text', for: 'offers-file'}, s('catalogue.file.choose')),
        h('p', {class: 'hint'}, s('catalogue.file.hint')), file),
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: ['button', 'button--warning']}, s('catalogue.file.upload')))),
    h('p', {}, h('a', {href: '#home'}, s('nav.home'))),
  ].filter(Boolean));
}
