// A round's comments on the staff pages, in Chromium against the real
// server at 320 px width: Gjøvik's staff open a closed round that shares
// comments (its consent told caregivers so) from their home page and read
// what caregivers wrote with every number and e-mail address hidden; a
// round that does not share them says why and shows none. axe-core on
// every state.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {expectHeading, withConsent} from '../lib/helpers.mjs';
import {addStaffAccount, signInAndEnrol} from '../lib/staff.mjs';
import {ROOT} from '../lib/server.mjs';

const KARI = {username: 'kari', name: 'Kari Nordmann', grant: 'municipality_staff:3407',
  password: 'the password of kari at gjovik'};
const COMMENTS = ['Mer avlastning i helgene, ring meg på 912 34 567', 'Takk til hjemmetjenesten',
  'Skriv til kari@example.no', 'Vanskelig å få tak i saksbehandler', 'Bedre informasjon',
  'Dagsenteret er gull verdt', 'Flere samtaler', 'Kortere ventetid', 'Lengre åpningstider',
  'Mer fleksibel avlastning', 'Et pårørendekurs om våren'];

// parorendeundersokelse 1.2.0: its consent tells caregivers that the
// municipality reads their comments; two closed rounds of it, one sharing.
function prepare(db, run) {
  addStaffAccount(db, run, KARI);
  const dir = mkdtempSync(path.join(tmpdir(), 'parorende-comments-'));
  const definition = withConsent(JSON.parse(readFileSync(path.join(ROOT, 'questionnaires/parorendeundersokelse.json'), 'utf8')), {
    version: '1.2.0', consentVersion: '2026-3', flags: {shares_comments: true}, sentences: {
      nb: 'Det du skriver i kommentarfeltet, kan kommunen lese etter at undersøkelsen er avsluttet, uten tall og e-postadresser.',
      nn: 'Det du skriv i kommentarfeltet, kan kommunen lese etter at undersøkinga er avslutta, utan tal og e-postadresser.',
      en: 'The municipality can read what you write in the comment field after the survey has closed, without numbers and e-mail addresses.',
    }});
  writeFileSync(path.join(dir, 'definition.json'), JSON.stringify(definition));
  run('publish', '--db', db, path.join(dir, 'definition.json'));
  const lines = COMMENTS.map((comment) => JSON.stringify({status: 'complete', consent_version: '2026-3',
    language: 'nb', municipality: '3407', answers: {municipality: '3407', relationship: 1,
      condition_group: 1, children_in_family: false, comment}})).join('\n') + '\n';
  writeFileSync(path.join(dir, 'responses.jsonl'), lines);
  for (const [name, share] of [['Pårørende 2025', true], ['Stille 2025', false]]) {
    run('wave', 'create', '--db', db, '--name', name, '--questionnaire', 'parorendeundersokelse',
      '--version', '1.2.0', '--opens', '2025-01-01', '--closes', '2025-12-31', ...(share ? ['--share-comments'] : []));
    run('import-responses', '--db', db, '--wave', name, path.join(dir, 'responses.jsonl'));
  }
}

const running = useServerAndBrowser({prepare});

test('Gjøvik reads a closed round\'s comments, masked; a round that does not share them shows none', async () => {
  const ctx = await open(running.browser, {name: 'comments', viewport: {width: 320, height: 640}});
  const {page} = ctx;
  await signInAndEnrol(page, running.server.url, KARI);

  // Only the sharing round has the link.
  const shared = page.locator('.round[data-wave="Pårørende 2025"]');
  await shared.waitFor();
  const quiet = page.locator('.round[data-wave="Stille 2025"]');
  assert.equal(await quiet.count(), 1);
  assert.equal(await quiet.getByRole('link', {name: /Les kommentarene/}).count(), 0);
  await shared.getByRole('link', {name: 'Les kommentarene Pårørende 2025'}).click();
  await expectHeading(page, 'Kommentarer: Pårørende 2025');
  const items = page.locator('ul.comments li');
  assert.equal(await items.count(), COMMENTS.length);
  const texts = await items.allTextContents();
  assert.ok(texts.includes('Mer avlastning i helgene, ring meg på ### ## ###'), texts.join(' | '));
  assert.ok(texts.includes('Skriv til …@…'), texts.join(' | '));
  assert.deepEqual(texts, [...texts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'sorted, not in the order they came');
  for (const text of texts) assert.doesNotMatch(text, /\d/);
  await snapshot(ctx, 'shared');

  // A round whose caregivers were not told: no comment, and why.
  await page.goto(`${running.server.url}/staff.html#comments/3407/${encodeURIComponent('Stille 2025')}`);
  await page.getByRole('alert').filter({hasText: 'ble ikke fortalt'}).waitFor();
  assert.equal(await page.locator('ul.comments li').count(), 0);
  await snapshot(ctx, 'not-shared');
  // The session check before signing in (401) and the refusal the page
  // explains (403) are the only problems.
  assertNoProblems(ctx.problems, [/401.*\/api\/v1\/session\b/, /403.*\/comments\b/]);
  await ctx.context.close();
});
