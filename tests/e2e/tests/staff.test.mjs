// Staff sign-in in Chromium against the real server: a local password, the
// TOTP second factor enrolled from the QR code's key and entered at the
// next sign-in, the municipality's home page, my account, the national
// administrator's accounts page, and sign-out; axe-core on every state.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {expectHeading} from '../lib/helpers.mjs';
import {currentStep, totp} from '../lib/totp.mjs';

const PASSWORD = 'the password of kari at gjovik';
const ADMIN_PASSWORD = 'the password of the national admin';
let adminCode = '';

const running = useServerAndBrowser({
  prepare(db, run) {
    const dir = mkdtempSync(path.join(tmpdir(), 'parorende-staff-'));
    writeFileSync(path.join(dir, 'kari'), `${PASSWORD}\n`);
    run('user', 'add', '--db', db, '--username', 'kari', '--name', 'Kari Nordmann',
      '--grant', 'municipality_staff:3407', '--password-file', path.join(dir, 'kari'));
    // The first administrator gets a one-time code instead of a password.
    const added = run('user', 'add', '--db', db, '--username', 'anna', '--name', 'Anna Admin',
      '--grant', 'national_admin');
    adminCode = added.trim().split('\n').pop();
  },
});


async function signIn(page, username, password) {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', {name: 'Logg inn'}).click();
}

test('a local password, then the second factor, then the municipality', async () => {
  const ctx = await open(running.browser, {name: 'staff-local'});
  const {page} = ctx;
  await page.goto(`${running.server.url}/staff.html`);
  await expectHeading(page, 'Logg inn');
  await snapshot(ctx, 'sign-in');

  // Nothing filled in, then a wrong password: the same message as a wrong user.
  await page.getByRole('button', {name: 'Logg inn'}).click();
  await page.locator('.error-summary').waitFor();
  await snapshot(ctx, 'sign-in-empty');
  await signIn(page, 'kari', 'not the password at all');
  await page.getByText('Brukernavnet, passordet eller engangskoden er feil.').first().waitFor();
  await snapshot(ctx, 'sign-in-wrong');

  // The right password: no role counts before the second factor.
  await signIn(page, 'kari', PASSWORD);
  await expectHeading(page, 'Sett opp engangskoder');
  await snapshot(ctx, 'enrol');
  await page.getByRole('button', {name: 'Lag en kode for appen'}).click();
  await page.locator('#totp-key').waitFor();
  await page.locator('img.qr-code').waitFor();
  await snapshot(ctx, 'enrol-qr');
  const key = (await page.locator('#totp-key').textContent()).trim();
  assert.match(key, /^[A-Z2-7]{32}$/);
  await page.locator('#enrol-code').fill('000000');
  await page.getByRole('button', {name: 'Bekreft'}).click();
  await page.getByText('Koden stemmer ikke.').first().waitFor();
  let step = currentStep();
  await page.locator('#enrol-code').fill(totp(key, step));
  await page.getByRole('button', {name: 'Bekreft'}).click();

  // The municipality's home page.
  await expectHeading(page, 'Velkommen, Kari Nordmann');
  await page.getByRole('heading', {name: 'Gjøvik kommune'}).waitFor();
  await snapshot(ctx, 'home');
  await page.getByRole('link', {name: 'Min konto'}).click();
  await expectHeading(page, 'Min konto');
  await snapshot(ctx, 'account');

  // Sign out, and in again: now the code is asked for after the password.
  await page.getByRole('button', {name: 'Logg ut', exact: true}).click();
  await expectHeading(page, 'Logg inn');
  await page.goto(`${running.server.url}/staff.html#home`);
  await expectHeading(page, 'Logg inn');
  await signIn(page, 'kari', PASSWORD);
  await page.locator('#one-time-code').waitFor({state: 'visible'});
  await snapshot(ctx, 'sign-in-code');
  step = Math.max(step + 1, currentStep());
  while (step > currentStep() + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  await page.locator('#one-time-code').fill(totp(key, step));
  await page.getByRole('button', {name: 'Logg inn'}).click();
  await expectHeading(page, 'Velkommen, Kari Nordmann');
  await page.getByRole('button', {name: 'Logg ut', exact: true}).click();
  await expectHeading(page, 'Logg inn');
  assertNoProblems(ctx.problems, [/401/]);
  await ctx.context.close();
});

test('a national administrator sets a password with the code, then sees the accounts, in nynorsk', async () => {
  const ctx = await open(running.browser, {name: 'staff-admin', viewport: {width: 1280, height: 800}});
  const {page} = ctx;
  await page.goto(`${running.server.url}/staff.html?lang=nn`);
  await expectHeading(page, 'Logg inn');
  await page.getByRole('link', {name: 'Har du fått ein kode for å setje passord?'}).click();
  await expectHeading(page, 'Set passord');
  await snapshot(ctx, 'reset');
  await page.locator('#reset-code').fill('not-the-code');
  await page.locator('#reset-password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', {name: 'Set passord'}).click();
  await page.getByText('Koden er feil, brukt eller for gammal.').first().waitFor();
  await snapshot(ctx, 'reset-wrong');
  assert.equal(adminCode.length, 43, adminCode);
  await page.locator('#reset-code').fill(adminCode);
  await page.getByRole('button', {name: 'Set passord'}).click();
  await page.getByText('Passordet er sett.').waitFor();
  await snapshot(ctx, 'reset-done');
  await page.getByRole('link', {name: 'Logg inn'}).click();
  await expectHeading(page, 'Logg inn');
  await signIn(page, 'anna', ADMIN_PASSWORD);
  await expectHeading(page, 'Set opp eingongskodar');
  await page.getByRole('button', {name: 'Lag ein kode for appen'}).click();
  await page.locator('#totp-key').waitFor();
  const key = (await page.locator('#totp-key').textContent()).trim();
  await page.locator('#enrol-code').fill(totp(key, currentStep()));
  await page.getByRole('button', {name: 'Stadfest'}).click();
  await expectHeading(page, 'Velkomen, Anna Admin');
  await page.getByRole('link', {name: 'Kontoar'}).click();
  await expectHeading(page, 'Kontoar');
  await page.getByRole('cell', {name: 'kari', exact: true}).waitFor();
  await snapshot(ctx, 'accounts');

  // A new account for Verdal's caregiver contact: the code to hand over.
  await page.getByRole('button', {name: 'Legg til kontoen'}).click();
  await page.locator('.error-summary').waitFor();
  await snapshot(ctx, 'accounts-add-empty');
  await page.locator('#new-username').fill('siv.verdal');
  await page.locator('#new-name').fill('Siv Verdal');
  await page.locator('#new-municipality').fill('5038');
  await page.getByRole('button', {name: 'Legg til kontoen'}).click();
  await page.getByRole('cell', {name: 'siv.verdal', exact: true}).waitFor();
  const code = (await page.locator('.reset-code').textContent()).trim();
  assert.match(code, /^[A-Za-z0-9_-]{43}$/);
  await snapshot(ctx, 'accounts-added');

  // Kari is disabled, and enabled again; Anna's own row has no buttons.
  await page.getByRole('button', {name: 'Sperr Kari Nordmann'}).click();
  await page.getByRole('button', {name: 'Opphev sperring Kari Nordmann'}).waitFor();
  await page.getByRole('button', {name: 'Opphev sperring Kari Nordmann'}).click();
  await page.getByRole('button', {name: 'Sperr Kari Nordmann'}).waitFor();
  assert.equal(await page.getByRole('button', {name: /Anna Admin/}).count(), 0);
  await snapshot(ctx, 'accounts-changed');
  assertNoProblems(ctx.problems, [/401/, /422/]);

  // The code sets Siv's password, once.
  const reset = await fetch(`${running.server.url}/api/v1/password-reset`, {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify({code, new_password: 'the password Siv chose'})});
  assert.equal(reset.status, 204);
  await ctx.context.close();
});
