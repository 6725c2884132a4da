// The result of a burden screening: the category in plain words, what it
// means, what happens next, and the municipality's matching offers.
import {api} from './api.js';
import {clear, h} from './dom.js';
import {CONDITION_GROUP_IDS, language, t} from './i18n.js';
import {findMunicipality} from './municipalities.js';
import {getReceipt} from './state.js';
import {receiptBox} from './receipt.js';
import {contactBox, loadOffers, offerList} from './offers.js';

export async function renderResult(view, ctx) {
  // This render's own ticket: ctx.current is the newest navigation's.
  const current = ctx.current;
  const receipt = getReceipt();
  ctx.setTitle(t('result.title'));
  if (!receipt?.screening || !receipt.answers) {
    clear(view).append(h('h1', {}, t('result.title')), h('p', {}, t('receipt.missing')));
    return;
  }
  const lang = language();
  let report = null;
  try {
    report = await api.score(receipt.questionnaire, lang, receipt.version, {language: lang, answers: receipt.answers});
  } catch {
    report = null;
  }
  const municipality = await findMunicipality(receipt.municipality).catch(() => null);
  if (!current()) return;

  const content = [h('p', {class: 'survey-name'}, receipt.title), h('h1', {}, t('result.title'))];
  const burden = report?.burden?.[0];
  const category = burden?.category;
  if (!report) {
    content.push(h('p', {class: 'notice'}, t('result.unavailable')));
  } else if (!category) {
    content.push(h('p', {class: 'notice'}, t('result.not_scored')));
  } else {
    content.push(h('section', {class: ['result', `result--${category.id}`], 'aria-labelledby': 'category-title'},
      h('h2', {id: 'category-title'}, category.label),
      burden.sum !== null && burden.max_sum ? h('p', {class: 'meta'}, t('result.sum', {sum: burden.sum, max: burden.max_sum})) : null,
      h('h3', {}, t('result.meaning')),
      h('p', {id: 'category-meaning'}, category.meaning),
      h('h3', {}, t('result.follow_up')),
      h('p', {id: 'category-follow-up'}, category.follow_up),
      h('p', {}, t('result.not_alone'))));
  }

  if (municipality) {
    const condition = CONDITION_GROUP_IDS[Number(receipt.answers.condition_group) - 1];
    const filters = {target_group: 'adults', condition_group: condition};
    if (category?.offer_types?.length) filters.type = category.offer_types.join(',');
    const result = await loadOffers(municipality.code, filters);
    if (!current()) return;
    const contact = contactBox(result);
    if (contact) content.push(contact);
    content.push(h('section', {class: 'offers-section', 'aria-labelledby': 'offers-title'},
      h('h2', {id: 'offers-title'}, t('offers.title', {municipality: municipality.name})),
      offerList(result),
      h('p', {}, h('a', {href: `#/offers?municipality=${municipality.code}`}, t('offers.title_all', {municipality: municipality.name})))));
  }
  content.push(receiptBox(receipt));
  clear(view).append(...content);
}
