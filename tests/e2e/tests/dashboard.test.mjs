// The dashboard for municipality staff (web/dashboard.html) against the real
// server and the real results API: a national wave of synthetic responses
// (`parorende demo-data`), Verdal chosen with the combobox on a phone, the
// funnel plot drawn with Verdal highlighted and its table holding the API's
// numbers, a withheld municipality shown without numbers, Bergen on a
// desktop in nynorsk, printing without controls, and axe on every state.
// Screenshot for review: screenshots/dashboard-5038.png (and -4601).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {WAVES} from '../lib/server.mjs';
import {writeResponses} from '../lib/responses.mjs';
import {open, snapshot, checkA11y, assertNoProblems, SCREENSHOTS, PHONE} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {addStaffAccount, signInAndEnrol} from '../lib/staff.mjs';
import {DASHBOARD_STRINGS} from '../../../web/js/dashboard/strings.js';
import {LANGUAGES} from '../../../web/js/i18n.js';
import {formatScore, formatCount, formatShare, funnelLimits, funnelPosition, Z95, Z998} from '../../../web/js/dashboard/stats.js';

const WAVE = 'e2e-results';
const PREVIOUS = 'e2e-previous';
const BURDEN_COUNTS = {'5038': 30, '4601': 40, '5001': 30, '0301': 60, '1103': 30};
const PREVIOUS_COUNTS = {'3401': 12, '5038': 40, '4601': 60, '5001': 50, '5006': 30, '5035': 25, '4627': 25, '4624': 25, '0301': 80, '1103': 40, '3403': 25};
// The screening's results are for staff (its consent does not say they are
// published): Bergen's staff read them.
const BERIT = {username: 'berit', name: 'Berit Bergen', grant: 'municipality_staff:4601',
  password: 'the password of berit at bergen'};
const running = useServerAndBrowser({
  prepare: (db, run) => {
    addStaffAccount(db, run, BERIT);
    // An earlier wave (last year, 400 responses in ten municipalities) for
    // the change since the last wave, then this year's national wave.
    run('wave', 'create', '--db', db, '--questionnaire', 'parorendeundersokelse', '--name', PREVIOUS,
      '--opens', '2025-01-01', '--closes', '2025-12-31');
    const file = writeResponses(path.join(path.dirname(db), 'previous.jsonl'), PREVIOUS_COUNTS, {seed: 3});
    run('import-responses', '--db', db, '--wave', PREVIOUS, file);
    run('demo-data', '--db', db, '--wave', WAVE, '--responses', '20000', '--seed', '7');
    // Burden screenings in the open screening wave, for the burden shares.
    const screenings = writeResponses(path.join(path.dirname(db), 'screenings.jsonl'), BURDEN_COUNTS,
      {questionnaire: 'questionnaires/belastningskartlegging.json', seed: 5});
    run('import-responses', '--db', db, '--wave', WAVES.screening, screenings);
  },
});

const dash = (key, lang, vars = {}) => DASHBOARD_STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, name) => String(vars[name]));
const squash = (text) => (text ?? '').replace(/\s+/g, ' ').trim();

async function api(pathname) {
  const response = await fetch(`${running.server.url}/api/v1/${pathname}`);
  assert.equal(response.status, 200, `GET ${pathname}: ${response.status}`);
  return response.json();
}

// The first read of a wave waits for its analysis (20,000 responses, on a
// sanitizer build, beside another test file's browser): up to 90 s.
async function reportReady(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.getElementById('report-title'),
    null, {timeout: 90000});
}

test('every dashboard string exists in nb, nn and en; the funnel limits', () => {
  for (const [key, entry] of Object.entries(DASHBOARD_STRINGS)) {
    for (const lang of LANGUAGES) assert.ok(entry[lang], `${key} has no ${lang}`);
    const names = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();
    assert.equal(names(entry.nn), names(entry.nb), `${key}: nn placeholders`);
    assert.equal(names(entry.en), names(entry.nb), `${key}: en placeholders`);
  }
  assert.equal(Z95, 1.96);
  assert.equal(Z998, 3.09);
  const limits = funnelLimits(50, 20, 100);  // SE 2
  assert.ok(Math.abs(limits.high95 - 53.92) < 1e-9 && Math.abs(limits.low998 - 43.82) < 1e-9);
  assert.equal(funnelPosition(54, 100, 50, 20), 'above95');
  assert.equal(funnelPosition(56.5, 100, 50, 20), 'above998');
  assert.equal(funnelPosition(45, 100, 50, 20), 'below95');
  assert.equal(funnelPosition(50, 100, 50, 20), 'within');
});

test('Verdal on a phone: funnel plot, its table, a withheld municipality, printing', async () => {
  const ctx = await open(running.browser, {name: 'dashboard', viewport: PHONE});
  const {page} = ctx;
  // No wave in the address: the dashboard picks the open wave with responses.
  await page.goto(`${running.server.url}/dashboard.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(squash(await page.locator('h1').textContent()), dash('title', 'nb'));
  await snapshot(ctx, 'choose');

  // Submitting nothing: the error beside the field and in the summary.
  await page.getByRole('button', {name: dash('choose.submit', 'nb')}).click();
  await page.locator('.error-summary').waitFor();
  assert.equal(await page.locator('#dashboard-municipality').getAttribute('aria-invalid'), 'true');

  // The combobox: type, arrow down, Enter chooses, the button shows.
  const combo = page.getByRole('combobox', {name: dash('choose.municipality', 'nb')});
  await combo.fill('verd');
  await page.locator('#dashboard-municipality-list [role="option"]').first().waitFor();
  assert.equal(await combo.getAttribute('aria-expanded'), 'true');
  await snapshot(ctx, 'combobox-open');
  await combo.press('ArrowDown');
  assert.equal(await combo.getAttribute('aria-activedescendant'), 'dashboard-municipality-opt-5038');
  await combo.press('Enter');
  assert.equal(await combo.inputValue(), 'Verdal');
  assert.equal(await combo.getAttribute('aria-expanded'), 'false');
  await page.getByRole('button', {name: dash('choose.submit', 'nb')}).click();
  await reportReady(page);
  assert.equal(new URL(page.url()).searchParams.get('municipality'), '5038');
  assert.equal(new URL(page.url()).searchParams.get('wave'), WAVE);
  assert.equal(squash(await page.locator('#report-title').textContent()), dash('heading.municipality', 'nb', {municipality: 'Verdal'}));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'report-title');

  // The rounds by their plain names, last year's closed round among them;
  // the report names its round the same way.
  const {waves: rounds} = await api('waves?lang=nb&with=results');
  const previousRound = rounds.find((w) => w.name === PREVIOUS);
  const thisRound = rounds.find((w) => w.name === WAVE);
  assert.equal(previousRound.open, false);
  assert.equal(previousRound.plain_name, 'Pårørendeundersøkelsen, 2025');
  const roundOptions = (await page.locator('#dashboard-wave option').allTextContents()).map(squash);
  assert.ok(roundOptions.includes(previousRound.plain_name), roundOptions.join(' | '));
  assert.ok(roundOptions.includes(thisRound.plain_name), roundOptions.join(' | '));
  assert.ok(!roundOptions.some((text) => text === WAVE || text === PREVIOUS), roundOptions.join(' | '));
  assert.ok(squash(await page.locator('.report .meta').first().textContent()).includes(thisRound.plain_name));

  const overview = await api(`waves/${WAVE}/results?lang=nb`);
  const verdal = await api(`waves/${WAVE}/results/5038?lang=nb`);
  const k = overview.min_respondents;
  const scale = overview.scales[0];
  const published = scale.municipalities.filter((m) => !m.suppressed);
  const withheld = scale.municipalities.filter((m) => m.suppressed);
  assert.ok(published.some((m) => m.code === '5038'), 'Verdal is published at 20,000 responses');
  assert.ok(withheld.length > 0, 'some municipality is withheld');

  // The funnel plot: every published municipality once, Verdal highlighted
  // (a diamond with its name), no withheld one.
  const funnel = page.locator('#funnel svg.chart--funnel');
  await funnel.waitFor();
  assert.equal(await funnel.getAttribute('role'), 'img');
  assert.ok(squash(await funnel.locator('title').textContent()).includes(scale.title));
  assert.equal(await funnel.locator('.points [data-code]').count() + 1, published.length);
  assert.equal(await funnel.locator('.chosen[data-code="5038"]').count(), 1);
  assert.equal(squash(await funnel.locator('.chosen .chosen-label').textContent()), 'Verdal');
  for (const m of withheld.slice(0, 20)) {
    assert.equal(await funnel.locator(`[data-code="${m.code}"]`).count(), 0, `${m.code} is withheld but drawn`);
  }
  const describedBy = await funnel.getAttribute('aria-describedby');
  const description = squash(await page.locator(`[id="${describedBy}"]`).textContent());
  const mine = published.find((m) => m.code === '5038');
  assert.ok(description.includes(formatScore(mine.raw.mean, 'nb')), description);

  // Its table: the same numbers as the API, row by row.
  const details = page.locator('#funnel details.table-toggle');
  await details.locator('summary').click();
  const rows = await details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    code: tr.dataset.code, cells: [...tr.children].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim()),
  })));
  assert.equal(rows.length, published.length);
  const byCode = new Map(published.map((m) => [m.code, m]));
  for (const row of rows) {
    const m = byCode.get(row.code);
    assert.ok(m, `row ${row.code} is not a published municipality`);
    assert.equal(row.cells[1], squash(formatCount(m.n, 'nb')), `${m.name}: n`);
    assert.equal(row.cells[2], formatScore(m.raw.mean, 'nb'), `${m.name}: score`);
    const position = funnelPosition(m.raw.mean, m.n, scale.national.mean, scale.national.sd);
    assert.equal(row.cells[3], dash(`position.${position}`, 'nb'), `${m.name}: position`);
  }
  assert.ok(rows.find((row) => row.code === '5038').cells[0].startsWith('Verdal'));
  assert.equal(await details.locator('tr.row--chosen').count(), 1);

  // The areas: Verdal's score and interval per area as the API has them.
  for (const area of verdal.scales) {
    const card = page.locator(`.area-card[data-scale="${area.id}"]`);
    await card.locator('details.table-toggle summary').click();
    const first = await card.locator('details.table-toggle tbody tr').first().locator('th, td').allTextContents();
    if (area.suppressed) {
      assert.equal(squash(first[1]), dash('suppressed', 'nb', {k}));
    } else {
      assert.equal(squash(first[1]), formatScore(area.raw.mean, 'nb'));
      assert.equal(squash(first[3]), squash(formatCount(area.n, 'nb')));
    }
    assert.equal(await card.locator('svg[role="img"]').count(), 1);
  }
  // The change since the last wave: the API's trend, row by row.
  assert.equal(verdal.previous_wave, PREVIOUS);
  const changeRows = await page.locator('.change-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim())));
  assert.equal(changeRows.length, verdal.scales.length);
  let trends = 0;
  verdal.scales.forEach((area, index) => {
    const row = changeRows[index];
    assert.equal(row[0], area.title);
    if (!area.trend) return;
    trends += 1;
    assert.equal(row[1], formatScore(area.trend.previous.mean, 'nb'), `${area.id}: previous`);
    assert.equal(row[2], formatScore(area.raw.mean, 'nb'), `${area.id}: now`);
    assert.ok(row[3].startsWith(formatScore(area.trend.difference, 'nb', {signed: true})), `${area.id}: ${row[3]}`);
  });
  assert.ok(trends > 0, 'Verdal has a trend in some area');
  await snapshot(ctx, 'verdal-tables-open');

  // Printing: no controls, no downloads, no tables behind the charts and
  // no all-municipalities comparison; the summary, the areas and the burden.
  await page.emulateMedia({media: 'print'});
  for (const selector of ['.dashboard-form', '#print-button', '#languages', '#funnel', '.table-toggle', '.downloads', '.site-footer']) {
    const visible = await page.locator(selector).evaluateAll((elements) => elements.some((e) => e.checkVisibility()));
    assert.equal(visible, false, `${selector} is visible in print`);
  }
  for (const selector of ['.summary-table', '#areas', '#burden']) assert.ok(await page.locator(selector).isVisible(), selector);
  await ctx.shots.take('verdal-print');
  await page.emulateMedia({media: 'screen'});

  // A withheld municipality: no numbers anywhere, "færre enn k svar".
  const primary = withheld.filter((m) => m.suppression === 'primary');
  const small = primary.find((m) => m.code === '1151') ?? primary[0];
  await page.goto(`${running.server.url}/dashboard.html?municipality=${small.code}&wave=${encodeURIComponent(WAVE)}`);
  await reportReady(page);
  const smallDetail = await api(`waves/${WAVE}/results/${small.code}?lang=nb`);
  const notice = squash(await page.locator('#suppressed-notice').textContent());
  assert.ok(notice.includes(`færre enn ${k} svar`), notice);
  assert.ok(await page.locator('#funnel-suppressed').isVisible());
  assert.equal(await page.locator(`#funnel svg [data-code="${small.code}"], .funnel-table [data-code="${small.code}"]`).count(), 0);
  // In the similar municipalities' table its row has no number either.
  const ownRow = await page.locator(`.similar-table tr[data-code="${small.code}"] td`).allTextContents();
  assert.equal(squash(ownRow[0]), dash('suppressed', 'nb', {k}));
  assert.ok(ownRow.every((cell) => !/\d/.test(cell) || cell.includes(`færre enn ${k} svar`)), ownRow.join(' | '));
  for (const area of smallDetail.scales) {
    assert.equal(area.suppressed, true);
    const card = page.locator(`.area-card[data-scale="${area.id}"]`);
    const chartRow = squash(await card.locator('svg .suppressed-text').first().textContent());
    assert.equal(chartRow, dash('suppressed', 'nb', {k}));
    const cells = await card.locator('details.table-toggle tbody tr').first().locator('td').allTextContents();
    assert.ok(cells.every((cell) => !/\d/.test(cell) || cell.includes(`færre enn ${k} svar`)), cells.join(' | '));
    const comparisons = squash(await card.locator('.comparisons').textContent());
    assert.ok(!/\d[.,]\d/.test(comparisons), comparisons);
    // The questions behind the area: named; how they were answered comes
    // once the round has closed, and never for a withheld municipality.
    assert.equal(area.answers_per_question, 'round_open');
    const questions = card.locator('details.questions');
    await questions.locator('summary').click();
    assert.equal(await questions.locator('li').count(), area.questions.length);
    assert.ok(!/%/.test(squash(await questions.locator('ol').textContent())), 'no figure among the questions');
    assert.equal(squash(await questions.locator('.hint').textContent()), dash('questions.after_closing', 'nb'));
  }
  const countsRow = await page.locator('.counts-table tbody tr').first().locator('td').first().textContent();
  assert.equal(squash(countsRow), dash('suppressed', 'nb', {k}));
  await snapshot(ctx, 'withheld');
  assertNoProblems(ctx.problems);
  await ctx.context.close();
});

test('Bergen on a desktop in nynorsk: the screenshot of the report', async () => {
  const ctx = await open(running.browser, {name: 'dashboard-desktop', viewport: {width: 1280, height: 900}});
  const {page} = ctx;
  await page.goto(`${running.server.url}/dashboard.html?municipality=4601&wave=${encodeURIComponent(WAVE)}&lang=nn`);
  await reportReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nn');
  assert.equal(squash(await page.locator('#report-title').textContent()), dash('heading.municipality', 'nn', {municipality: 'Bergen'}));
  const overview = await api(`waves/${WAVE}/results?lang=nn`);
  // Another area in the funnel plot: the chart and the address follow.
  const area = overview.scales[2];
  await page.locator('#funnel-area').selectOption(area.id);
  await page.waitForFunction((title) => document.querySelector('#funnel svg title')?.textContent.includes(title), area.title);
  assert.equal(new URL(page.url()).searchParams.get('area'), area.id);
  assert.equal(await page.locator('#funnel .chosen[data-code="4601"]').count(), 1);
  const bergen = area.municipalities.find((m) => m.code === '4601');
  await page.locator('#funnel summary').click();
  const cells = await page.locator('#funnel tr[data-code="4601"]').first().locator('td').allTextContents();
  assert.equal(squash(cells[0]), squash(formatCount(bergen.n, 'nn')));
  assert.equal(squash(cells[1]), formatScore(bergen.raw.mean, 'nn'));
  await page.locator('#funnel summary').click();
  await checkA11y(page, 'bergen-nn');
  await page.locator('#funnel').scrollIntoViewIfNeeded();
  await page.screenshot({path: path.join(SCREENSHOTS, 'dashboard-4601.png'), fullPage: true});

  // The screening wave: its results are for staff. The public page says
  // so; Bergen's staff, signed in, read Bergen's burden shares against the
  // nation's through the staff routes.
  await page.goto(`${running.server.url}/dashboard.html?municipality=4601&wave=${encodeURIComponent(WAVES.screening)}&lang=nn`);
  await page.getByText(dash('staff_only', 'nn')).waitFor();
  assert.equal(await page.locator('#report-title').count(), 0);
  await checkA11y(page, 'staff-only-nn');
  await signInAndEnrol(page, running.server.url, BERIT);
  await page.goto(`${running.server.url}/dashboard.html?municipality=4601&wave=${encodeURIComponent(WAVES.screening)}&lang=nn&staff=1`);
  await reportReady(page);
  const staffRead = await page.request.get(
    `${running.server.url}/api/v1/admin/municipalities/4601/waves/${encodeURIComponent(WAVES.screening)}/results?lang=nn`);
  assert.equal(staffRead.status(), 200);
  const screening = await staffRead.json();
  const burden = screening.burden[0];
  assert.equal(burden.suppressed, false);
  const burdenBox = page.locator(`#burden [data-burden="${burden.id}"]`);
  assert.equal(await burdenBox.locator('svg[role="img"]').count(), 1);
  await burdenBox.locator('summary').click();
  const shareRows = await burdenBox.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim())));
  assert.deepEqual(shareRows.map((row) => row[0]), burden.categories.map((c) => c.label));
  burden.categories.forEach((c, index) => {
    assert.ok(shareRows[index][1].startsWith(squash(formatShare(c.share, 'nn'))), `${c.id}: ${shareRows[index][1]}`);
  });
  await checkA11y(page, 'burden-nn');
  await page.screenshot({path: path.join(SCREENSHOTS, 'dashboard-4601-burden.png'), fullPage: true});

  // The Verdal report the same way, for review.
  await page.goto(`${running.server.url}/dashboard.html?municipality=5038&wave=${encodeURIComponent(WAVE)}`);
  await reportReady(page);
  await checkA11y(page, 'verdal-desktop');
  await page.screenshot({path: path.join(SCREENSHOTS, 'dashboard-5038.png'), fullPage: true});

  // Switching the language keeps the municipality and the focus.
  await page.locator('#languages button[data-lang="en"]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en' && document.getElementById('report-title')?.textContent.includes('Results for'));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.lang), 'en');
  await checkA11y(page, 'verdal-en');
  assertNoProblems(ctx.problems, [/403/, /401.*\/api\/v1\/session\b/]);
  await ctx.context.close();
});

test('the first view, before a municipality is chosen, transfers at most 100 KB, results data included', async (t) => {
  const ctx = await open(running.browser, {name: 'dashboard-weight', viewport: PHONE});
  const {page} = ctx;
  const cdp = await ctx.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', {cacheDisabled: true});
  const bytes = new Map();
  cdp.on('Network.responseReceived', ({requestId, response}) => bytes.set(requestId, {url: response.url, size: 0}));
  cdp.on('Network.loadingFinished', ({requestId, encodedDataLength}) => {
    if (bytes.has(requestId)) bytes.get(requestId).size = encodedDataLength;
  });
  await page.goto(`${running.server.url}/dashboard.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.waitForLoadState('networkidle');
  const total = [...bytes.values()].reduce((sum, {size}) => sum + size, 0);
  const results = [...bytes.values()].filter(({url}) => /\/api\/v1\/.*results/.test(new URL(url).pathname));
  t.diagnostic(`dashboard first view: ${total} bytes in ${bytes.size} requests`);
  assert.deepEqual(results, [], 'no results are fetched before a municipality is chosen');
  assert.ok(total > 0 && total <= 102400, `the first view weighs ${total} bytes`);
  await ctx.context.close();
});

test('Gjøvik on a phone: the summary is the API\'s figures, the downloads open in Norwegian Excel, the report prints on at most 4 pages', async (t) => {
  const ctx = await open(running.browser, {name: 'dashboard-gjovik', viewport: PHONE});
  const {page} = ctx;
  await page.goto(`${running.server.url}/dashboard.html?municipality=3407&wave=${encodeURIComponent(WAVE)}`);
  await reportReady(page);
  const detail = await api(`waves/${WAVE}/results/3407?lang=nb`);
  const k = detail.min_respondents;
  const rows = page.locator('.summary-table tbody tr');
  assert.equal(await rows.count(), detail.scales.length);
  let notable = 0;
  for (const [index, area] of detail.scales.entries()) {
    const row = rows.nth(index);
    assert.equal(squash(await row.locator('th').textContent()), area.title);
    const cells = (await row.locator('td').allTextContents()).map(squash);
    assert.equal(cells[0], area.suppressed ? dash('suppressed', 'nb', {k}) : formatScore(area.raw.mean, 'nb'), `${area.id}: Gjøvik`);
    assert.equal(cells[1], formatScore(area.national.mean, 'nb'), `${area.id}: the nation`);
    assert.equal(cells[2], formatScore(area.county.mean, 'nb'), `${area.id}: the county`);
    if (area.trend) assert.ok(cells[4].startsWith(formatScore(area.trend.previous.mean, 'nb')), `${area.id}: ${cells[4]}`);
    for (const field of ['versus_national', 'versus_county', 'versus_similar', 'trend']) {
      if (['better', 'worse'].includes(area[field]?.verdict)) notable += 1;
    }
  }
  assert.equal(await page.locator('.notable li').count(), notable);
  if (!notable) await page.locator('.notable-none').waitFor();
  await snapshot(ctx, 'gjovik-summary');

  // The questions behind an area, as the API names them; how each was
  // answered is published once the round has closed, and the page says so.
  const area = detail.scales[0];
  assert.equal(area.answers_per_question, 'round_open');
  assert.ok(area.questions.length > 0 && area.questions.every((q) => Object.keys(q).join() === 'id,text'));
  const questions = page.locator(`details.questions[data-questions="${area.id}"]`);
  await questions.locator('summary').click();
  assert.deepEqual((await questions.locator('li').allTextContents()).map(squash), area.questions.map((q) => q.text));
  assert.equal(squash(await questions.locator('.hint').textContent()), dash('questions.after_closing', 'nb'));
  assert.equal(await page.locator('#download-questions').count(), 0, 'no answers per question to download');
  await snapshot(ctx, 'gjovik-questions');

  // The figures file: semicolons, decimal commas, the published figures.
  const downloaded = async (id) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#${id}`).click()]);
    return {name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8')};
  };
  const {name, text: figures} = await downloaded('download-figures');
  assert.equal(name, `3407-${WAVE}-tall.csv`);
  const lines = figures.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines.length, 1 + detail.scales.length);
  assert.match(lines[0], /^Runde;Kommune;Område-ID;Område;Antall svar;Skår;/);
  const first = detail.scales.find((area) => !area.suppressed);
  const line = lines.find((text) => text.split(';')[2] === first.id).split(';');
  assert.equal(line[4], String(first.n));
  assert.equal(line[5], formatScore(first.raw.mean, 'nb'), 'the score as the report shows it');
  const {text: codebook} = await downloaded('download-codebook');
  assert.equal(codebook.replace(/^\ufeff/, '').trim().split('\r\n').length, 1 + lines[0].split(';').length);

  // Printed on A4: at most four pages.
  const pdf = await page.pdf({format: 'A4', printBackground: true});
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
  writeFileSync(path.join(SCREENSHOTS, 'dashboard-gjovik.pdf'), pdf);
  t.diagnostic(`the printed report of Gjøvik: ${pages} A4 pages (screenshots/dashboard-gjovik.pdf)`);
  assert.ok(pages >= 1 && pages <= 4, `the printed report has ${pages} pages`);
  assertNoProblems(ctx.problems);
  await ctx.context.close();
});

test('Last year\'s round on a phone: the answers per question are the API\'s, withheld for small municipalities, and download for Excel', async (t) => {
  const ctx = await open(running.browser, {name: 'dashboard-questions', viewport: PHONE});
  const {page} = ctx;
  // Every municipality of the closed round, and one without respondents.
  const details = await Promise.all([...Object.keys(PREVIOUS_COUNTS), '1151'].map((code) =>
    api(`waves/${PREVIOUS}/results/${code}?lang=nb`)));
  const k = details[0].min_respondents;
  for (const detail of details) {
    for (const area of detail.scales) {
      assert.equal(area.answers_per_question, 'published', `${detail.municipality.code} ${area.id}`);
      for (const question of area.questions) {
        if (question.suppressed) {
          assert.equal(question.n, null);
          assert.ok(question.options.every((option) => option.count === undefined && option.share === undefined));
          continue;
        }
        // Published only where the area is, on at least k who answered every question.
        assert.ok(!area.suppressed && question.n >= k && question.n <= area.n, `${detail.municipality.code} ${question.id}`);
        assert.equal(question.options.reduce((sum, option) => sum + option.count, 0), question.n);
      }
    }
  }
  const utsira = details.at(-1);
  assert.ok(utsira.scales.every((area) => area.questions.every((q) => q.suppressed && q.suppression === 'primary')));
  const shown = details.find((detail) => detail.scales.some((area) => area.questions.some((q) => !q.suppressed)));
  assert.ok(shown, 'some municipality of last year\'s round has a published question');
  // A small municipality whose area is published but whose questions are not.
  const small = details.find((detail) => detail.scales.some((area) => !area.suppressed && area.questions.every((q) => q.suppressed)));

  await page.goto(`${running.server.url}/dashboard.html?municipality=${shown.municipality.code}&wave=${encodeURIComponent(PREVIOUS)}`);
  await reportReady(page);
  const area = shown.scales.find((scale) => scale.questions.some((q) => !q.suppressed));
  const questions = page.locator(`details.questions[data-questions="${area.id}"]`);
  await questions.locator('summary').click();
  assert.equal(squash(await questions.locator('.hint').first().textContent()), dash('questions.intro', 'nb', {k}));
  for (const question of area.questions) {
    const block = questions.locator(`.question-result[data-question="${question.id}"]`);
    assert.equal(squash(await block.locator('h5').textContent()), question.text);
    if (question.suppressed) {
      assert.equal(await block.locator('table').count(), 0, `${question.id} is withheld but drawn`);
      assert.ok(squash(await block.textContent()).includes(dash('suppressed', 'nb', {k})) || question.suppression === 'secondary');
      continue;
    }
    const rows = await block.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((cell) => cell.textContent.replace(/\s+/g, ' ').trim())));
    assert.deepEqual(rows, question.options.map((option) => [option.label, squash(formatShare(option.share, 'nb')),
      question.national.suppressed ? dash('suppressed', 'nb', {k}) : squash(formatShare(option.national_share, 'nb'))]));
    assert.ok(squash(await block.locator('caption').textContent()).includes(`${squash(formatCount(question.n, 'nb'))} svarte på alle`));
  }
  await checkA11y(page, 'questions-published');
  await snapshot(ctx, 'questions-published');

  // The answers per question as a file for Excel: one line per option.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-questions').click()]);
  assert.equal(download.suggestedFilename(), `${shown.municipality.code}-${PREVIOUS}-sporsmal.csv`);
  const lines = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  const options = shown.scales.flatMap((scale) => scale.questions.flatMap((q) => q.options.map((o) => ({q, o}))));
  assert.equal(lines.length, 1 + options.length);
  assert.match(lines[0], /^Runde;Kommune;Område-ID;Område;Spørsmål-ID;Spørsmål;Svarte på alle;Svarkode;Svar;/);
  const {q: oneQuestion, o: oneOption} = options.find(({q}) => !q.suppressed);
  const line = lines.find((text) => {
    const fields = text.split(';');
    return fields[4] === oneQuestion.id && fields[7] === String(oneOption.code);
  }).split(';');
  assert.equal(line[6], String(oneQuestion.n));
  const oneDecimal = new Intl.NumberFormat('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false});
  assert.equal(line[9], oneDecimal.format(oneQuestion.options.find((o) => o.code === oneOption.code).share * 100).replace('.', ','));
  // The codebook explains the columns of both files.
  const [bookDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#download-codebook').click()]);
  const book = readFileSync(await bookDownload.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.ok(lines[0].split(';').every((column) => book.some((entry) => entry.startsWith(`${column};`))), book.join(' | '));

  // Withheld in the page: a small municipality's questions (Kongsvinger's
  // 12, when no published area has its questions withheld).
  const withheldDetail = small ?? details.find((detail) => detail.municipality.code === '3401');
  t.diagnostic(`answers per question shown for ${shown.municipality.name}, withheld for ${withheldDetail.municipality.name}`);
  await page.goto(`${running.server.url}/dashboard.html?municipality=${withheldDetail.municipality.code}&wave=${encodeURIComponent(PREVIOUS)}`);
  await reportReady(page);
  const withheldArea = withheldDetail.scales.find((scale) => (small ? !scale.suppressed : true) &&
    scale.questions.every((q) => q.suppressed));
  const block = page.locator(`details.questions[data-questions="${withheldArea.id}"]`);
  await block.locator('summary').click();
  assert.equal(await block.locator('.question-table').count(), 0);
  assert.equal(await block.locator('.question-result .notice--suppressed').count(), withheldArea.questions.length);
  assert.ok(!/%/.test(squash(await block.textContent())), 'no share of a withheld question');
  await checkA11y(page, 'questions-withheld');
  assertNoProblems(ctx.problems);
  await ctx.context.close();
});
