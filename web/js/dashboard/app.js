// The dashboard for municipality staff (web/dashboard.html): choose a
// municipality and a wave, then see its report (report.js). The query
// string holds the state, so a report can be linked and printed:
// /dashboard.html?municipality=5038&wave=2026&area=information&lang=nn
import {LANGUAGES, language, setCurrentLanguage, t} from '../i18n.js';
import {clear, focus, h, announce} from '../dom.js';
import {municipalities, writtenStandard} from '../municipalities.js';
import {fieldError, errorSummary} from '../validation.js';
import {d} from './strings.js';
import {results, staffMode} from './results-api.js';
import {municipalityCombobox} from './combobox.js';
import {renderReport} from './report.js';

const params = new URLSearchParams(location.search);
const state = {
  explicitLanguage: LANGUAGES.includes(params.get('lang')) ? params.get('lang') : null,
  municipality: /^\d{4}$/.test(params.get('municipality') ?? '') ? params.get('municipality') : null,
  wave: params.get('wave') || null,
  area: params.get('area') || null,
  list: [],
  waves: [],
};
let renderCount = 0;

function replaceQuery(values) {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(values)) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  history.replaceState(history.state, '', url);
}

function defaultLanguage() {
  if (state.explicitLanguage) return state.explicitLanguage;
  const municipality = state.list.find((m) => m.code === state.municipality);
  return writtenStandard(municipality) === 'nn' ? 'nn' : 'nb';
}

function applyLanguage(lang) {
  setCurrentLanguage(lang);
  document.documentElement.lang = lang;
  const text = (id, value) => { const element = document.getElementById(id); if (element) element.textContent = value; };
  text('skip-link', t('skip'));
  text('site-name', d('site.name'));
  text('footer-home', d('to_survey'));
  text('footer-staff', d('to_staff'));
  text('footer-privacy', d('footer.privacy'));
  document.getElementById('languages')?.setAttribute('aria-label', t('lang.label'));
  document.getElementById('footer-nav')?.setAttribute('aria-label', t('nav.label'));
  for (const button of document.querySelectorAll('#languages button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  }
}

// The waves to choose from: every one that has opened, open or closed,
// newest first (GET /api/v1/waves?with=results), and the one in the address. Nothing of any wave's results is fetched before a
// municipality is chosen (the first view stays small).
async function listWaves() {
  const {waves: all} = await results.waves(language()).catch(() => ({waves: []}));
  // A round whose results are for staff only is offered from the staff pages.
  const waves = all.filter((wave) => staffMode || wave.results_public !== false);
  state.waves = waves;
  if (state.wave && !waves.some((w) => w.name === state.wave)) state.waves = [{name: state.wave}, ...waves];
  if (!state.wave && waves.length === 1) state.wave = waves[0].name;
}

// Without a wave in the address: the one where the chosen municipality has
// the most published answers (its own results only, one small read each).
async function chooseWave(code) {
  const answers = await Promise.all(state.waves.map((w) => results.municipality(w.name, code, language())
    .then((detail) => detail.scales.reduce((sum, scale) => sum + (scale.suppressed ? 0 : scale.n ?? 0), 0))
    .catch(() => -1)));
  return state.waves[answers.indexOf(Math.max(...answers))]?.name ?? null;
}

// A round by its plain name; two of the same name get their identifiers.
function roundLabel(wave) {
  if (!wave.plain_name) return wave.name;
  const twins = state.waves.filter((w) => w.plain_name === wave.plain_name).length;
  return twins > 1 ? `${wave.plain_name} (${wave.name})` : wave.plain_name;
}

function failureText(failure) {
  if (failure?.code === 'results_not_public') return d('staff_only');
  if (failure?.status === 401) return d('sign_in');
  return failure?.status === 404 ? d('not_found') : d('unavailable');
}

async function render({focusReport = false, keepFocus = false} = {}) {
  const ticket = ++renderCount;
  const view = document.getElementById('view');
  const focused = document.activeElement;
  const lang = language();
  document.title = state.municipality
    ? `${d('heading.municipality', {municipality: state.list.find((m) => m.code === state.municipality)?.name ?? state.municipality})} – ${d('site.name')}`
    : d('site.name');

  const summary = h('div');
  const error = fieldError('dashboard-municipality-error');
  const combobox = municipalityCombobox({
    id: 'dashboard-municipality', list: state.list, value: state.municipality,
    describedBy: 'dashboard-municipality-hint dashboard-municipality-error',
  });
  const waveSelect = state.waves.length > 1
    ? h('select', {id: 'dashboard-wave', name: 'wave'},
      state.wave ? null : h('option', {value: ''}, d('choose.wave_best')),
      state.waves.map((w) =>
        h('option', {value: w.name, selected: w.name === state.wave}, roundLabel(w))))
    : null;
  const form = h('form', {class: 'panel dashboard-form', novalidate: true, role: 'search', 'aria-label': d('choose.legend'), onsubmit: async (event) => {
    event.preventDefault();
    const code = combobox.value();
    if (!code) {
      error.show(d('choose.required'));
      combobox.input.setAttribute('aria-invalid', 'true');
      errorSummary(summary, [{message: d('choose.required'), target: combobox.input}]);
      return;
    }
    state.municipality = code;
    state.wave = (waveSelect ? waveSelect.value : state.wave) || await chooseWave(code);
    replaceQuery({municipality: code, wave: state.wave});
    if (!state.explicitLanguage) applyLanguage(defaultLanguage());
    await render({focusReport: true});
  }},
  h('div', {class: 'dashboard-fields'},
    h('div', {class: 'question dashboard-field'},
      h('label', {class: 'question-text', for: 'dashboard-municipality', id: 'dashboard-municipality-label'}, d('choose.municipality')),
      h('p', {class: 'hint', id: 'dashboard-municipality-hint'}, d('choose.hint')),
      error.element,
      combobox.element),
    waveSelect ? h('div', {class: 'question dashboard-field'},
      h('label', {class: 'question-text', for: 'dashboard-wave'}, d('choose.wave')),
      waveSelect) : null),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, d('choose.submit'))));

  const content = [h('h1', {id: 'page-title'}, d('title')), h('p', {class: 'lead'}, d('intro')), summary, form];
  const reportBox = h('div', {id: 'report'});
  content.push(reportBox);
  clear(view).append(...content);

  if (!state.waves.length) {
    reportBox.append(h('p', {class: 'notice'}, d('no_waves')));
  } else if (state.municipality && state.wave) {
    reportBox.append(h('p', {class: 'meta'}, t('loading')));
    try {
      const [overview, detail] = await Promise.all([
        results.overview(state.wave, lang, state.municipality), results.municipality(state.wave, state.municipality, lang)]);
      if (ticket !== renderCount) return;
      state.k = detail.min_respondents ?? overview.min_respondents;
      const roundName = (name) => {
        const round = state.waves.find((w) => w.name === name);
        return round ? roundLabel(round) : name;
      };
      reportBox.replaceChildren(renderReport({overview, detail, roundName, area: state.area, onArea: (area) => {
        state.area = area;
        replaceQuery({area});
      }}));
    } catch (failure) {
      if (ticket !== renderCount) return;
      console.warn(failure);
      reportBox.replaceChildren(h('p', {class: 'notice', role: 'alert'},
        failureText(failure)));
    }
  }
  if (ticket !== renderCount) return;
  if (keepFocus && focused && document.contains(focused)) focused.focus({preventScroll: true});
  else if (focusReport) focus(document.getElementById('report-title') ?? reportBox.querySelector('.notice') ?? view.querySelector('h1'));
  document.body.dataset.ready = 'true';
}

async function start() {
  try {
    state.list = await municipalities();
  } catch {
    state.list = [];
  }
  if (state.municipality && !state.list.some((m) => m.code === state.municipality)) state.municipality = null;
  applyLanguage(defaultLanguage());
  await listWaves();
  if (state.municipality && !state.wave && state.waves.length) state.wave = await chooseWave(state.municipality);
  for (const button of document.querySelectorAll('#languages button')) {
    button.addEventListener('click', async () => {
      if (button.dataset.lang === language() && state.explicitLanguage) return;
      state.explicitLanguage = button.dataset.lang;
      replaceQuery({lang: button.dataset.lang});
      applyLanguage(button.dataset.lang);
      await render({keepFocus: true});
      announce(t('lang.changed'));
    });
  }
  document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    focus(document.getElementById('main'));
  });
  await render({keepFocus: true});
}

start();
