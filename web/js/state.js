// What the pages remember in this browser tab (sessionStorage): the survey
// in progress, so a reload loses nothing, and the last receipt. Nothing
// outlives the tab: on a shared computer the next person sees nothing.
// Saving for later goes through the server and a resume code instead.

const SURVEY = 'parorende.survey';
const RECEIPT = 'parorende.receipt';
const SAVED = 'parorende.saved';

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the pages still work, only a reload forgets.
  }
}

let survey = read(SURVEY);

export function currentSurvey() { return survey; }

export function startSurvey(wave, fields = {}) {
  // A new survey in this tab: the last one's answers are not kept for the
  // next person at a shared computer (its receipt code stays until then).
  const receipt = read(RECEIPT);
  if (receipt?.answers) write(RECEIPT, {...receipt, answers: null});
  survey = {wave: wave.name, questionnaire: wave.questionnaire, version: wave.version, answers: {}, raw: {},
    invalid: {}, errors: {}, consented: false, consentVersion: null, resumeCode: null, ...fields};
  persist();
  return survey;
}

export function persist() { write(SURVEY, survey); }

export function endSurvey() {
  survey = null;
  write(SURVEY, null);
}

export function setReceipt(receipt) { write(RECEIPT, receipt); }
export function getReceipt() { return read(RECEIPT); }
export function setSaved(saved) { write(SAVED, saved); }
export function getSaved() { return read(SAVED); }
