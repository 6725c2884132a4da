// The municipality's page kept from the staff pages, in Chromium against
// the real server at 320 px width: how caregivers reach Gjøvik (a bad
// e-mail address refused, then saved); its caregiver contact offer changed in
// place, a new offer refused until its fields are right (the server's
// messages beside the fields) and then added, one removed; a caregiver on
// a phone then sees the contact and the changed offer on the screening
// result page. axe-core
// on every state.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {answerScreening, expectHeading} from '../lib/helpers.mjs';
import {addStaffAccount, signInAndEnrol} from '../lib/staff.mjs';

const KARI = {username: 'kari', name: 'Kari Nordmann', grant: 'municipality_staff:3407',
  password: 'the password of kari at gjovik'};

const running = useServerAndBrowser({prepare: (db, run) => addStaffAccount(db, run, KARI)});

test('Gjøvik changes its caregiver contact, and a caregiver sees it after the screening', async (t) => {
  if (!running.server.offers) return t.skip('no demo offers in this build');
  const ctx = await open(running.browser, {name: 'offer-editor', viewport: {width: 320, height: 640}});
  const {page} = ctx;
  await signInAndEnrol(page, running.server.url, KARI);

  await page.getByRole('link', {name: 'Kontaktinformasjon og tilbudskatalog'}).click();
  await expectHeading(page, 'Kontakt og tilbud – Gjøvik');

  // How caregivers reach Gjøvik: a bad e-mail address refused, then saved.
  await page.locator('#contact-contact-name').fill('Pårørendekoordinator Gjøvik');
  await page.locator('#contact-phone').fill('61 18 90 00');
  await page.locator('#contact-email').fill('parorende.gjovik.kommune.no');
  await page.getByRole('button', {name: 'Lagre kontaktinformasjonen'}).click();
  await page.locator('#contact-email-error:not([hidden])').waitFor();
  await snapshot(ctx, 'contact-error');
  await page.locator('#contact-email').fill('parorende@gjovik.kommune.no');
  await page.getByRole('button', {name: 'Lagre kontaktinformasjonen'}).click();
  await page.locator('#view').getByText('Kontaktinformasjonen er lagret.').waitFor();
  const cards = page.locator('li[data-offer]');
  const before = await cards.count();
  assert.ok(before > 0);
  await snapshot(ctx, 'catalogue');

  // Change the caregiver contact in place.
  await page.getByRole('button', {name: 'Endre Pårørendekontakten i Gjøvik'}).click();
  await expectHeading(page, 'Kontakt og tilbud – Gjøvik');
  await page.getByRole('heading', {name: 'Endre «Pårørendekontakten i Gjøvik»'}).waitFor();
  assert.equal(await page.locator('#offer-id').inputValue(), 'gjovik-contact');
  await page.locator('#offer-name-nb').fill('Pårørendekontakten i Gjøvik, nytt nummer');
  await page.locator('#offer-phone').fill('61 18 90 00');
  await snapshot(ctx, 'editing');
  await page.getByRole('button', {name: 'Lagre endringene'}).click();
  await page.locator('#view').getByText('«Pårørendekontakten i Gjøvik, nytt nummer» er endret.').waitFor();
  assert.equal(await cards.first().getAttribute('data-offer'), 'gjovik-contact', 'the offer kept its place');

  // A new offer: the page's own check, then the server's, then accepted.
  await page.getByRole('button', {name: 'Legg til tilbudet'}).click();
  await page.locator('.error-summary').waitFor();
  await snapshot(ctx, 'new-errors');
  await page.locator('#offer-id').fill('kaffetreff');
  await page.locator('#offer-name-nb').fill('Kaffetreff for pårørende');
  await page.locator('#offer-email').fill('pårørende\u0007@gjovik.kommune.no');
  await page.getByRole('button', {name: 'Legg til tilbudet'}).click();
  await page.locator('#offer-email-error:not([hidden])').waitFor();
  await snapshot(ctx, 'new-server-error');
  await page.locator('#offer-email').fill('parorende@gjovik.kommune.no');
  await page.locator('#offer-type').selectOption('peer_group');
  await page.getByRole('button', {name: 'Legg til tilbudet'}).click();
  await page.locator('#view').getByText('«Kaffetreff for pårørende» er lagt til.').waitFor();
  assert.equal(await cards.count(), before + 1);

  // And removed again.
  await page.getByRole('button', {name: 'Fjern Kaffetreff for pårørende'}).click();
  await page.locator('#view').getByText('«Kaffetreff for pårørende» er fjernet.').waitFor();
  assert.equal(await cards.count(), before);
  await snapshot(ctx, 'after-changes');

  // A caregiver of Gjøvik with a high burden sees the new name.
  const caregiver = await open(running.browser, {name: 'offer-editor-caregiver'});
  await caregiver.page.goto(`${running.server.url}/?municipality=3407#/survey/demo-belastningskartlegging`);
  await answerScreening(caregiver.page);
  await caregiver.page.locator('.offers').getByText('Pårørendekontakten i Gjøvik, nytt nummer').waitFor();
  const contact = caregiver.page.locator('.contact-box');
  await contact.getByText('Pårørendekoordinator Gjøvik').waitFor();
  assert.equal(await contact.getByRole('link', {name: '61 18 90 00'}).getAttribute('href'), 'tel:61189000');
  await snapshot(caregiver, 'result');

  assertNoProblems(ctx.problems, [/401/, /422/]);
  assertNoProblems(caregiver.problems);
  for (const each of [ctx, caregiver]) await each.context.close();
});
