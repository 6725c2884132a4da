// The staff routes of the JSON API (docs/api.md, "Staff sessions" and
// "Administration"). The session cookie travels by itself; every change
// also carries the session's CSRF token, kept here in memory only.
import {ApiError} from '../api.js';

let csrfToken = '';

// `body` goes as JSON, or as it is with `contentType`; `text` asks for the
// answer as text (a CSV file) instead of JSON.
async function call(method, path, body, {contentType, text = false} = {}) {
  const options = {method, headers: {Accept: text ? 'text/csv' : 'application/json'}, cache: 'no-store', credentials: 'same-origin'};
  if (body !== undefined) {
    options.headers['Content-Type'] = contentType ?? 'application/json';
    options.body = contentType ? body : JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) options.headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(`/api/v1/${path}`, options);
  } catch (error) {
    throw new ApiError(0, 'network', error.message);
  }
  if (response.status === 204) return null;
  if (text && response.ok) return response.text();
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error ?? {};
    const problem = new ApiError(response.status, error.code ?? `http_${response.status}`, error.message, error.details ?? []);
    problem.retryAfter = Number(response.headers.get('Retry-After') ?? 0);
    throw problem;
  }
  return data;
}

function remember(session) {
  csrfToken = session?.csrf_token ?? '';
  return session;
}

export const staff = {
  // null when nobody is signed in.
  session: () => call('GET', 'session').then(remember).catch((problem) => {
    if (problem.status === 401) return null;
    throw problem;
  }),
  signIn: (username, password, oneTimeCode) =>
    call('POST', 'session', {username, password, ...(oneTimeCode ? {one_time_code: oneTimeCode} : {})}).then(remember),
  // The OpenID Providers staff may sign in through: [{id, name, sign_in_url}].
  providers: () => call('GET', 'session/providers').then((data) => data.providers),
  // {end_session_url} when the session came from a provider, else null.
  signOut: () => call('DELETE', 'session').finally(() => { csrfToken = ''; }),
  signOutEverywhere: () => call('DELETE', 'sessions').finally(() => { csrfToken = ''; }),
  changePassword: (current, wanted) => call('PUT', 'session/password', {current_password: current, new_password: wanted}),
  resetPassword: (code, wanted) => call('POST', 'password-reset', {code, new_password: wanted}),
  beginTotp: () => call('POST', 'session/totp'),
  confirmTotp: (code) => call('PUT', 'session/totp', {one_time_code: code}),
  accounts: () => call('GET', 'admin/accounts'),
  addAccount: (username, displayName, grants) =>
    call('POST', 'admin/accounts', {username, display_name: displayName, grants}),
  setDisabled: (username, disabled) =>
    call('PUT', `admin/accounts/${encodeURIComponent(username)}/disabled`, {disabled}),
  newResetCode: (username) => call('POST', `admin/accounts/${encodeURIComponent(username)}/reset-code`, {}),
  municipality: (code) => call('GET', `admin/municipalities/${encodeURIComponent(code)}`),
  // Each round's counts; null where fewer than k (`shown_from`).
  progress: (code) => call('GET', `admin/municipalities/${encodeURIComponent(code)}/progress`),
  comments: (code, wave, lang) => call('GET',
    `admin/municipalities/${encodeURIComponent(code)}/waves/${encodeURIComponent(wave)}/comments?lang=${encodeURIComponent(lang)}`),
  // The catalogue with every text ({offers}), as CSV text, and its changes.
  offers: (code) => call('GET', `admin/municipalities/${encodeURIComponent(code)}/offers`),
  offersCsv: (code) => call('GET', `admin/municipalities/${encodeURIComponent(code)}/offers?format=csv`, undefined, {text: true}),
  replaceOffers: (code, csv) =>
    call('PUT', `admin/municipalities/${encodeURIComponent(code)}/offers`, csv, {contentType: 'text/csv; charset=utf-8'}),
  putOffer: (code, id, offer) =>
    call('PUT', `admin/municipalities/${encodeURIComponent(code)}/offers/${encodeURIComponent(id)}`, offer),
  removeOffer: (code, id) =>
    call('DELETE', `admin/municipalities/${encodeURIComponent(code)}/offers/${encodeURIComponent(id)}`),
  // {url, closes, qr_svg}: the round's open link for the municipality.
  openLink: (code, wave) =>
    call('GET', `admin/municipalities/${encodeURIComponent(code)}/open-link/${encodeURIComponent(wave)}`),
  setContact: (code, contact) => call('PUT', `admin/municipalities/${encodeURIComponent(code)}/contact`, contact),
  // A definition checked (dryRun) or published: {id, version, title, published}.
  // A REDCap data dictionary (text) or instrument ZIP (an ArrayBuffer) as a
  // definition: {definition, warnings}.
  convertRedcap: (body, options) => call('POST', `admin/questionnaires/redcap?${new URLSearchParams(options)}`, body,
    {contentType: body instanceof ArrayBuffer ? 'application/zip' : 'text/csv; charset=utf-8'}),
  publishQuestionnaire: (definition, dryRun) =>
    call('POST', `admin/questionnaires${dryRun ? '?dry_run=true' : ''}`, definition),
  openRound: (round) => call('POST', 'admin/waves', round),
  joinRound: (code, wave) =>
    call('POST', `admin/municipalities/${encodeURIComponent(code)}/waves/${encodeURIComponent(wave)}/join`, {}),
  openLocalRound: (code, round) => call('POST', `admin/municipalities/${encodeURIComponent(code)}/waves`, round),
  invitationBatches: (code) => call('GET', `admin/municipalities/${encodeURIComponent(code)}/invitations`),
  // {unused: [letter numbers]}: only in a round that tracks participation.
  unusedLetters: (code, batch) =>
    call('GET', `admin/municipalities/${encodeURIComponent(code)}/invitations/${encodeURIComponent(batch)}/unused`),
  // The batch and its codes, which the server never shows again.
  createInvitations: (code, wave, label, count) =>
    call('POST', `admin/municipalities/${encodeURIComponent(code)}/invitations`, {wave, label, count}),
};
