// Questionnaires and rounds from the staff pages in Chromium against the
// real server: a national administrator checks a definition file (a broken
// one's problems listed), publishes it and opens a national round whose
// results are for staff only; a REDCap data dictionary is converted (what
// was left out listed), checked and published; Gjøvik's staff member, at
// 320 px width, finds the round on the home page and opens a local round
// for Gjøvik. axe-core on every state.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {ROOT} from '../lib/server.mjs';
import {addStaffAccount, signInAndEnrol} from '../lib/staff.mjs';

const ANNA = {username: 'anna', name: 'Anna Admin', grant: 'national_admin', password: 'the password of anna the admin'};
const KARI = {username: 'kari', name: 'Kari Nordmann', grant: 'municipality_staff:3407',
  password: 'the password of kari at gjovik'};

let redcapDictionary = '';
const running = useServerAndBrowser({
  prepare(db, run) {
    addStaffAccount(db, run, ANNA);
    addStaffAccount(db, run, KARI);
    // The shipped survey as a REDCap data dictionary, as a project exports it.
    redcapDictionary = path.join(mkdtempSync(path.join(tmpdir(), 'parorende-redcap-')), 'ordbok.csv');
    run('export-redcap', '--questionnaire', path.join(ROOT, 'questionnaires/parorendeundersokelse.json'),
      '--out', redcapDictionary);
  },
});

// A new version of the shipped screening, and a definition with mistakes.
function definitionFiles() {
  const dir = mkdtempSync(path.join(tmpdir(), 'parorende-rounds-'));
  const definition = JSON.parse(readFileSync(path.join(ROOT, 'questionnaires/belastningskartlegging.json'), 'utf8'));
  definition.version = '1.2.0';
  const good = path.join(dir, 'belastningskartlegging-1.2.0.json');
  writeFileSync(good, JSON.stringify(definition));
  const broken = path.join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify({format: 'parorende-questionnaire/1', id: 'Broken Id', version: '1'}));
  return {good, broken};
}

test('a national administrator publishes a version and opens a round; Gjøvik opens its own', async () => {
  const {good, broken} = definitionFiles();
  const ctx = await open(running.browser, {name: 'rounds-admin', viewport: {width: 1280, height: 800}});
  const {page} = ctx;
  await signInAndEnrol(page, running.server.url, ANNA);
  await page.getByRole('link', {name: 'Spørreskjemaer og nasjonale runder'}).click();
  await page.getByRole('heading', {level: 1, name: 'Spørreskjemaer og runder'}).waitFor();
  await snapshot(ctx, 'rounds');

  await page.locator('#definition-file').setInputFiles(broken);
  await page.getByRole('button', {name: 'Sjekk definisjonen'}).click();
  await page.locator('.error-summary').waitFor();
  assert.ok((await page.locator('.error-summary li').count()) > 1, 'every problem is listed');
  await snapshot(ctx, 'broken');

  await page.locator('#definition-file').setInputFiles(good);
  await page.getByRole('button', {name: 'Sjekk definisjonen'}).click();
  await page.locator('#view').getByText('(belastningskartlegging 1.2.0) har ingen feil').waitFor();
  await snapshot(ctx, 'checked');
  await page.getByRole('button', {name: 'Publiser belastningskartlegging 1.2.0'}).click();
  await page.locator('#view').getByText('(belastningskartlegging 1.2.0) er publisert').waitFor();

  await page.locator('#national-name').fill('Pårørendeundersøkelsen 2027');
  await page.locator('#national-questionnaire').fill('belastningskartlegging');
  await page.locator('#national-opens').fill('2026-12-01');
  await page.locator('#national-closes').fill('2027-03-31');
  await page.locator('#national-staff-only').check();
  // The screening's consent does not say its comments are shared: refused, and why.
  await page.locator('#national-comments').check();
  await page.getByRole('button', {name: 'Åpne runden'}).click();
  await page.locator('.error-summary').getByText('sier ikke til de pårørende at kommunen kan lese kommentarene').waitFor();
  await snapshot(ctx, 'comments-refused');
  await page.locator('#national-comments').uncheck();
  await page.getByRole('button', {name: 'Åpne runden'}).click();
  await page.getByText('Runden «Pårørendeundersøkelsen 2027» er åpnet.').waitFor();
  await snapshot(ctx, 'opened');

  // A REDCap data dictionary: converted, what was left out listed, checked, published.
  await page.locator('.redcap-options summary').click();
  await page.locator('#redcap-id').fill('fra_redcap');
  await page.locator('#redcap-version').fill('2.0.0');
  await page.locator('#definition-file').setInputFiles(redcapDictionary);
  await page.getByRole('button', {name: 'Sjekk definisjonen'}).click();
  await page.locator('#view').getByText('(fra_redcap 2.0.0) har ingen feil').waitFor();
  assert.ok((await page.locator('.redcap-warnings li').count()) > 0, 'what REDCap gave that was left out');
  await snapshot(ctx, 'redcap-checked');
  await page.getByRole('button', {name: 'Publiser fra_redcap 2.0.0'}).click();
  await page.locator('#view').getByText('(fra_redcap 2.0.0) er publisert').waitFor();
  const published = await (await fetch(`${running.server.url}/api/v1/questionnaires/fra_redcap?lang=nb`)).json();
  assert.equal(published.version, '2.0.0');
  // An instrument ZIP from REDCap's Shared Library, as it is: converted and checked.
  await page.locator('#redcap-id').fill('fra_zip');
  await page.locator('#redcap-version').fill('1.0.0');
  await page.locator('#definition-file').setInputFiles(path.join(ROOT, 'tests/data/redcap/instrument.zip'));
  await page.getByRole('button', {name: 'Sjekk definisjonen'}).click();
  await page.locator('#view').getByText('(fra_zip 1.0.0) har ingen feil').waitFor();
  assert.ok((await page.locator('.redcap-warnings').textContent()).includes('rest_total'), 'the calculated field left out');

  // Gjøvik sees the national round, and opens a local one.
  const staff = await open(running.browser, {name: 'rounds-gjovik', viewport: {width: 320, height: 640}});
  await signInAndEnrol(staff.page, running.server.url, KARI);
  await staff.page.locator('.round[data-wave="Pårørendeundersøkelsen 2027"]').waitFor();
  await staff.page.getByText('Åpne en lokal runde for kommunen').click();
  await snapshot(staff, 'local-form');
  await staff.page.locator('#local-3407-name').fill('Kartlegging for pårørende til nye brukere');
  await staff.page.locator('#local-3407-questionnaire').fill('belastningskartlegging');
  // A local round opens today or later (UTC, as the server counts days).
  await staff.page.locator('#local-3407-opens').fill(new Date().toISOString().slice(0, 10));
  await staff.page.locator('#local-3407-closes').fill('2030-12-31');
  await staff.page.getByRole('button', {name: 'Åpne runden'}).click();
  await staff.page.locator('.round[data-wave="Kartlegging for pårørende til nye brukere"]').waitFor();
  await snapshot(staff, 'local-opened');

  const rounds = await (await fetch(`${running.server.url}/api/v1/waves`)).json();
  const local = rounds.waves.find((wave) => wave.name === 'Kartlegging for pårørende til nye brukere');
  assert.deepEqual(local.municipalities, ['3407']);
  const national = rounds.waves.find((wave) => wave.name === 'Pårørendeundersøkelsen 2027');
  assert.equal(national.version, '1.2.0');
  assert.equal(national.results_public, false, 'the box said: for staff only');

  assertNoProblems(ctx.problems, [/401/, /422/]);
  assertNoProblems(staff.problems, [/401/]);
  for (const each of [ctx, staff]) await each.context.close();
});
