// The result of a burden screening: the category in plain words, what it
// means, what the caregiver can do next (an anonymous answer reaches no
// one, so nobody will call), urgent help for a high burden, how to reach
// the municipality, and its matching offers.
import {api} from './api.js';
import {clear, h} from './dom.js';
import {CONDITION_GROUP_IDS, language, t} from './i18n.js';
import {findMunicipality} from './municipalities.js';
import {getReceipt} from './state.js';
import {answersCopy, receiptBox} from './receipt.js';
import {contactBox, loadOffers, offerList} from './offers.js';
import {questionnaireView} from './survey.js';

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
  const stored = receipt.stored !== false;
  const [report, questionnaire, municipality, copy] = await Promise.all([
    api.score(receipt.questionnaire, lang, receipt.version, {language: lang, answers: receipt.answers}).catch(() => null),
    questionnaireView(receipt.questionnaire, receipt.version, lang).catch(() => null),
    findMunicipality(receipt.municipality).catch(() => null),
    answersCopy(receipt),
  ]);
  if (!current()) return;

  const content = [h('p', {class: 'survey-name'}, questionnaire?.title ?? ''), h('h1', {}, t('result.title'))];
  content.push(h('p', {class: 'notice', id: 'stored-notice'}, t(stored ? 'result.stored' : 'result.not_stored')));
  const burden = report?.burden?.[0];
  const category = burden?.category;
  if (!report) {
    content.push(h('p', {class: 'notice'}, t(stored ? 'result.unavailable' : 'result.unavailable_not_stored')));
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
    if (category.id === 'high') content.push(urgentHelp(burden.offer_target_group === 'children_young'));
  }

  if (municipality) {
    const condition = CONDITION_GROUP_IDS[Number(receipt.answers.condition_group) - 1];
    const filters = {target_group: burden?.offer_target_group ?? 'adults', condition_group: condition};
    if (category?.offer_types?.length) filters.type = category.offer_types.join(',');
    const result = await loadOffers(municipality.code, filters);
    if (!current()) return;
    content.push(contactBox(result) ?? noContactBox(municipality));
    content.push(h('section', {class: 'offers-section', 'aria-labelledby': 'offers-title'},
      h('h2', {id: 'offers-title'}, t('offers.title', {municipality: municipality.name})),
      offerList(result),
      h('p', {}, h('a', {href: `#/offers?municipality=${municipality.code}`}, t('offers.title_all', {municipality: municipality.name})))));
  }
  if (stored) content.push(receiptBox(receipt));
  content.push(copy);
  clear(view).append(...content);
}

// Numbers for when it cannot wait; 116 111 is for children and young
// people, and comes first on their own survey.
export function urgentHelp(young = false) {
  const line = (key, number) => h('li', {},
    h('a', {href: `tel:${number.replace(/\s/g, '')}`, class: 'help-number'}, number), ' ', t(key));
  return h('section', {class: 'urgent-help', 'aria-labelledby': 'urgent-title', id: 'urgent-help'},
    h('h2', {id: 'urgent-title'}, t('help.title')),
    h('p', {}, t('help.intro')),
    h('ul', {class: 'help-numbers'}, young
      ? [line('help.young', '116 111'), line('help.emergency', '113'), line('help.out_of_hours', '116 117')]
      : [line('help.emergency', '113'), line('help.out_of_hours', '116 117'), line('help.mental_helse', '116 123'),
        line('help.young', '116 111')]));
}

// When the municipality has not said how to reach its caregiver contact.
function noContactBox(municipality) {
  return h('section', {class: 'contact-box', 'aria-labelledby': 'contact-title', id: 'contact-missing'},
    h('h2', {id: 'contact-title'}, t('contact.title', {municipality: municipality.name})),
    h('p', {}, t('contact.missing', {municipality: municipality.name})),
    h('p', {}, t('contact.gp')));
}
