// The pages' own UI strings, so tests read the same words the caregiver does.
import {STRINGS} from '../../../web/js/i18n.js';

export function text(key, lang, vars = {}) {
  const entry = STRINGS[key];
  if (!entry) throw new Error(`no UI string ${key}`);
  return entry[lang].replace(/\{(\w+)\}/g, (_, name) => String(vars[name]));
}
