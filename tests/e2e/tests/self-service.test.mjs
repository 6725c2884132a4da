// The municipality self-service from end to end, in Chromium against the
// real server, as the "done when" tells it: a national
// administrator checks, previews (in nynorsk, as caregivers will see it) and
// publishes a questionnaire version and opens a round; Gjøvik's staff
// member, at 200% zoom, signs in, joins the round, downloads the QR poster
// and 20 letters and edits an offer; a caregiver answers with a code from a
// letter on a phone (the same code is refused the second time); the staff
// member sees the count rise and, as the round tracks participation, which
// letters are not answered; the caregiver saw the edited offer on the
// high-burden screening result; Verdal's staff can see and change nothing
// of Gjøvik's, through the pages and the API; the audit log holds each
// step. axe-core on every state.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {open, snapshot, checkA11y, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {ROOT} from '../lib/server.mjs';
import {answerScreening, expectHeading, withConsent} from '../lib/helpers.mjs';
import {text} from '../lib/strings.mjs';
import {addStaffAccount, signInAndEnrol} from '../lib/staff.mjs';

const K = 10;  // serve's default --min-respondents
const ROUND = 'Kartlegging 2027';
const ANNA = {username: 'anna', name: 'Anna Admin', grant: 'national_admin', password: 'the password of anna the admin'};
const KARI = {username: 'kari', name: 'Kari Nordmann', grant: 'municipality_staff:3407',
  password: 'the password of kari at gjovik'};
const VERA = {username: 'vera', name: 'Vera Verdal', grant: 'municipality_staff:5038',
  password: 'the password of vera at verdal'};
const nb = (key, vars) => text(key, 'nb', vars);

const running = useServerAndBrowser({
  prepare(db, run) {
    for (const account of [ANNA, KARI, VERA]) addStaffAccount(db, run, account);
  },
});

function definitionFile() {
  // This version's consent tells caregivers that Gjøvik sees whether their
  // letter was answered: the round tracks it, for reminders.
  const definition = withConsent(JSON.parse(readFileSync(path.join(ROOT, 'questionnaires/belastningskartlegging.json'), 'utf8')), {
    version: '1.2.0', consentVersion: '2026-3', flags: {tracks_participation: true}, sentences: {
      nb: 'Fikk du et brev med kode, ser kommunen om brevet er besvart (ikke hva du svarte), så påminnelser bare går til dem som ikke har svart.',
      nn: 'Fekk du eit brev med kode, ser kommunen om brevet er svara på (ikkje kva du svara), så påminningar berre går til dei som ikkje har svara.',
      en: 'If you got a letter with a code, the municipality sees whether the letter was answered (not what you answered), so that reminders go only to those who have not.',
    }});
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'parorende-flow-')), 'belastningskartlegging-1.2.0.json');
  writeFileSync(file, JSON.stringify(definition));
  return {file, consent: definition.consent.version};
}

async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return {name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8')};
}

// Others of Gjøvik answered the round through its open link.
async function othersAnswered(count, consent) {
  const template = JSON.parse(readFileSync(path.join(ROOT, 'questionnaires/demo/belastningskartlegging-response.json'), 'utf8'));
  template.answers.municipality = '3407';
  for (let i = 0; i < count; i++) {
    const reply = await fetch(`${running.server.url}/api/v1/waves/${encodeURIComponent(ROUND)}/responses`, {method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({...template, status: 'complete', consent_version: consent, questionnaire: undefined})});
    assert.equal(reply.status, 201, await reply.text());
  }
}

// A staff request from the signed-in page, with its session's CSRF token.
async function asStaff(page, method, route, body) {
  const session = await (await page.request.get(`${running.server.url}/api/v1/session`)).json();
  const reply = await page.request.fetch(`${running.server.url}/api/v1/${route}`, {method,
    headers: {'X-CSRF-Token': session.csrf_token, 'Content-Type': 'application/json'},
    data: body === undefined ? undefined : JSON.stringify(body)});
  return {status: reply.status(), body: await reply.text()};
}

test('a round from publication to a caregiver\'s answer, and Verdal sees nothing of it', async () => {
  const {file, consent} = definitionFile();
  const today = new Date().toISOString().slice(0, 10);

  // The national administrator: check, preview in nynorsk, publish, open.
  const admin = await open(running.browser, {name: 'flow-admin', viewport: {width: 1280, height: 800}});
  await signInAndEnrol(admin.page, running.server.url, ANNA);
  await admin.page.getByRole('link', {name: 'Spørreskjemaer og nasjonale runder'}).click();
  await admin.page.locator('#definition-file').setInputFiles(file);
  await admin.page.getByRole('button', {name: 'Sjekk definisjonen'}).click();
  await admin.page.getByText('(belastningskartlegging 1.2.0) har ingen feil').first().waitFor();
  await snapshot(admin, 'checked');
  const [preview] = await Promise.all([admin.context.waitForEvent('page'),
    admin.page.getByRole('link', {name: 'Forhåndsvis på nynorsk'}).click()]);
  await preview.getByRole('heading', {level: 1, name: text('consent.title', 'nn')}).waitFor();
  await preview.locator('#preview-notice').getByText('Førehandsvising').first().waitFor();
  assert.equal(await preview.evaluate(() => document.documentElement.lang), 'nn');
  await preview.waitForFunction(() => document.body.dataset.ready === 'true');
  await checkA11y(preview, 'preview');
  await preview.close();
  await admin.page.getByRole('button', {name: 'Publiser belastningskartlegging 1.2.0'}).click();
  await admin.page.getByText('(belastningskartlegging 1.2.0) er publisert').first().waitFor();
  await admin.page.locator('#national-name').fill(ROUND);
  await admin.page.locator('#national-questionnaire').fill('belastningskartlegging');
  await admin.page.locator('#national-version').fill('1.2.0');
  await admin.page.locator('#national-opens').fill(today);
  await admin.page.locator('#national-closes').fill('2030-12-31');
  await admin.page.locator('#national-tracked').check();
  await admin.page.getByRole('button', {name: 'Åpne runden'}).click();
  await admin.page.getByText(`Runden «${ROUND}» er åpnet.`).first().waitFor();
  await snapshot(admin, 'opened');

  // Gjøvik's staff member at 200% zoom: joins, downloads the poster and 20 letters.
  const kari = await open(running.browser, {name: 'flow-gjovik', viewport: {width: 640, height: 400}, deviceScaleFactor: 2});
  const {page} = kari;
  await signInAndEnrol(page, running.server.url, KARI);
  const round = page.locator(`.round[data-wave="${ROUND}"]`);
  await round.getByRole('button', {name: `Bli med i runden ${ROUND}`}).click();
  await page.getByText(`Kommunen er med i runden «${ROUND}».`).first().waitFor();
  await snapshot(kari, 'joined');
  await page.getByRole('link', {name: 'Lenke, plakat og invitasjonsbrev'}).click();
  await expectHeading(page, 'Invitasjoner – Gjøvik');
  const linkSection = page.locator(`section[data-wave="${ROUND}"]`);
  const openLink = await linkSection.locator('.long-link a').textContent();
  const poster = await downloaded(page, linkSection.getByRole('button', {name: /Last ned A4-plakat/}));
  assert.ok(poster.text.includes(openLink), 'the poster prints the open link');
  assert.match(poster.text, /<img src="data:image\/svg\+xml/);
  await page.locator('#invitation-round').selectOption(ROUND);
  await page.locator('#invitation-label').fill('Nye brukere, desember');
  await page.locator('#invitation-count').fill('20');
  await page.getByRole('button', {name: 'Lag koder'}).click();
  await page.getByRole('heading', {name: '20 koder er laget'}).waitFor();
  await snapshot(kari, 'issued');
  const letters = await downloaded(page, page.locator('#download-letters'));
  assert.equal(letters.text.match(/<section class="letter"/g).length, 20);
  const codes = [...letters.text.matchAll(/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){6})/g)].map((match) => match[1]);
  const firstCode = codes[0];
  assert.equal(new Set(codes).size, 20, 'twenty different codes, each in its letter');

  // An offer edited in the catalogue.
  await page.getByRole('link', {name: 'Startsiden', exact: true}).last().click();
  await page.getByRole('link', {name: 'Kontaktinformasjon og tilbudskatalog'}).click();
  await expectHeading(page, 'Kontakt og tilbud – Gjøvik');
  await page.getByRole('button', {name: 'Endre Pårørendekontakten i Gjøvik'}).click();
  await page.getByRole('heading', {name: 'Endre «Pårørendekontakten i Gjøvik»'}).waitFor();
  await page.locator('#offer-name-nb').fill('Pårørendekontakten i Gjøvik, ny åpningstid');
  await page.getByRole('button', {name: 'Lagre endringene'}).click();
  await page.getByText('«Pårørendekontakten i Gjøvik, ny åpningstid» er endret.').first().waitFor();
  await snapshot(kari, 'offer-edited');
  await page.getByRole('link', {name: 'Startsiden', exact: true}).last().click();
  await round.getByText(`færre enn ${K}`).first().waitFor();
  await snapshot(kari, 'fewer-than-k');

  // The caregiver: the letter's code on a phone, a high burden, the edited offer.
  await othersAnswered(K - 1, consent);
  const caregiver = await open(running.browser, {name: 'flow-caregiver'});
  await caregiver.page.goto(`${running.server.url}/?municipality=3407#/invitation/${firstCode}`);
  await expectHeading(caregiver.page, 'Før du begynner');
  await answerScreening(caregiver.page);
  await caregiver.page.locator('.offers').getByText('Pårørendekontakten i Gjøvik, ny åpningstid').first().waitFor();
  await snapshot(caregiver, 'result');
  const again = await open(running.browser, {name: 'flow-code-again'});
  await again.page.goto(`${running.server.url}/?municipality=3407#/invitation/${firstCode}`);
  await expectHeading(again.page, 'Før du begynner');
  await answerScreening(again.page, {refused: true});
  await again.page.getByText(nb('invitation.used'), {exact: false}).first().waitFor();
  await snapshot(again, 'used');

  // The count rose to k.
  await page.reload();
  await round.locator('dd', {hasText: String(K)}).first().waitFor();
  await snapshot(kari, 'count');
  // The round tracks participation: letters 2 to 20 are not answered.
  await page.getByRole('link', {name: 'Lenke, plakat og invitasjonsbrev'}).click();
  await expectHeading(page, 'Invitasjoner – Gjøvik');
  await page.getByRole('button', {name: 'Brev uten svar Nye brukere, desember'}).click();
  const remaining = Array.from({length: 19}, (_, index) => index + 2).join(', ');
  await page.locator('#view').getByText(`19 brev er ikke besvart: nummer ${remaining}.`).waitFor();
  await snapshot(kari, 'unanswered');

  // Verdal: nothing of Gjøvik's through the pages...
  const vera = await open(running.browser, {name: 'flow-verdal', viewport: {width: 320, height: 640}});
  await signInAndEnrol(vera.page, running.server.url, VERA);
  await vera.page.getByRole('heading', {name: 'Verdal kommune'}).waitFor();
  assert.equal(await vera.page.getByText('Gjøvik').count(), 0);
  await vera.page.goto(`${running.server.url}/staff.html#invitations/3407`);
  await vera.page.getByText('Du har ikke tilgang til denne kommunens invitasjoner.').first().waitFor();
  await snapshot(vera, 'invitations-refused');
  await vera.page.goto(`${running.server.url}/staff.html#offers/3407`);
  await vera.page.getByText('Du har ikke tilgang til denne kommunens tilbud.').first().waitFor();
  await snapshot(vera, 'offers-refused');
  // ...and through the API, read or change.
  const wave = encodeURIComponent(ROUND);
  for (const [method, route, body] of [
    ['GET', 'admin/municipalities/3407'],
    ['GET', 'admin/municipalities/3407/offers'],
    ['PUT', 'admin/municipalities/3407/offers/gjovik-contact', {name: {nb: 'Overtatt'}, type: 'contact_point'}],
    ['DELETE', 'admin/municipalities/3407/offers/gjovik-contact'],
    ['PUT', 'admin/municipalities/3407/contact', {phone: '1'}],
    ['GET', 'admin/municipalities/3407/invitations'],
    ['POST', 'admin/municipalities/3407/invitations', {wave: ROUND, label: 'x', count: 1}],
    ['GET', `admin/municipalities/3407/open-link/${wave}`],
    ['GET', 'admin/municipalities/3407/progress'],
    ['POST', `admin/municipalities/3407/waves/${wave}/join`, {}],
    ['POST', 'admin/municipalities/3407/waves', {name: 'x', questionnaire: 'belastningskartlegging', opens: today, closes: today}],
    ['GET', `admin/municipalities/3407/waves/${wave}/results`],
    ['GET', `admin/municipalities/3407/waves/${wave}/overview`],
    ['GET', `admin/municipalities/3407/waves/${wave}/comments`],
  ]) {
    const reply = await asStaff(vera.page, method, route, body);
    assert.equal(reply.status, 403, `${method} ${route}: ${reply.body}`);
  }
  const offers = await (await fetch(`${running.server.url}/api/v1/municipalities/3407/offers?lang=nb`)).json();
  assert.ok(JSON.stringify(offers).includes('Pårørendekontakten i Gjøvik, ny åpningstid'), 'the offer is as Gjøvik left it');

  // The audit log holds each step, and Verdal's refusals.
  const audit = JSON.parse((await asStaff(admin.page, 'GET', 'admin/audit?limit=1000')).body).entries;
  const has = (action, actor, object) => audit.some((entry) => entry.action === action &&
    entry.actor === `account:${actor}` && (object === undefined || entry.object === object) && entry.outcome === 'success');
  assert.ok(has('questionnaire.publish', 'anna', 'questionnaire:belastningskartlegging@1.2.0'));
  assert.ok(has('wave.create', 'anna', `wave:${ROUND}`));
  assert.ok(has('session.sign_in', 'kari'));
  assert.ok(has('wave.join', 'kari', `municipality:3407/wave:${ROUND}`));
  assert.ok(has('invitations.create', 'kari', 'municipality:3407'));
  assert.ok(has('offers.change', 'kari'));
  assert.ok(has('progress.read', 'kari', 'municipality:3407'));
  assert.ok(audit.some((entry) => entry.action === 'invitations.unused' && entry.actor === 'account:kari' &&
    entry.detail === '19 unused'));
  const refusals = audit.filter((entry) => entry.actor === 'account:vera' && entry.action === 'access.refused');
  assert.ok(refusals.length >= 14, `Verdal's refusals are recorded (${refusals.length})`);

  assertNoProblems(admin.problems, [/401/]);
  assertNoProblems(kari.problems, [/401/]);
  assertNoProblems(caregiver.problems);
  assertNoProblems(again.problems, [/responses/]);
  assertNoProblems(vera.problems, [/401/, /403/]);
  for (const each of [admin, kari, caregiver, again, vera]) await each.context.close();
});
