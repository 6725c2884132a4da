// The results API (docs/api.md, "Results"): a wave's overview and one
// municipality in full. Failures are the ApiError of ../api.js. With
// ?staff=1 in the address (a link from the staff pages) the report is read
// through the staff routes of the municipality, for rounds whose results
// are for staff only; the session cookie goes along (same origin).
import {ApiError} from '../api.js';

const seg = encodeURIComponent;
export const staffMode = new URLSearchParams(location.search).get('staff') === '1';
const cache = new Map();  // url -> Promise (one page load: figures change at most every 30 s)

async function getJson(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const url = `/api/v1/${path}${[...params].length ? `?${params}` : ''}`;
  if (cache.has(url)) return cache.get(url);
  const loading = (async () => {
    let response;
    try {
      response = await fetch(url, {headers: {Accept: 'application/json'}, cache: 'no-store', credentials: 'same-origin'});
    } catch (error) {
      throw new ApiError(0, 'network', error.message);
    }
    let data = null;
    try { data = await response.json(); } catch { data = null; }
    if (!response.ok) {
      const error = data?.error ?? {};
      throw new ApiError(response.status, error.code ?? `http_${response.status}`, error.message, error.details ?? []);
    }
    return data;
  })();
  cache.set(url, loading);
  loading.catch(() => cache.delete(url));
  return loading;
}

export const results = {
  waves: (lang) => getJson('waves', {lang, with: 'results'}),
  // `code`: the municipality whose staff read it, in staff mode.
  overview: (wave, lang, code) => (staffMode && code
    ? getJson(`admin/municipalities/${seg(code)}/waves/${seg(wave)}/overview`, {lang})
    : getJson(`waves/${seg(wave)}/results`, {lang})),
  municipality: (wave, code, lang) => (staffMode
    ? getJson(`admin/municipalities/${seg(code)}/waves/${seg(wave)}/results`, {lang})
    : getJson(`waves/${seg(wave)}/results/${seg(code)}`, {lang})),
};
