// Invitations in Chromium against the real server: Gjøvik's staff member,
// at 320 px width, joins the national screening round from the home page,
// downloads its poster and QR code, makes
// 20 codes for the round, downloads
// the CSV and the letters (one per page, the code and link in each); a
// caregiver on a phone follows a letter's link, answers, and the same code
// is refused the second time with a clear message (the answers then go in
// without it); the batch's used count stays "fewer than k", and the
// round's count on the home page shows once the answers make it k. axe-core on every state, the letters
// included.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {open, snapshot, checkA11y, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {ROOT, WAVES} from '../lib/server.mjs';
import {answerScreening, expectHeading} from '../lib/helpers.mjs';
import {text} from '../lib/strings.mjs';
import {addStaffAccount, signInAndEnrol} from '../lib/staff.mjs';

const K = 10;  // serve's default --min-respondents

const KARI = {username: 'kari', name: 'Kari Nordmann', grant: 'municipality_staff:3407',
  password: 'the password of kari at gjovik'};
const nb = (key, vars) => text(key, 'nb', vars);

const running = useServerAndBrowser({prepare: (db, run) => addStaffAccount(db, run, KARI)});

// Others of Gjøvik answered the screening before.
async function othersAnswered(count) {
  const template = JSON.parse(readFileSync(path.join(ROOT, 'questionnaires/demo/belastningskartlegging-response.json'), 'utf8'));
  template.answers.municipality = '3407';
  for (let i = 0; i < count; i++) {
    const reply = await fetch(`${running.server.url}/api/v1/waves/${WAVES.screening}/responses`, {method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({...template, status: 'complete', consent_version: '2026-1', questionnaire: undefined})});
    assert.equal(reply.status, 201, await reply.text());
  }
}

function screeningRound(page) {
  return page.locator(`.round[data-wave="${WAVES.screening}"]`);
}

// `button`: a selector or a locator.
async function downloaded(page, button, encoding = 'utf8') {
  const target = typeof button === 'string' ? page.locator(button) : button;
  const [download] = await Promise.all([page.waitForEvent('download'), target.click()]);
  return {name: download.suggestedFilename(), text: readFileSync(await download.path(), encoding)};
}


test('Gjøvik prints 20 letters; a caregiver answers with one code, once', async () => {
  const ctx = await open(running.browser, {name: 'invitations', viewport: {width: 320, height: 640}});
  const {page} = ctx;
  await othersAnswered(K - 2);
  await signInAndEnrol(page, running.server.url, KARI);
  const before = screeningRound(page);
  await before.getByText(`færre enn ${K}`).first().waitFor();
  await snapshot(ctx, 'home-fewer-than-k');
  // A national round's link and invitations come once Gjøvik joins it.
  await page.getByRole('link', {name: 'Lenke, plakat og invitasjonsbrev'}).click();
  await expectHeading(page, 'Invitasjoner – Gjøvik');
  await page.getByText('Bli med på startsiden').waitFor();
  assert.equal(await page.locator(`section[data-wave="${WAVES.screening}"]`).count(), 0);
  await page.getByRole('link', {name: 'Startsiden', exact: true}).last().click();
  await screeningRound(page).getByRole('button', {name: `Bli med i runden ${WAVES.screening}`}).click();
  await page.getByText(`Kommunen er med i runden «${WAVES.screening}».`).first().waitFor();
  assert.equal(await screeningRound(page).getByRole('button', {name: /Bli med/}).count(), 0);
  await snapshot(ctx, 'home-joined');
  await page.getByRole('link', {name: 'Lenke, plakat og invitasjonsbrev'}).click();
  await expectHeading(page, 'Invitasjoner – Gjøvik');
  await page.getByText('Ingen koder er laget ennå.').waitFor();
  await snapshot(ctx, 'empty');

  // The screening round's open link: a poster to print, the QR code as SVG and PNG.
  const round = page.locator(`section[data-wave="${WAVES.screening}"]`);
  const url = await round.locator('.long-link a').textContent();
  assert.match(url, new RegExp(`/\\?municipality=3407#/survey/${WAVES.screening}$`));
  const poster = await downloaded(page, round.getByRole('button', {name: /Last ned A4-plakat/}));
  assert.match(poster.name, /-plakat\.html$/);
  assert.ok(poster.text.includes(url), 'the poster prints the link');
  assert.match(poster.text, /Er du pårørende\?/);
  assert.match(poster.text, /<img src="data:image\/svg\+xml/);
  const posterPage = await ctx.context.newPage();
  await posterPage.setContent(poster.text);
  await checkA11y(posterPage, 'poster');
  await posterPage.close();
  const svg = await downloaded(page, round.getByRole('button', {name: /QR-kode \(SVG\)/}));
  assert.match(svg.text, /^<svg|^<\?xml/);
  const png = await downloaded(page, round.getByRole('button', {name: /QR-kode \(PNG\)/}), null);
  assert.deepEqual([...png.text.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');

  await page.getByRole('button', {name: 'Lag koder'}).click();
  await page.locator('.error-summary').waitFor();
  await snapshot(ctx, 'errors');

  await page.locator('#invitation-round').selectOption(WAVES.screening);
  await page.locator('#invitation-label').fill('Brev mars, hjemmetjenesten');
  await page.locator('#invitation-count').fill('20');
  await page.getByRole('button', {name: 'Lag koder'}).click();
  await expectHeading(page, 'Invitasjoner – Gjøvik');
  await page.getByRole('heading', {name: '20 koder er laget'}).waitFor();
  await page.getByRole('cell', {name: 'Brev mars, hjemmetjenesten'}).waitFor();
  await snapshot(ctx, 'issued');

  const csv = await downloaded(page, '#download-csv');
  assert.match(csv.name, /^invitasjoner-3407-\d+\.csv$/);
  const lines = csv.text.trimEnd().split('\r\n');
  assert.equal(lines[0], 'number,code,link');
  assert.equal(lines.length, 21);
  const rows = lines.slice(1).map((line) => line.split(','));
  const codes = rows.map((row) => row[1]);
  assert.equal(new Set(codes).size, 20);
  for (const [number, code, link] of rows) {
    assert.match(code, /^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/, `code ${number}`);
    assert.equal(link, `${running.server.url}/?municipality=3407#/invitation/${code}`);
  }

  const letters = await downloaded(page, '#download-letters');
  assert.match(letters.name, /^invitasjoner-3407-\d+-brev\.html$/);
  assert.equal(letters.text.match(/<section class="letter"/g).length, 20);
  for (const code of codes) assert.ok(letters.text.includes(code), code);
  assert.match(letters.text, /break-after: page/);
  assert.match(letters.text, /Gjøvik kommune/);
  // The letters are a document of their own: accessible too.
  const print = await ctx.context.newPage();
  await print.setContent(letters.text);
  await checkA11y(print, 'letters');
  await print.close();

  // A caregiver follows the first letter's link on a phone.
  const caregiver = await open(running.browser, {name: 'invitation-caregiver'});
  await caregiver.page.goto(rows[0][2]);
  await expectHeading(caregiver.page, 'Før du begynner');
  assert.ok(!caregiver.page.url().includes(codes[0]), 'the code left the address bar');
  await snapshot(caregiver, 'consent');
  await answerScreening(caregiver.page);
  await snapshot(caregiver, 'result');

  // The same code again, in a fresh browser: what it opens is told for
  // any code, but the submission is refused and says why, and the answers
  // then go in without the code.
  const again = await open(running.browser, {name: 'invitation-used'});
  await again.page.goto(rows[0][2]);
  await expectHeading(again.page, 'Før du begynner');
  await answerScreening(again.page, {refused: true});
  await again.page.getByText(nb('invitation.used'), {exact: false}).first().waitFor();
  await snapshot(again, 'used');
  await again.page.getByRole('button', {name: nb('check.store')}).click();
  await expectHeading(again.page, nb('result.title'));
  // Typed by hand, in lower case without dashes, another code works.
  await again.page.goto(`${running.server.url}/#/invitation`);
  await expectHeading(again.page, nb('invitation.title'));
  await again.page.locator('#f-invitation').fill(codes[1].toLowerCase().replaceAll('-', ''));
  await again.page.getByRole('button', {name: nb('invitation.submit')}).click();
  await expectHeading(again.page, 'Før du begynner');

  // The staff member sees the batch: one code used, shown as fewer than k.
  await page.reload();
  await expectHeading(page, 'Invitasjoner – Gjøvik');
  await page.getByRole('cell', {name: `færre enn ${K}`}).waitFor();
  await snapshot(ctx, 'after-answer');

  // The two answers made the round's count k: now it shows.
  await page.getByRole('link', {name: 'Startsiden'}).first().click();
  const after = screeningRound(page);
  await after.locator('dd', {hasText: String(K)}).first().waitFor();
  await after.getByText('20', {exact: true}).waitFor();
  assert.match(await after.textContent(), new RegExp(`Uke \\d+ \\d{4}: ${K}`));
  await snapshot(ctx, 'home-count');

  assertNoProblems(ctx.problems, [/401/]);
  assertNoProblems(caregiver.problems);
  assertNoProblems(again.problems, [/responses/]);
  for (const each of [ctx, caregiver, again]) await each.context.close();
});
