// Staff accounts in the browser tests: one made with the CLI before the
// server starts, then signed in on /staff.html with the TOTP app enrolled
// at the first sign-in, as a new staff member does.
import {writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expectHeading} from './helpers.mjs';
import {currentStep, totp} from './totp.mjs';

// For useServerAndBrowser's `prepare`: a local account of `grant`.
export function addStaffAccount(db, run, {username, name, grant, password}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'parorende-staff-'));
  writeFileSync(path.join(dir, username), `${password}\n`);
  run('user', 'add', '--db', db, '--username', username, '--name', name,
    '--grant', grant, '--password-file', path.join(dir, username));
}

// Signs in (bokmål) and enrols the second factor; ends on the home page.
export async function signInAndEnrol(page, url, {username, name, password}) {
  await page.goto(`${url}/staff.html`);
  await expectHeading(page, 'Logg inn');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', {name: 'Logg inn'}).click();
  await expectHeading(page, 'Sett opp engangskoder');
  await page.getByRole('button', {name: 'Lag en kode for appen'}).click();
  const key = (await page.locator('#totp-key').textContent()).trim();
  await page.locator('#enrol-code').fill(totp(key, currentStep()));
  await page.getByRole('button', {name: 'Bekreft'}).click();
  await expectHeading(page, `Velkommen, ${name}`);
}
