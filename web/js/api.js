// The JSON API under /api/v1 (docs/api.md). Every error comes back as an
// ApiError with the HTTP status and the server's {code, message, details}.
// In a preview (preview.js) the questionnaire and its one round come from
// the staff page's check, and nothing is sent.
import {PREVIEW_WAVE, previewed, previewing} from './preview.js';

export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

async function request(method, path, {query, body} = {}) {
  let url = `/api/v1/${path}`;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  if ([...params].length) url += `?${params}`;
  const options = {method, headers: {Accept: 'application/json'}, cache: 'no-store'};
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, options);
  } catch (error) {
    throw new ApiError(0, 'network', error.message);
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError(response.status, error.code ?? `http_${response.status}`, error.message, error.details ?? []);
  }
  return data;
}

const seg = encodeURIComponent;

const online = {
  waves: (lang) => request('GET', 'waves', {query: {lang}}),
  municipalities: (wave) => request('GET', 'municipalities', {query: {wave}}),
  questionnaire: (id, lang, version) => request('GET', `questionnaires/${seg(id)}`, {query: {lang, version}}),
  submit: (wave, lang, document) => request('POST', `waves/${seg(wave)}/responses`, {query: {lang}, body: document}),
  resume: (code) => request('GET', `responses/resume/${seg(code)}`),
  invitation: (code) => request('GET', `invitations/${seg(code)}`),
  update: (code, lang, document) => request('PUT', `responses/resume/${seg(code)}`, {query: {lang}, body: document}),
  erase: (receipt) => request('DELETE', `responses/${seg(receipt)}`),
  score: (questionnaire, lang, version, document) =>
    request('POST', `screening/${seg(questionnaire)}/score`, {query: {lang, version}, body: document}),
  // The offer catalogue (being added): 404 until the server has it.
  offers: (municipality, filters) => request('GET', `municipalities/${seg(municipality)}/offers`, {query: filters}),
};

function previewApi() {
  const kept = previewed();
  const today = new Date().toISOString().slice(0, 10);
  const nothingSent = () => Promise.reject(new ApiError(409, 'preview', 'a preview sends nothing'));
  return {
    ...online,
    waves: async () => ({waves: kept ? [{name: PREVIEW_WAVE, questionnaire: kept.id, version: kept.version,
      opens: today, closes: today, national: true, municipalities: [], title: kept.title}] : []}),
    municipalities: (wave) => online.municipalities(wave === PREVIEW_WAVE ? undefined : wave),
    questionnaire: async (id, lang) => {
      const view = kept?.views[lang] ?? kept?.views.nb ?? Object.values(kept?.views ?? {})[0];
      if (!view) throw new ApiError(404, 'questionnaire_not_found', 'nothing to preview');
      return view;
    },
    submit: nothingSent,
    update: nothingSent,
    score: nothingSent,
  };
}

export const api = previewing ? previewApi() : online;
