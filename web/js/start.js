// The front page: choose the municipality, then a questionnaire open to it.
import {api} from './api.js';
import {clear, focus, h} from './dom.js';
import {formatDate, language, t} from './i18n.js';
import {municipalities, municipalitySelect} from './municipalities.js';
import {fieldError, errorSummary} from './validation.js';
import {questionnaireView} from './survey.js';

export async function renderStart(view, ctx) {
  // This render's own ticket: ctx.current is the newest navigation's.
  const current = ctx.current;
  const [list, {waves}] = await Promise.all([municipalities(), api.waves(language())]);
  if (!current()) return;
  ctx.setTitle('');
  const chosen = ctx.municipality ? list.find((m) => m.code === ctx.municipality) : null;

  const summary = h('div');
  const error = fieldError('municipality-error');
  const select = municipalitySelect({
    id: 'start-municipality', list, value: chosen?.code, placeholder: t('start.municipality.choose'),
    describedBy: 'start-municipality-hint municipality-error',
  });
  const form = h('form', {class: 'panel', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    if (!select.value) {
      error.show(t('start.municipality.required'));
      select.setAttribute('aria-invalid', 'true');
      errorSummary(summary, [{message: t('start.municipality.required'), target: select}]);
      return;
    }
    await ctx.setMunicipality(select.value);
    await renderStart(view, ctx);
    focus(document.getElementById('surveys-title'));
  }},
  h('div', {class: 'question'},
    h('label', {class: 'question-text', for: 'start-municipality'}, t('start.municipality.label')),
    h('p', {class: 'hint', id: 'start-municipality-hint'}, t('start.municipality.hint')),
    error.element,
    select),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, t('start.municipality.submit'))));

  const content = [
    h('h1', {}, t('start.title')),
    h('p', {class: 'lead'}, t('start.intro')),
    summary,
    form,
  ];
  if (chosen) content.push(await surveyList(waves, chosen, ctx));
  if (!current()) return;
  content.push(
    h('h2', {}, t('start.other.title')),
    h('ul', {class: 'link-list'},
      h('li', {}, h('a', {href: '#/invitation'}, t('start.other.invitation'))),
      h('li', {}, h('a', {href: '#/resume'}, t('start.other.resume'))),
      h('li', {}, h('a', {href: '#/delete'}, t('start.other.delete'))),
      h('li', {}, h('a', {href: '#/offers'}, t('start.other.offers')))));
  clear(view).append(...content);
}

async function surveyList(waves, municipality, ctx) {
  const open = onePerQuestionnaire(waves.filter((wave) => wave.national || wave.municipalities.includes(municipality.code)));
  const section = h('section', {class: 'surveys', 'aria-labelledby': 'surveys-title'},
    h('h2', {id: 'surveys-title'}, t('start.surveys.title', {municipality: municipality.name})));
  if (!open.length) {
    section.append(h('p', {}, t('start.surveys.none', {municipality: municipality.name})));
    return section;
  }
  const views = await Promise.all(open.map((wave) =>
    questionnaireView(wave.questionnaire, wave.version, language()).catch(() => null)));
  const list = h('ul', {class: 'cards'});
  open.forEach((wave, index) => {
    const questionnaire = views[index];
    const title = questionnaire?.title ?? wave.questionnaire;
    // The round's plain name says whose round it is and when.
    list.append(h('li', {class: 'card'},
      h('h3', {}, wave.plain_name ?? title),
      questionnaire?.description ? h('p', {}, questionnaire.description) : null,
      h('p', {class: 'meta'}, t('start.surveys.open_until', {date: formatDate(wave.closes)})),
      h('a', {class: 'button', href: `#/survey/${encodeURIComponent(wave.name)}`, 'data-wave': wave.name},
        t('start.surveys.start', {title}))));
  });
  section.append(list);
  return section;
}

// Two rounds of one questionnaire open at once (the nation's and the
// municipality's own) are one choice for the caregiver: the municipality's
// own round, else the one open longest.
export function onePerQuestionnaire(waves) {
  const chosen = new Map();
  for (const wave of waves) {
    const held = chosen.get(wave.questionnaire);
    const better = !held || (held.national && !wave.national) ||
      (held.national === wave.national && wave.closes > held.closes);
    if (better) chosen.set(wave.questionnaire, wave);
  }
  return waves.filter((wave) => chosen.get(wave.questionnaire) === wave);
}
