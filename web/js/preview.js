// The preview of a questionnaire version before it is published. The staff
// pages' check (web/js/staff/rounds.js) keeps the server's view of the
// definition in each language (the dry run's `views`) and opens
// /?preview=1#/survey/preview; the survey pages then draw it exactly as
// they will once it is published (api.js answers from here) and send
// nothing.
const KEY = 'parorende.preview';

export const PREVIEW_WAVE = 'preview';
export const previewing = new URLSearchParams(location.search).get('preview') === '1';

// `checked`: the dry run's answer {id, version, title, languages, views}.
export function keepPreview(checked) {
  localStorage.setItem(KEY, JSON.stringify(checked));
}

export function previewed() {
  try {
    const kept = JSON.parse(localStorage.getItem(KEY));
    return kept?.views ? kept : null;
  } catch {
    return null;
  }
}

export const previewUrl = `/?preview=1#/survey/${PREVIEW_WAVE}`;
