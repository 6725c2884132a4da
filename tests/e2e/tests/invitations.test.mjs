// Invitation letters in Chromium against the real server: Gjøvik's staff
// member makes 20 codes for the screening round at 320 px width, downloads
// the CSV and the letters (one per page, the code and link in each); a
// caregiver on a phone follows a letter's link, answers, and the same code
// is refused the second time with a clear message; the batch's used count
// stays "fewer than k". axe-core on every state, the letters included.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {open, snapshot, checkA11y, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {WAVES} from '../lib/server.mjs';
import {answerScreen, expectHeading} from '../lib/helpers.mjs';
import {text} from '../lib/strings.mjs';
import {currentStep, totp} from '../lib/totp.mjs';

const PASSWORD = 'the password of kari at gjovik';
const nb = (key, vars) => text(key, 'nb', vars);

const running = useServerAndBrowser({
  prepare(db, run) {
    const dir = mkdtempSync(path.join(tmpdir(), 'parorende-invitations-'));
    writeFileSync(path.join(dir, 'kari'), `${PASSWORD}\n`);
    run('user', 'add', '--db', db, '--username', 'kari', '--name', 'Kari Nordmann',
      '--grant', 'municipality_staff:3407', '--password-file', path.join(dir, 'kari'));
  },
});

async function signInAndEnrol(page) {
  await page.goto(`${running.server.url}/staff.html`);
  await expectHeading(page, 'Logg inn');
  await page.locator('#username').fill('kari');
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', {name: 'Logg inn'}).click();
  await expectHeading(page, 'Sett opp engangskoder');
  await page.getByRole('button', {name: 'Lag en kode for appen'}).click();
  const key = (await page.locator('#totp-key').textContent()).trim();
  await page.locator('#enrol-code').fill(totp(key, currentStep()));
  await page.getByRole('button', {name: 'Bekreft'}).click();
  await expectHeading(page, 'Velkommen, Kari Nordmann');
}

async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  return {name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8')};
}

async function answerScreening(page) {
  await page.locator('#f-consent').check();
  await page.getByRole('button', {name: nb('consent.start')}).click();
  await expectHeading(page, 'Om deg og den du hjelper');
  await answerScreen(page, () => 0);
  await page.getByRole('button', {name: nb('nav.next')}).click();
  await expectHeading(page, 'De siste fire ukene');
  await answerScreen(page, () => 3);
  await page.getByRole('button', {name: nb('nav.submit')}).click();
  await expectHeading(page, nb('result.title'));
}

test('Gjøvik prints 20 letters; a caregiver answers with one code, once', async () => {
  const ctx = await open(running.browser, {name: 'invitations', viewport: {width: 320, height: 640}});
  const {page} = ctx;
  await signInAndEnrol(page);
  await page.getByRole('link', {name: 'Invitasjonsbrev med engangskoder'}).click();
  await expectHeading(page, 'Invitasjonsbrev – Gjøvik');
  await page.getByText('Ingen koder er laget ennå.').waitFor();
  await snapshot(ctx, 'empty');

  await page.getByRole('button', {name: 'Lag koder'}).click();
  await page.locator('.error-summary').waitFor();
  await snapshot(ctx, 'errors');

  await page.locator('#invitation-round').selectOption(WAVES.screening);
  await page.locator('#invitation-label').fill('Brev mars, hjemmetjenesten');
  await page.locator('#invitation-count').fill('20');
  await page.getByRole('button', {name: 'Lag koder'}).click();
  await expectHeading(page, 'Invitasjonsbrev – Gjøvik');
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

  // The same code again, in a fresh browser: refused, and said why.
  const again = await open(running.browser, {name: 'invitation-used'});
  await again.page.goto(rows[0][2]);
  await expectHeading(again.page, nb('invitation.title'));
  await again.page.getByText(nb('invitation.used')).first().waitFor();
  await snapshot(again, 'used');
  // Typed by hand, in lower case without dashes, another code works.
  await again.page.locator('#f-invitation').fill(codes[1].toLowerCase().replaceAll('-', ''));
  await again.page.getByRole('button', {name: nb('invitation.submit')}).click();
  await expectHeading(again.page, 'Før du begynner');

  // The staff member sees the batch: one code used, shown as fewer than k.
  await page.reload();
  await expectHeading(page, 'Invitasjonsbrev – Gjøvik');
  await page.getByRole('cell', {name: 'færre enn 10'}).waitFor();
  await snapshot(ctx, 'after-answer');

  assertNoProblems(ctx.problems, [/401/]);
  assertNoProblems(caregiver.problems);
  assertNoProblems(again.problems, [/invitations\//]);
  for (const each of [ctx, caregiver, again]) await each.context.close();
});
