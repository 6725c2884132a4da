// The staff pages' views: sign-in, enrolling the second factor, the home
// page of each role, my account, and the national administrators' list of
// accounts. Each renders into `view` and reports through `ctx`
// ({setTitle, go, signedIn, signedOut}).
import {clear, focus, h, announce} from '../dom.js';
import {errorSummary} from '../validation.js';
import {language, t} from '../i18n.js';
import {s} from './strings.js';
import {staff} from './staff-api.js';
import {field} from './forms.js';
import {localRoundForm} from './rounds.js';

// `names`: municipality names by code, where known.
function roleText(grant, names = {}) {
  return s(`role.${grant.role}`, {scope: names[grant.scope] ?? grant.scope});
}

export function failure(problem) {
  return problem.status === 0 || problem.status >= 500 ? s('unavailable') : problem.message;
}

// The message for /staff.html#sign-in-error=CODE, where a failed sign-in
// through a provider lands.
function providerFailure(code) {
  if (code === 'no_role') return s('signin.no_role');
  if (code === 'provider_unavailable') return s('signin.provider_unavailable');
  if (code === 'second_factor_missing') return s('signin.second_factor_missing');
  return s('signin.provider_failed');
}

function providerButtons(providers) {
  if (!providers.length) return [];
  return [
    h('h2', {}, s('signin.providers')),
    h('ul', {class: 'provider-list'}, ...providers.map((provider) =>
      h('li', {}, h('a', {class: 'button', href: `${provider.sign_in_url}?lang=${language()}`},
        s('signin.provider', {name: provider.name}))))),
    h('h2', {}, s('signin.local')),
  ];
}

export async function renderSignIn(view, ctx) {
  ctx.setTitle(s('signin.title'));
  const providers = await staff.providers().catch(() => []);
  const failedCode = new URLSearchParams(location.hash.replace(/^#/, '')).get('sign-in-error');
  const summary = h('div');
  const username = field({id: 'username', label: s('signin.username'), autocomplete: 'username'});
  const password = field({id: 'password', label: s('signin.password'), type: 'password', autocomplete: 'current-password'});
  const code = field({id: 'one-time-code', label: s('signin.code'), hint: s('signin.code.hint'),
    autocomplete: 'one-time-code', inputmode: 'numeric', className: 'input--short'});
  code.element.hidden = true;
  let busy = false;

  const show = (entries) => {
    errorSummary(summary, entries);
    ctx.setTitle(`${t('err.prefix')} ${s('signin.title')}`);
  };

  async function submit() {
    for (const each of [username, password, code]) each.reset();
    const entries = [];
    if (!username.input.value.trim()) entries.push(username.fail(s('signin.required.username')));
    if (!password.input.value) entries.push(password.fail(s('signin.required.password')));
    if (!code.element.hidden && !code.input.value.trim()) entries.push(code.fail(s('signin.required.code')));
    if (entries.length) return show(entries);
    if (busy) return;
    busy = true;
    try {
      const session = await staff.signIn(username.input.value.trim(), password.input.value, code.input.value.trim());
      ctx.signedIn(session);
    } catch (problem) {
      if (problem.code === 'sign_in_failed' && problem.details.some((d) => d.where === 'one_time_code')) {
        code.element.hidden = false;
        clear(summary);
        announce(s('signin.code_needed'));
        focus(code.input);
      } else if (problem.code === 'sign_in_failed') {
        show([password.fail(s('signin.failed'))]);
        password.input.value = '';
        code.input.value = '';
      } else if (problem.code === 'rate_limited') {
        show([{message: s('signin.throttled', {minutes: Math.max(1, Math.ceil(problem.retryAfter / 60))})}]);
      } else {
        show([{message: failure(problem)}]);
      }
    } finally {
      busy = false;
    }
  }

  clear(view).append(
    h('h1', {}, s('signin.title')),
    h('p', {class: 'lead'}, s('signin.intro')),
    summary,
    ...providerButtons(providers),
    h('form', {class: 'panel', novalidate: true, onsubmit: (event) => { event.preventDefault(); submit(); }},
      username.element, password.element, code.element,
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('signin.submit')))),
    h('p', {}, h('a', {href: '#reset'}, s('signin.reset'))));
  if (failedCode) show([{message: providerFailure(failedCode)}]);
}

// Setting a password with the one-time code from an administrator
// (`parorende user add` or `user reset`): staff.html#reset.
export function renderReset(view, ctx) {
  ctx.setTitle(s('reset.title'));
  const summary = h('div');
  const status = h('div', {role: 'status'});
  const code = field({id: 'reset-code', label: s('reset.code'), hint: s('reset.code.hint'), autocomplete: 'off'});
  const wanted = field({id: 'reset-password', label: s('account.password.new'), hint: s('account.password.hint'),
    type: 'password', autocomplete: 'new-password'});
  const submit = async () => {
    code.reset();
    wanted.reset();
    const entries = [];
    if (!code.input.value.trim()) entries.push(code.fail(s('reset.required')));
    if (wanted.input.value.length < 12) entries.push(wanted.fail(s('account.password.weak')));
    if (entries.length) return errorSummary(summary, entries);
    try {
      await staff.resetPassword(code.input.value.trim(), wanted.input.value);
      clear(summary);
      clear(view).append(h('h1', {}, s('reset.title')), status,
        h('p', {}, h('a', {href: '#', class: 'button'}, s('signin.title'))));
      status.append(h('p', {class: 'notice'}, s('reset.done')));
      focus(view.querySelector('h1'));
    } catch (problem) {
      if (problem.code === 'reset_code_invalid') errorSummary(summary, [code.fail(s('reset.invalid'))]);
      else if (problem.code === 'password_too_weak') errorSummary(summary, [wanted.fail(s('account.password.weak'))]);
      else errorSummary(summary, [{message: failure(problem)}]);
    }
  };
  clear(view).append(
    h('h1', {}, s('reset.title')),
    summary,
    h('form', {class: 'panel', novalidate: true, onsubmit: (event) => { event.preventDefault(); submit(); }},
      code.element, wanted.element,
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('reset.submit')))));
}

export function renderEnrol(view, ctx) {
  ctx.setTitle(s('enrol.title'));
  const summary = h('div');
  const steps = h('div');
  const begin = async () => {
    let key;
    try {
      key = await staff.beginTotp();
    } catch (problem) {
      return errorSummary(summary, [{message: failure(problem)}]);
    }
    const code = field({id: 'enrol-code', label: s('enrol.code'), hint: s('signin.code.hint'),
      autocomplete: 'one-time-code', inputmode: 'numeric', className: 'input--short'});
    const confirm = async () => {
      code.reset();
      try {
        await staff.confirmTotp(code.input.value.trim());
        announce(s('enrol.done'));
        ctx.refresh();
      } catch (problem) {
        const message = problem.code === 'sign_in_failed' ? s('enrol.wrong') : failure(problem);
        errorSummary(summary, [code.fail(message)]);
      }
    };
    const qr = h('img', {class: 'qr-code', alt: s('enrol.qr'), width: 200, height: 200,
      src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(key.qr_svg)}`});
    clear(steps).append(
      h('p', {}, s('enrol.scan')),
      qr,
      h('dl', {class: 'facts'}, h('dt', {}, s('enrol.key')), h('dd', {class: 'code', translate: 'no', id: 'totp-key'}, key.key)),
      h('form', {novalidate: true, onsubmit: (event) => { event.preventDefault(); confirm(); }},
        code.element,
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('enrol.confirm')))));
    focus(code.input);
  };
  clear(view).append(
    h('h1', {}, s('enrol.title')),
    summary,
    h('p', {}, s('enrol.intro')),
    steps);
  steps.append(h('div', {class: 'actions'}, h('button', {type: 'button', class: 'button', onclick: begin}, s('enrol.start'))));
}

// "2026-W11".."2026-W12" as "Uke 11–12 2026".
function weekText(group) {
  const [year, first] = group.first.split('-W').map(Number);
  const [lastYear, last] = group.last.split('-W').map(Number);
  const key = group.first === group.last ? 'progress.week' : year === lastYear ? 'progress.weeks' : 'progress.weeks_span';
  return s(key, {first, last, year, last_year: lastYear, count: group.complete});
}

// A round and how many have answered it in the municipality: each count
// is shown from k on ("fewer than k" before), by the server's rule.
function roundProgress(code, wave, progress, join) {
  const title = s('home.round', {name: wave.name, opens: wave.opens, closes: wave.closes});
  const round = progress?.rounds.find((each) => each.wave === wave.name);
  // Public results on the public dashboard; staff-only ones through the
  // staff routes (?staff=1).
  const query = new URLSearchParams({municipality: code, wave: wave.name});
  if (!wave.results_public) query.set('staff', '1');
  const results = h('p', {},
    h('a', {href: `/dashboard.html?${query}`}, s('home.round_results'), h('span', {class: 'visually-hidden'}, ` ${wave.name}`)),
    wave.results_public ? null : ` ${s('home.staff_only')}`);
  if (!round) return h('div', {class: 'round', 'data-wave': wave.name}, h('h4', {}, title), join, results);
  const comments = wave.comments_shared
    ? h('p', {}, h('a', {href: `#comments/${code}/${encodeURIComponent(wave.name)}`},
      s('home.comments'), h('span', {class: 'visually-hidden'}, ` ${wave.name}`)))
    : null;
  // The round's own k: its questionnaire may raise it above the server's.
  const k = round.shown_from ?? progress.shown_from;
  const count = (value) => value === null ? s('invitations.fewer_than', {k}) : String(value);
  const facts = [
    [s('progress.complete'), count(round.complete)],
    [s('progress.partial'), count(round.partial)],
  ];
  if (round.invitations_issued > 0) {
    facts.push([s('progress.invitations'), String(round.invitations_issued)]);
    if (round.response_rate !== null) {
      facts.push([s('progress.rate'), `${Math.round(round.response_rate * 100)} %`]);
    }
  }
  return h('div', {class: 'round', 'data-wave': wave.name},
    h('h4', {}, title),
    join,
    h('dl', {class: 'facts'}, facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    round.weeks.length
      ? [h('p', {}, s('progress.by_week')), h('ul', {}, round.weeks.map((group) => h('li', {}, weekText(group))))]
      : null,
    results,
    comments);
}

// For a national round the municipality has not joined: what joining
// gives, and the button.
function joinRound(code, wave, joined) {
  const summary = h('div');
  return h('div', {class: 'join'},
    summary,
    h('p', {}, s('home.join.intro')),
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'button', onclick: async () => {
      try {
        await staff.joinRound(code, wave.name);
        await joined(s('home.joined', {name: wave.name}));
      } catch (problem) {
        errorSummary(summary, [{message: failure(problem)}]);
      }
    }}, s('home.join'), h('span', {class: 'visually-hidden'}, ` ${wave.name}`))));
}

export async function renderHome(view, ctx, session) {
  const account = session.account;
  ctx.setTitle(s('home.title', {name: account.display_name}));
  const sections = [];
  const staffGrants = account.grants.filter((grant) => grant.role === 'municipality_staff');
  const homes = await Promise.all(staffGrants.map((grant) => staff.municipality(grant.scope).catch(() => null)));
  const progress = await Promise.all(staffGrants.map((grant) => staff.progress(grant.scope).catch(() => null)));
  const names = Object.fromEntries(homes.filter(Boolean).map((home) => [home.code, home.name]));
  homes.forEach((home, index) => {
    if (!home) return;
    const rounds = progress[index];
    sections.push(h('section', {class: 'card', 'aria-labelledby': `m-${home.code}`},
      h('h2', {id: `m-${home.code}`}, s('home.municipality', {name: home.name})),
      h('h3', {}, s('home.rounds')),
      home.waves.length
        ? home.waves.map((wave) => roundProgress(home.code, wave, rounds, wave.joined ? null
          : joinRound(home.code, wave, async (message) => {
            await renderHome(view, ctx, session);
            focus(view.querySelector(`.round[data-wave="${CSS.escape(wave.name)}"] h4`));
            announce(message);
          })))
        : h('p', {}, s('home.no_rounds')),
      localRoundForm(home.code, async (message) => {
        await renderHome(view, ctx, session);
        announce(message);
      }),
      h('p', {}, s('home.offers', {count: home.offers})),
      h('ul', {class: 'link-list'},
        h('li', {}, h('a', {href: `#invitations/${home.code}`}, s('home.invitations'))),
        h('li', {}, h('a', {href: `#offers/${home.code}`}, s('home.catalogue'))),
        h('li', {}, h('a', {href: `/dashboard.html?municipality=${home.code}`}, s('home.results'))))));
  });
  if (account.grants.some((grant) => grant.role === 'national_admin')) {
    sections.push(h('section', {class: 'card', 'aria-labelledby': 'admin-title'},
      h('h2', {id: 'admin-title'}, s('home.admin')),
      h('ul', {class: 'link-list'},
        h('li', {}, h('a', {href: '#accounts'}, s('home.accounts'))),
        h('li', {}, h('a', {href: '#rounds'}, s('home.rounds_admin'))))));
  }
  for (const grant of account.grants.filter((g) => g.role === 'researcher')) {
    sections.push(h('p', {}, s('home.researcher', {wave: grant.scope, date: grant.expires_on ?? ''})));
  }
  clear(view).append(
    h('h1', {}, s('home.title', {name: account.display_name})),
    h('p', {}, account.grants.map((grant) => roleText(grant, names)).join(', ') || s('home.no_roles')),
    ...sections);
}

export function renderAccount(view, ctx, session) {
  ctx.setTitle(s('account.title'));
  const summary = h('div');
  const status = h('div', {role: 'status'});
  const current = field({id: 'current-password', label: s('account.password.current'), type: 'password', autocomplete: 'current-password'});
  const wanted = field({id: 'new-password', label: s('account.password.new'), hint: s('account.password.hint'),
    type: 'password', autocomplete: 'new-password'});
  const change = async () => {
    current.reset();
    wanted.reset();
    clear(status);
    try {
      await staff.changePassword(current.input.value, wanted.input.value);
      clear(summary);
      current.input.value = '';
      wanted.input.value = '';
      status.append(h('p', {class: 'notice'}, s('account.password.done')));
    } catch (problem) {
      if (problem.code === 'sign_in_failed') errorSummary(summary, [current.fail(s('account.password.wrong'))]);
      else if (problem.code === 'password_too_weak') errorSummary(summary, [wanted.fail(s('account.password.weak'))]);
      else errorSummary(summary, [{message: failure(problem)}]);
    }
  };
  clear(view).append(
    h('h1', {}, s('account.title')),
    h('p', {}, s('account.signed_in_as', {username: session.account.username})),
    summary,
    status,
    h('h2', {}, s('account.password.title')),
    h('form', {class: 'panel', novalidate: true, onsubmit: (event) => { event.preventDefault(); change(); }},
      current.element, wanted.element,
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('account.password.submit')))),
    h('h2', {}, s('account.sessions.title')),
    h('p', {}, s('account.sessions.intro')),
    h('div', {class: 'actions'}, h('button', {type: 'button', class: ['button', 'button--warning'], onclick: async () => {
      await staff.signOutEverywhere().catch(() => null);
      ctx.signedOut();
    }}, s('account.sessions.everywhere'))));
}

// The national administrators' accounts page: the list, each account's
// disable/enable and new one-time code, and a form that adds an account.
// A code is shown once, in the status line, to be handed over in person.
export async function renderAccounts(view, ctx, session) {
  ctx.setTitle(s('accounts.title'));
  let list;
  try {
    list = (await staff.accounts()).accounts;
  } catch (problem) {
    clear(view).append(h('h1', {}, s('accounts.title')),
      h('p', {}, problem.status === 403 ? s('accounts.forbidden') : failure(problem)));
    return;
  }
  const status = h('div', {role: 'status', class: 'account-status'});
  const summary = h('div');
  // The page is drawn anew, so focus goes where the news is.
  const showCode = (name, answer) => {
    const notice = h('p', {class: 'notice', tabindex: '-1'},
      s('accounts.code', {name, date: answer.reset_code_expires_on}), ' ',
      h('code', {class: 'reset-code', translate: 'no'}, answer.reset_code));
    // The list could not be read again: the code still shows, under the heading.
    const box = view.querySelector('.account-status');
    if (box) clear(box).append(notice);
    else view.querySelector('h1').after(notice);
    focus(notice);
  };
  const act = async (work, done) => {
    try {
      done(await work());
    } catch (problem) {
      errorSummary(summary, [{message: failure(problem)}]);
    }
  };
  const refresh = () => renderAccounts(view, ctx, session);
  const rowActions = (account) => {
    if (account.username === session?.account?.username) return h('td', {}, s('accounts.you'));
    const name = account.display_name;
    // Short on the button, whose in the accessible name.
    const forWhom = h('span', {class: 'visually-hidden'}, ` ${name}`);
    return h('td', {class: 'account-actions'},
      h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: () => act(
        () => staff.setDisabled(account.username, !account.disabled),
        async () => {
          await refresh();
          focus(view.querySelector('h1'));
          announce(s('accounts.changed', {name}));
        })},
      s(account.disabled ? 'accounts.enable' : 'accounts.disable'), forWhom),
      h('button', {type: 'button', class: ['button', 'button--secondary'], onclick: () => act(
        () => staff.newResetCode(account.username), async (answer) => {
          await refresh();
          showCode(name, answer);
        })},
      s('accounts.new_code'), forWhom.cloneNode(true)));
  };

  const username = field({id: 'new-username', label: s('signin.username'), hint: s('accounts.add.username.hint'), autocomplete: 'off'});
  const displayName = field({id: 'new-name', label: s('accounts.name'), autocomplete: 'off'});
  const municipality = field({id: 'new-municipality', label: s('accounts.add.municipality'),
    hint: s('accounts.add.municipality.hint'), inputmode: 'numeric', className: 'input--short', autocomplete: 'off'});
  const role = h('select', {id: 'new-role', name: 'new-role', onchange: () => {
    municipality.element.hidden = role.value !== 'municipality_staff';
  }},
  h('option', {value: 'municipality_staff'}, s('accounts.add.role.staff')),
  h('option', {value: 'national_admin'}, s('accounts.add.role.admin')));
  const add = async () => {
    for (const each of [username, displayName, municipality]) each.reset();
    const entries = [];
    if (!username.input.value.trim()) entries.push(username.fail(s('accounts.add.required')));
    if (!displayName.input.value.trim()) entries.push(displayName.fail(s('accounts.add.required')));
    const staffRole = role.value === 'municipality_staff';
    if (staffRole && !/^\d{4}$/.test(municipality.input.value.trim())) {
      entries.push(municipality.fail(s('accounts.add.municipality.required')));
    }
    if (entries.length) return errorSummary(summary, entries);
    const grants = [staffRole ? `municipality_staff:${municipality.input.value.trim()}` : 'national_admin'];
    const name = displayName.input.value.trim();
    await act(() => staff.addAccount(username.input.value.trim(), name, grants), async (answer) => {
      await refresh();
      showCode(name, answer);
    });
  };

  clear(view).append(
    h('h1', {}, s('accounts.title')),
    h('p', {}, s('accounts.intro')),
    summary,
    status,
    h('div', {class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'accounts-caption'},
      h('table', {class: 'accounts'},
        h('caption', {id: 'accounts-caption', class: 'visually-hidden'}, s('accounts.title')),
        h('thead', {}, h('tr', {},
          [s('accounts.username'), s('accounts.name'), s('accounts.roles'), s('accounts.status'), s('accounts.actions')]
            .map((name) => h('th', {scope: 'col'}, name)))),
        h('tbody', {}, list.map((account) => h('tr', {},
          h('td', {translate: 'no'}, account.username),
          h('td', {}, account.display_name),
          h('td', {}, account.grants.map((grant) => roleText(grant)).join(', ')),
          h('td', {}, `${account.disabled ? s('accounts.disabled') : s('accounts.enabled')}, ${account.totp_enrolled ? s('accounts.totp') : s('accounts.no_totp')}`),
          rowActions(account)))))),
    h('h2', {}, s('accounts.add')),
    h('form', {class: 'panel', novalidate: true, onsubmit: (event) => { event.preventDefault(); add(); }},
      username.element, displayName.element,
      h('div', {class: 'question'}, h('label', {class: 'question-text', for: 'new-role'}, s('accounts.add.role')), role),
      municipality.element,
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button'}, s('accounts.add.submit')))));
}
