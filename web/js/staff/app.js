// The staff pages (web/staff.html): sign in, enrol the second factor, then
// the home page of the account's roles, "my account" and, for national
// administrators, the accounts. The hash picks the page: #account,
// #accounts, #invitations/CODE (a municipality's invitation letters),
// #offers/CODE (its offer catalogue), #rounds (questionnaires and national
// rounds), #comments/CODE/ROUND (a round's comments in a municipality),
// anything else the home page. ?lang= picks the language.
import {LANGUAGES, language, setCurrentLanguage, t} from '../i18n.js';
import {clear, focus, h, announce} from '../dom.js';
import {s} from './strings.js';
import {staff} from './staff-api.js';
import {renderSignIn, renderReset, renderEnrol, renderHome, renderAccount, renderAccounts} from './views.js';
import {renderInvitations} from './invitations.js';
import {renderOffers} from './offers.js';
import {renderRounds} from './rounds.js';
import {renderComments} from './comments.js';

const params = new URLSearchParams(location.search);
let session = null;
let firstRender = true;

function applyLanguage(lang) {
  setCurrentLanguage(lang);
  document.documentElement.lang = lang;
  const text = (id, value) => { const element = document.getElementById(id); if (element) element.textContent = value; };
  text('skip-link', t('skip'));
  text('site-name', s('site.name'));
  text('footer-home', s('to_survey'));
  document.getElementById('languages')?.setAttribute('aria-label', t('lang.label'));
  document.getElementById('footer-nav')?.setAttribute('aria-label', t('nav.label'));
  for (const button of document.querySelectorAll('#languages button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  }
}

function staffNavigation() {
  const existing = document.getElementById('staff-nav');
  existing?.remove();
  if (!session?.second_factor_done) return;
  const nav = h('nav', {id: 'staff-nav', class: 'wrap', 'aria-label': s('nav.label')},
    h('ul', {class: 'staff-nav'},
      h('li', {}, h('a', {href: '#home'}, s('nav.home'))),
      h('li', {}, h('a', {href: '#account'}, s('nav.account'))),
      h('li', {}, h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: async () => {
        const ended = await staff.signOut().catch(() => null);
        // Signed in through a provider: end its session too, then come back.
        if (ended?.end_session_url) location.assign(ended.end_session_url);
        else ctx.signedOut();
      }}, s('nav.signout')))));
  document.querySelector('.site-header').append(nav);
}

const ctx = {
  setTitle(title) { document.title = `${title} – ${s('site.name')}`; },
  signedIn(signedIn) {
    session = signedIn;
    location.hash = '#home';
    render();
  },
  signedOut() {
    session = null;
    history.replaceState(null, '', location.pathname + location.search);
    render();
  },
  async refresh() {
    session = await staff.session();
    render();
  },
};

async function render() {
  document.body.dataset.ready = 'false';
  const view = document.getElementById('view');
  staffNavigation();
  const page = location.hash.replace(/^#/, '');
  if (!session && page === 'reset') renderReset(view, ctx);
  else if (!session) await renderSignIn(view, ctx);
  else if (!session.second_factor_done) renderEnrol(view, ctx);
  else if (page === 'account') renderAccount(view, ctx, session);
  else if (page === 'accounts') await renderAccounts(view, ctx, session);
  else if (page === 'rounds') renderRounds(view, ctx);
  else if (/^invitations\/\d{4}$/.test(page)) await renderInvitations(view, ctx, page.slice('invitations/'.length));
  else if (/^offers\/\d{4}$/.test(page)) await renderOffers(view, ctx, page.slice('offers/'.length));
  else if (/^comments\/\d{4}\/./.test(page)) {
    const [, code, ...wave] = page.split('/');
    let name = wave.join('/');
    try { name = decodeURIComponent(name); } catch { /* a hand-typed hash: the name as written */ }
    await renderComments(view, ctx, code, name);
  }
  else await renderHome(view, ctx, session);
  if (!firstRender) focus(view.querySelector('h1'));
  firstRender = false;
  document.body.dataset.ready = 'true';
}

async function start() {
  const lang = LANGUAGES.includes(params.get('lang')) ? params.get('lang') : 'nb';
  applyLanguage(lang);
  for (const button of document.querySelectorAll('#languages button')) {
    button.addEventListener('click', () => {
      applyLanguage(button.dataset.lang);
      const url = new URL(location.href);
      url.searchParams.set('lang', button.dataset.lang);
      history.replaceState(history.state, '', url);
      announce(t('lang.changed'));
      render();
    });
  }
  try {
    session = await staff.session();
  } catch {
    clear(document.getElementById('view')).append(h('p', {}, s('unavailable')));
    return;
  }
  window.addEventListener('hashchange', () => render());
  render();
}

start();
