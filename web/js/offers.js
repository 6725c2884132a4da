// The municipality's offers for caregivers: a list used by the screening
// result, and a page to browse them. Demo offers carry a visible badge.
// GET /api/v1/municipalities/{code}/offers?type=&target_group=&condition_group=&q=&lang=
import {api} from './api.js';
import {clear, h} from './dom.js';
import {CONDITION_GROUP_IDS, language, t, term, termIds} from './i18n.js';
import {findMunicipality, municipalities, municipalitySelect} from './municipalities.js';

// -> {status: 'ok', municipality, offers} | {status: 'unavailable'}
export async function loadOffers(code, filters) {
  try {
    const reply = await api.offers(code, {...filters, lang: language()});
    return {status: 'ok', municipality: reply.municipality, offers: reply.offers ?? []};
  } catch (error) {
    return {status: 'unavailable', error};
  }
}

// How to reach the municipality's caregiver contact, when it said; else null.
export function contactBox(result) {
  const contact = result.status === 'ok' ? result.municipality?.contact : null;
  if (!contact || !Object.values(contact).some(Boolean)) return null;
  const facts = [
    [t('contact.name'), contact.contact_name],
    [t('contact.phone'), contact.phone ? h('a', {href: `tel:${contact.phone.replace(/[^+\d]/g, '')}`}, contact.phone) : ''],
    [t('contact.email'), contact.email ? h('a', {href: `mailto:${contact.email}`}, contact.email) : ''],
    [t('contact.switchboard'), contact.switchboard],
    [t('contact.web_site'), safeUrl(contact.web_site) ? h('a', {href: safeUrl(contact.web_site)}, contact.web_site) : contact.web_site],
  ].filter(([, value]) => value);
  return h('section', {class: 'contact-box', 'aria-labelledby': 'contact-title'},
    h('h2', {id: 'contact-title'}, t('contact.title', {municipality: result.municipality.name})),
    h('p', {}, t('contact.intro')),
    h('dl', {class: 'facts'}, facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])));
}

// The list of offers, headed at `level` (h2 -> offers are h3).
export function offerList(result, {emptyText = t('offers.none')} = {}) {
  if (result.status !== 'ok') return h('p', {class: 'notice', id: 'offers-unavailable'}, t('offers.unavailable'));
  const {offers} = result;
  if (!offers.length) return h('p', {class: 'notice', id: 'offers-none'}, emptyText);
  const parts = [h('p', {class: 'meta', id: 'offers-count'}, offers.length === 1 ? t('offers.count_one') : t('offers.count', {count: offers.length}))];
  if (offers.some((offer) => offer.demo)) parts.push(h('p', {class: 'notice notice--demo'}, t('offers.demo_notice')));
  parts.push(h('ul', {class: 'offers'}, offers.map(offerCard)));
  return h('div', {}, parts);
}

function offerCard(offer) {
  const id = `offer-${String(offer.id).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const details = [
    [t('offers.type'), offer.type_label ?? term('type', offer.type)],
    [t('offers.for'), (offer.target_groups ?? []).map((g) => term('target_group', g)).join(', ')],
    [t('offers.conditions'), offer.condition_groups?.length
      ? offer.condition_groups.map((g) => term('condition_group', g)).join(', ') : t('offers.all_conditions')],
  ];
  const contact = offer.contact ?? {};
  const contactLines = [
    contact.name ? h('li', {}, contact.name) : null,
    contact.phone ? h('li', {}, `${t('offers.phone')}: `, h('a', {href: `tel:${contact.phone.replace(/[^+\d]/g, '')}`}, contact.phone)) : null,
    contact.email ? h('li', {}, `${t('offers.email')}: `, h('a', {href: `mailto:${contact.email}`}, contact.email)) : null,
    safeUrl(contact.url) ? h('li', {}, `${t('offers.web')}: `, h('a', {href: safeUrl(contact.url)}, contact.url)) : null,
    offer.address ? h('li', {}, `${t('offers.address')}: ${offer.address}`) : null,
  ].filter(Boolean);
  return h('li', {class: ['offer', offer.demo && 'offer--demo'], id, 'data-type': offer.type},
    h('h3', {}, offer.name, offer.demo ? [' ', h('span', {class: 'badge'}, t('offers.demo'))] : null),
    offer.demo ? h('p', {class: 'demo-text', id: `${id}-demo`}, t('offers.demo_text')) : null,
    // What it is and how to reach it first; who it is for after.
    offer.description ? h('p', {}, offer.description) : null,
    contactLines.length ? [h('h4', {}, t('offers.contact')), h('ul', {class: 'contact'}, contactLines)] : null,
    h('dl', {class: 'facts'}, details.filter(([, value]) => value).map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])));
}

function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// #/offers: every offer of the municipality, with filters.
export async function renderOffers(view, ctx) {
  // This render's own ticket: ctx.current is the newest navigation's.
  const current = ctx.current;
  const list = await municipalities();
  if (!current()) return;
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const code = query.get('municipality') ?? ctx.municipality ?? '';
  const municipality = code ? await findMunicipality(code) : null;
  const filters = {type: query.get('type') ?? '', target_group: query.get('target_group') ?? '',
    condition_group: query.get('condition_group') ?? '', q: query.get('q') ?? ''};
  const title = municipality ? t('offers.title_all', {municipality: municipality.name}) : t('footer.offers');
  ctx.setTitle(title);

  const select = (name, label, ids, kind) => h('div', {class: 'question'},
    h('label', {class: 'question-text', for: `o-${name}`}, label),
    h('select', {id: `o-${name}`, name},
      h('option', {value: ''}, t('offers.any')),
      ids.map((id) => h('option', {value: id, selected: filters[name] === id}, term(kind, id)))));
  const form = h('form', {class: 'panel', role: 'search', 'aria-labelledby': 'filter-title', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    const next = new URLSearchParams();
    for (const [name, value] of data) if (value) next.set(name, value);
    if (data.get('municipality')) ctx.municipality = data.get('municipality');
    ctx.go(`#/offers?${next}`);
  }},
  h('h2', {id: 'filter-title'}, t('offers.filter')),
  h('div', {class: 'question'},
    h('label', {class: 'question-text', for: 'municipality'}, t('start.municipality.label')),
    municipalitySelect({id: 'municipality', list, value: code, placeholder: t('start.municipality.choose')})),
  select('type', t('offers.type'), termIds('type'), 'type'),
  select('target_group', t('offers.target_group'), termIds('target_group'), 'target_group'),
  select('condition_group', t('offers.condition_group'), CONDITION_GROUP_IDS, 'condition_group'),
  h('div', {class: 'question'},
    h('label', {class: 'question-text', for: 'o-q'}, t('offers.q')),
    h('input', {type: 'search', id: 'o-q', name: 'q', value: filters.q})),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, t('offers.show'))));

  const content = [h('h1', {}, title), form];
  if (municipality) {
    const result = await loadOffers(municipality.code, filters);
    if (!current()) return;
    content.push(h('section', {'aria-labelledby': 'offers-title'},
      h('h2', {id: 'offers-title'}, t('offers.results')),
      offerList(result)));
  } else {
    content.push(h('p', {}, t('offers.choose_municipality')));
  }
  clear(view).append(...content);
}
