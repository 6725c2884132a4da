// The caregiver's survey pages: one HTML page, views chosen by the hash
// (#/survey/WAVE/SECTION, #/resume, ...). ?lang= and ?municipality= in the
// query string set the language and the municipality.
import {LANGUAGES, language, setCurrentLanguage, t} from './i18n.js';
import {clear, focus, h, announce} from './dom.js';
import {findMunicipality, writtenStandard} from './municipalities.js';
import {renderStart} from './start.js';
import {renderSurvey} from './survey.js';
import {renderSaved, renderResume} from './resume.js';
import {renderReceipt} from './receipt.js';
import {renderResult} from './result.js';
import {renderErase} from './erase.js';
import {renderOffers} from './offers.js';
import {renderInvitation} from './invitation.js';
import {previewing} from './preview.js';

const params = new URLSearchParams(location.search);

// What every view may read and change.
export const ctx = {
  explicitLanguage: LANGUAGES.includes(params.get('lang')) ? params.get('lang') : null,
  municipality: /^\d{4}$/.test(params.get('municipality') ?? '') ? params.get('municipality') : null,
  municipalityStandard: null,
  setTitle(text) {
    document.title = text ? `${text} – ${t('site.name')}` : t('site.name');
  },
  // Sets the municipality (and, unless the caregiver chose a language,
  // the language it writes in). Returns true when the language changed.
  async setMunicipality(code) {
    ctx.municipality = code;
    replaceQuery('municipality', code);
    const municipality = await findMunicipality(code).catch(() => null);
    ctx.municipalityStandard = writtenStandard(municipality);
    return applyLanguage(defaultLanguage(), false);
  },
  // A language chosen by the caregiver, or implied by resumed answers.
  chooseLanguage(lang, remember = true) {
    if (remember) {
      ctx.explicitLanguage = lang;
      replaceQuery('lang', lang);
    }
    return applyLanguage(lang, true);
  },
  // After resuming: the response's municipality, and its language unless
  // the caregiver chose one.
  applyResumed(resumed) {
    if (resumed.municipality) {
      ctx.municipality = resumed.municipality;
      replaceQuery('municipality', resumed.municipality);
    }
    if (!ctx.explicitLanguage && LANGUAGES.includes(resumed.language)) applyLanguage(resumed.language, false);
  },
  go(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  rerender: () => route({keepFocus: true}),
};

function replaceQuery(name, value) {
  const url = new URL(location.href);
  if (value) url.searchParams.set(name, value);
  else url.searchParams.delete(name);
  history.replaceState(history.state, '', url);
}

function defaultLanguage() {
  if (ctx.explicitLanguage) return ctx.explicitLanguage;
  return ctx.municipalityStandard === 'nn' ? 'nn' : 'nb';
}

function applyLanguage(lang, rerender) {
  if (lang === language() && document.documentElement.lang === lang) return false;
  setCurrentLanguage(lang);
  document.documentElement.lang = lang;
  translateShell();
  if (rerender) route({keepFocus: true});
  return true;
}

function translateShell() {
  const text = (id, key) => { const element = document.getElementById(id); if (element) element.textContent = t(key); };
  text('skip-link', 'skip');
  text('site-name', 'site.name');
  text('footer-home', 'footer.home');
  text('footer-resume', 'footer.resume');
  text('footer-delete', 'footer.delete');
  text('footer-offers', 'footer.offers');
  text('footer-privacy', 'footer.privacy');
  text('preview-notice', 'preview.notice');
  document.getElementById('languages')?.setAttribute('aria-label', t('lang.label'));
  document.getElementById('footer-nav')?.setAttribute('aria-label', t('nav.label'));
  for (const button of document.querySelectorAll('#languages button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  }
}

const routes = [
  [/^\/?$/, (view, m) => renderStart(view, ctx)],
  [/^\/survey\/([^/]+)(?:\/([^/]+))?$/, (view, m) => renderSurvey(view, ctx, decodeURIComponent(m[1]), m[2] && decodeURIComponent(m[2]))],
  [/^\/saved$/, (view) => renderSaved(view, ctx)],
  [/^\/resume(?:\/([^/]+))?$/, (view, m) => renderResume(view, ctx, m[1] && decodeURIComponent(m[1]))],
  [/^\/invitation(?:\/([^/]+))?$/, (view, m) => renderInvitation(view, ctx, m[1] && decodeURIComponent(m[1]))],
  [/^\/receipt$/, (view) => renderReceipt(view, ctx)],
  [/^\/result$/, (view) => renderResult(view, ctx)],
  [/^\/delete$/, (view) => renderErase(view, ctx)],
  [/^\/offers$/, (view) => renderOffers(view, ctx)],
];

let renderCount = 0;
let routedUrl = '';

// Renders the view the hash names. Views are async; a newer navigation
// wins over a slower older one. ctx.current is replaced at every
// navigation, so a view keeps the one it started with (`const current =
// ctx.current;` before its first await) and asks it after each await.
async function route({keepFocus = false} = {}) {
  routedUrl = location.href;
  const hash = location.hash.replace(/^#/, '');
  if (hash && !hash.startsWith('/')) return;  // an in-page anchor
  const path = hash.split('?')[0];
  const ticket = ++renderCount;
  ctx.current = () => ticket === renderCount;
  const view = document.getElementById('view');
  const focused = document.activeElement;
  for (const [pattern, render] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    try {
      await render(view, match);
    } catch (error) {
      if (ticket !== renderCount) return;
      console.warn(error);
      clear(view).append(h('h1', {id: 'page-title'}, t('err.generic')));
    }
    if (ticket !== renderCount) return;
    if (keepFocus && focused && document.contains(focused)) focused.focus({preventScroll: true});
    else if (!ctx.keepFocusOnce) focus(view.querySelector('[data-autofocus]') ?? view.querySelector('h1'));
    ctx.keepFocusOnce = false;
    return;
  }
  ctx.setTitle(t('page.not_found'));
  clear(view).append(h('h1', {}, t('page.not_found')), h('p', {}, t('page.not_found_text')),
    h('p', {}, h('a', {href: '#/'}, t('footer.home'))));
  focus(view.querySelector('h1'));
}

async function start() {
  if (ctx.municipality) {
    const municipality = await findMunicipality(ctx.municipality).catch(() => null);
    if (municipality) ctx.municipalityStandard = writtenStandard(municipality);
    else ctx.municipality = null;
  }
  if (previewing) {
    document.getElementById('view').before(h('p', {id: 'preview-notice', class: 'wrap notice preview-notice'}));
  }
  const lang = defaultLanguage();
  setCurrentLanguage(lang);
  document.documentElement.lang = lang;
  translateShell();

  for (const button of document.querySelectorAll('#languages button')) {
    button.addEventListener('click', () => {
      if (ctx.chooseLanguage(button.dataset.lang)) announce(t('lang.changed'));
    });
  }
  // The skip link and in-page links must not change the route.
  document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    focus(document.getElementById('main'));
  });
  // Back and forward to an entry whose query differs too (the language
  // or municipality was put in the URL since) fire popstate but no
  // hashchange; a change of the hash alone fires both.
  const routeIfMoved = () => { if (location.href !== routedUrl) route(); };
  window.addEventListener('hashchange', routeIfMoved);
  window.addEventListener('popstate', routeIfMoved);
  await route({keepFocus: true});
  document.body.dataset.ready = 'true';
}

start();
