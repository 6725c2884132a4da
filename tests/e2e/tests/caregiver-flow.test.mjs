// What a caregiver on a phone (375×667) meets between the first answer and
// the result, in Chromium against the real server: an optional answer
// cleared, errors that say what to do, the list of parts as links, one
// privacy hint in the comment field, each questionnaire once on the front
// page; the check page with an answer changed from it; a screening's
// result seen without storing anything (the store's count does not
// change) in Utsira, which has no offers: how to reach the municipality
// and the urgent-help numbers, in the chosen language; Back after sending;
// then Utsira's staff give their contact and the result shows it. axe-core
// on every state.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {answerScreen, expectHeading} from '../lib/helpers.mjs';
import {addStaffAccount, signInAndEnrol} from '../lib/staff.mjs';
import {WAVES} from '../lib/server.mjs';
import {text} from '../lib/strings.mjs';

const PHONE = {width: 375, height: 667};
const UTSIRA = '1151';
const SIRI = {username: 'siri', name: 'Siri Utsira', grant: `municipality_staff:${UTSIRA}`,
  password: 'the password of siri at utsira'};
const nb = (key, vars) => text(key, 'nb', vars);
const nn = (key, vars) => text(key, 'nn', vars);

// Words that are bokmål and never nynorsk: none may be on a nynorsk page.
const BOKMAL_ONLY = new Set(['ikke', 'jeg', 'hva', 'hvordan', 'hvem', 'hvis', 'hvor', 'noe', 'mye', 'være',
  'bare', 'også', 'nå', 'trenger', 'sammen', 'svarene', 'dere', 'kommer', 'fikk', 'lagret', 'sendt']);
function bokmalForms(text) {
  return [...new Set(text.toLowerCase().split(/[^a-zæøåé]+/u).filter((word) => BOKMAL_ONLY.has(word)))];
}

// Gjøvik has its own round of the survey beside the national one; the
// young carers' survey has a national round.
const YOUNG = 'unge-parorende-2026';
const running = useServerAndBrowser({prepare: (db, run) => {
  addStaffAccount(db, run, SIRI);
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  run('wave', 'create', '--db', db, '--questionnaire', 'parorendeundersokelse', '--name', 'gjovik-egen-runde',
    '--municipalities', '3407', '--opens', day(-1), '--closes', day(30));
  run('publish', '--db', db, 'questionnaires/unge_parorende.json');
  run('wave', 'create', '--db', db, '--questionnaire', 'unge_parorende', '--name', YOUNG,
    '--opens', day(-1), '--closes', day(30));
}});

// The young carers' survey from the front page to the result: a heavy
// month (every strain nearly always, doing fine never), problems with
// mental illness or drugs at home, mum or dad ill.
async function answerYoungCarers(ctx, lang, municipality, titles, {store}) {
  const {page} = ctx;
  const s = (key, vars) => text(key, lang, vars);
  await page.goto(`${running.server.url}/?municipality=${municipality}#/`);
  await page.locator(`a[data-wave="${YOUNG}"]`).click();
  await page.locator('#f-consent').check();
  await snapshot(ctx, 'consent');
  await page.getByRole('button', {name: s('consent.start')}).click();
  const picks = {condition_group: 2, young_fun: 0};
  for (const [index, title] of titles.entries()) {
    await expectHeading(page, title);
    if (lang === 'nn') assert.deepEqual(bokmalForms(await page.locator('body').innerText()), [], title);
    await answerScreen(page, (id) => (id in picks ? picks[id] : id.startsWith('young_') ? 3 : 0));
    if (index === 0) await snapshot(ctx, 'about');
    if (index === titles.length - 1) {
      await page.locator('#q-wishes label').nth(1).click();
      await snapshot(ctx, 'help');
      await page.getByRole('button', {name: s('nav.to_check')}).click();
    } else {
      await page.getByRole('button', {name: s('nav.next'), exact: true}).click();
    }
  }
  await expectHeading(page, s('check.title'));
  await snapshot(ctx, 'check');
  if (lang === 'nn') assert.deepEqual(bokmalForms(await page.locator('body').innerText()), [], 'check page');
  const before = running.server.responses(YOUNG);
  await page.getByRole('button', {name: s(store ? 'check.store' : 'check.result_only')}).click();
  await expectHeading(page, s('result.title'));
  await page.locator('#category-title').waitFor();
  const after = running.server.responses(YOUNG);
  assert.equal(after.complete, before.complete + (store ? 1 : 0));
  // Alarmtelefonen first among the urgent-help numbers.
  assert.equal((await page.locator('#urgent-help .help-number').first().textContent()).trim(), '116 111');
  assert.match(await page.locator('#category-follow-up').textContent(), /116 111/);
  await snapshot(ctx, 'result');
  return page;
}

test('the survey on a phone: one card per questionnaire, errors that say what to do, parts as links, an answer cleared', async () => {
  const ctx = await open(running.browser, {name: 'caregiver-flow-survey', viewport: PHONE});
  const {page} = ctx;
  await page.goto(`${running.server.url}/?municipality=3407#/`);
  await page.locator('#surveys-title').waitFor();
  // Two rounds of the survey are open in Gjøvik: one card, for Gjøvik's own.
  const cards = page.locator('.cards .card');
  assert.equal(await cards.filter({hasText: 'Pårørendeundersøkelsen'}).count(), 1);
  assert.equal(await cards.locator('a[data-wave="gjovik-egen-runde"]').count(), 1);
  // Headed by the round's plain name: whose round it is, and when.
  const gjovikCard = cards.filter({has: page.locator('a[data-wave="gjovik-egen-runde"]')});
  assert.match((await gjovikCard.locator('h3').textContent()).trim(), /^Pårørendeundersøkelsen – Gjøvik, \S/);
  await snapshot(ctx, 'front');

  await cards.locator('a[data-wave="gjovik-egen-runde"]').click();
  await page.locator('#f-consent').check();
  await page.getByRole('button', {name: nb('consent.start')}).click();
  await expectHeading(page, 'Om deg og den du hjelper');

  // Nothing answered: each required question says what to do, by name.
  await page.getByRole('button', {name: nb('nav.next'), exact: true}).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /Hva er du for personen du hjelper\? – Velg ett av svarene\./);
  assert.equal(await page.locator('#e-relationship').textContent(), `${nb('err.prefix')} ${nb('err.required_choice')}`);
  await snapshot(ctx, 'errors');

  // An optional answer given, then cleared: no answer is kept.
  await answerScreen(page, () => 0);
  const age = page.locator('#q-age_band');
  const clear = age.getByRole('button', {name: `${nb('item.clear')} – Hvor gammel er du?`});
  await clear.waitFor();
  await snapshot(ctx, 'answered');
  await clear.click();
  assert.equal(await age.locator('input:checked').count(), 0);
  assert.equal(await clear.isHidden(), true);
  assert.equal(await page.evaluate(() => JSON.parse(sessionStorage.getItem('parorende.survey')).answers.age_band), undefined);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-age_band');
  await snapshot(ctx, 'cleared');
  // A required question has no such button.
  assert.equal(await page.locator('#q-relationship .clear-answer').count(), 0);

  // The list of parts: each other part is a link; the third opens at once.
  await page.locator('.overview summary').click();
  const third = page.locator('.overview li').nth(2);
  const thirdTitle = (await third.locator('a').textContent()).trim();
  assert.equal(await page.locator('.overview li[aria-current="step"] a').count(), 0);
  await third.locator('a').click();
  await expectHeading(page, thirdTitle);

  // The comment field: one privacy hint (the question's own), not two.
  await page.goto(`${running.server.url}/?municipality=3407#/survey/gjovik-egen-runde/closing`);
  await page.locator('#f-comment').waitFor();
  const comment = await page.locator('#q-comment').textContent();
  assert.equal(comment.split('Ikke skriv navn').length - 1, 1, comment);
  await snapshot(ctx, 'comment');
  assertNoProblems(ctx.problems);
  await ctx.context.close();
});

test('Utsira: a screening checked, changed, and seen without storing; help numbers, contact, language', async () => {
  const ctx = await open(running.browser, {name: 'caregiver-flow-screening', viewport: PHONE});
  const {page} = ctx;
  await page.goto(`${running.server.url}/?municipality=${UTSIRA}#/survey/${WAVES.screening}`);
  await page.locator('#f-consent').check();
  await page.getByRole('button', {name: nb('consent.start')}).click();
  await expectHeading(page, 'Om deg og den du hjelper');
  await answerScreen(page, () => 0);
  await page.getByRole('button', {name: nb('nav.next'), exact: true}).click();
  await expectHeading(page, 'De siste fire ukene');
  await answerScreen(page, () => 3);
  await page.getByRole('button', {name: nb('nav.to_check')}).click();

  // The check page: every question of both parts with its answer.
  await expectHeading(page, nb('check.title'));
  const rows = page.locator('.summary-row');
  assert.equal(await rows.count(), 15);
  assert.equal(await page.locator('.summary-row[data-item="municipality"] .summary-answer').textContent(), 'Utsira');
  const sleep = page.locator('.summary-row[data-item="strain_sleep"]');
  const before = (await sleep.locator('.summary-answer').textContent()).trim();
  await snapshot(ctx, 'check');

  // Change one answer from the check page, and come straight back.
  await sleep.getByRole('link', {name: `${nb('check.change')} – Jeg sover dårlig på grunn av omsorgen.`}).click();
  await expectHeading(page, 'De siste fire ukene');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'strain_sleep');
  const chosen = page.locator('#q-strain_sleep label').nth(1);
  const chosenLabel = (await chosen.textContent()).trim();
  await chosen.click();
  await snapshot(ctx, 'changing');
  await page.getByRole('button', {name: nb('check.back_to_check')}).click();
  await expectHeading(page, nb('check.title'));
  const after = (await sleep.locator('.summary-answer').textContent()).trim();
  assert.notEqual(after, before);
  assert.equal(after, chosenLabel);

  // Seen without storing: the store's count does not change.
  const stored = running.server.responses(WAVES.screening);
  await page.getByRole('button', {name: nb('check.result_only')}).click();
  await expectHeading(page, nb('result.title'));
  await page.locator('#category-title').waitFor();
  assert.deepEqual(running.server.responses(WAVES.screening), stored);
  assert.equal(await page.locator('#stored-notice').textContent(), nb('result.not_stored'));
  assert.equal(await page.locator('#receipt-code').count(), 0);
  assert.equal((await page.locator('#category-title').textContent()).trim(), 'Høy belastning');
  // A high burden: urgent help, 116 111 for the young among them.
  const help = page.locator('#urgent-help');
  for (const number of ['113', '116 117', '116 123', '116 111']) {
    assert.equal(await help.getByRole('link', {name: number, exact: true}).getAttribute('href'), `tel:${number.replaceAll(' ', '')}`);
  }
  // No offers and no contact given: how to reach Utsira all the same.
  await page.locator('#contact-missing').getByText(nb('contact.missing', {municipality: 'Utsira'})).waitFor();
  await page.locator('#offers-none').waitFor();
  // The copy of one's answers, with the changed one.
  assert.equal(await page.locator('#answers-copy .summary-row[data-item="strain_sleep"] .summary-answer').textContent(), after);
  await snapshot(ctx, 'result-not-stored');
  // Printed: the answers without the buttons and links to change them.
  await page.emulateMedia({media: 'print'});
  assert.equal(await page.locator('#answers-copy .summary-row').first().isVisible(), true);
  assert.equal(await page.locator('#answers-copy .actions').isVisible(), false);
  assert.equal(await page.locator('.site-footer').isVisible(), false);
  await page.emulateMedia({media: 'screen'});

  // Every title follows the language chosen.
  await page.getByRole('button', {name: 'Nynorsk'}).click();
  await page.locator('.survey-name', {hasText: 'Kartlegging av belasting hos pårørande'}).waitFor();
  await page.locator('#category-title', {hasText: 'Høg belasting'}).waitFor();
  await page.locator('#urgent-title', {hasText: nn('help.title')}).waitFor();
  await snapshot(ctx, 'result-nn');
  assert.deepEqual(bokmalForms(await page.locator('body').innerText()), []);

  // Back after "sending": the page says what happened, not an empty form.
  await page.goBack();
  await expectHeading(page, nn('sent.not_stored_title'));
  await snapshot(ctx, 'sent');

  // Utsira's staff say how caregivers reach them; the result shows it.
  const staff = await open(running.browser, {name: 'caregiver-flow-staff', viewport: {width: 1280, height: 800}});
  await signInAndEnrol(staff.page, running.server.url, SIRI);
  await staff.page.getByRole('link', {name: 'Kontaktinformasjon og tilbudskatalog'}).click();
  await expectHeading(staff.page, 'Kontakt og tilbud – Utsira');
  await staff.page.locator('#contact-contact-name').fill('Pårørendekontakten i Utsira');
  await staff.page.locator('#contact-phone').fill('52 75 00 00');
  await staff.page.getByRole('button', {name: 'Lagre kontaktinformasjonen'}).click();
  await staff.page.locator('#view').getByText('Kontaktinformasjonen er lagret.').waitFor();

  await page.goto(`${running.server.url}/?municipality=${UTSIRA}&lang=nn#/result`);
  const contact = page.locator('.contact-box');
  await contact.getByText('Pårørendekontakten i Utsira').waitFor();
  assert.equal(await contact.getByRole('link', {name: '52 75 00 00'}).getAttribute('href'), 'tel:52750000');
  assert.equal(await page.locator('#contact-missing').count(), 0);
  await snapshot(ctx, 'result-contact');

  assertNoProblems(ctx.problems);
  assertNoProblems(staff.problems, [/401/]);  // the sign-in page asks first
  for (const each of [ctx, staff]) await each.context.close();
});

test('the young carers\' survey completed in bokmål (Verdal): their own result and offers for the young', async () => {
  const ctx = await open(running.browser, {name: 'young-carers-nb', viewport: PHONE});
  const page = await answerYoungCarers(ctx, 'nb', '5038',
    ['Om deg', 'Hvem vet om det, og hva vet du?', 'Noen å snakke med', 'De siste fire ukene', 'Hva kunne hjulpet deg?'], {store: true});
  assert.equal((await page.locator('#category-title').textContent()).trim(), 'Det er mye å bære på nå');
  // Verdal's offers for children and young people, none for adults.
  const offers = page.locator('.offers > li');
  await offers.filter({hasText: 'Du er ikke den eneste'}).first().waitFor();
  await offers.filter({hasText: 'Treffpunkt for barn og unge'}).first().waitFor();
  for (const type of await offers.evaluateAll((items) => items.map((li) => li.dataset.type))) {
    assert.ok(['children_as_caregivers', 'conversation_guidance', 'peer_group'].includes(type), type);
  }
  await page.locator('#receipt-code').waitFor();
  assertNoProblems(ctx.problems);
  await ctx.context.close();
});

test('the young carers\' survey completed in nynorsk (Sogndal), without storing: no bokmål on its pages', async () => {
  const ctx = await open(running.browser, {name: 'young-carers-nn', viewport: PHONE});
  const page = await answerYoungCarers(ctx, 'nn', '4640',
    ['Om deg', 'Kven veit om det, og kva veit du?', 'Nokon å snakke med', 'Dei siste fire vekene', 'Kva kunne hjelpt deg?'], {store: false});
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nn');
  assert.equal((await page.locator('#category-title').textContent()).trim(), 'Det er mykje å bere på no');
  assert.deepEqual(bokmalForms(await page.locator('body').innerText()), []);
  assertNoProblems(ctx.problems);
  await ctx.context.close();
});
