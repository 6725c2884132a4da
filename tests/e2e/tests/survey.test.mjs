// Pårørendeundersøkelsen on a phone (375×667), in bokmål (Verdal) and in
// nynorsk (Sogndal, whose written standard is nynorsk): consent with a
// validation error fixed, the children section appearing and disappearing
// live, every section answered, the receipt.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {answerScreen, expectHeading, h1Text, lang, overviewTitles, progressText, sendFromCheckPage} from '../lib/helpers.mjs';
import {text} from '../lib/strings.mjs';

const running = useServerAndBrowser();

const TITLES = {
  nb: {survey: 'Pårørendeundersøkelsen', background: 'Om deg og den du hjelper', children: 'Barn og unge i familien'},
  nn: {survey: 'Pårørandeundersøkinga', background: 'Om deg og den du hjelper', children: 'Barn og unge i familien'},
};

async function completeSurvey(name, language, municipality, {children}) {
  const ctx = await open(running.browser, {name});
  const {page} = ctx;
  const s = (key, vars) => text(key, language, vars);
  const titles = TITLES[language];

  if (language === 'nb') {
    await page.goto(`${running.server.url}/?municipality=${municipality}`);
  } else {
    // The municipality picked on the front page sets the language.
    await page.goto(`${running.server.url}/`);
    await expectHeading(page, text('start.title', 'nb'));
    assert.equal(await lang(page), 'nb');
    await snapshot(ctx, 'front');
    await page.getByRole('button', {name: text('start.municipality.submit', 'nb')}).click();
    await page.locator('#municipality-error:not([hidden])').waitFor();
    await snapshot(ctx, 'front-error');
    await page.getByLabel(text('start.municipality.label', 'nb')).selectOption(municipality);
    await page.getByRole('button', {name: text('start.municipality.submit', 'nb')}).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, language);
    assert.match(page.url(), new RegExp(`municipality=${municipality}`));
  }
  await expectHeading(page, s('start.title'));
  assert.equal(await lang(page), language, 'the language follows the municipality');
  await snapshot(ctx, 'start');

  await page.getByRole('link', {name: s('start.surveys.start', {title: titles.survey})}).click();
  await expectHeading(page, s('consent.title'));
  await snapshot(ctx, 'consent');

  // Starting without consent: an error beside the field and in the summary.
  await page.getByRole('button', {name: s('consent.start')}).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.ok((await summary.textContent()).includes(s('consent.required')));
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('error-summary')), true);
  assert.ok((await page.locator('#e-consent').textContent()).includes(s('consent.required')));
  assert.match(await page.title(), new RegExp(`^${s('err.prefix')}`));
  await snapshot(ctx, 'consent-error');
  // The summary's link takes focus to the checkbox; fixing it goes on.
  await summary.getByRole('link').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-consent');
  await page.keyboard.press('Space');
  await page.getByRole('button', {name: s('consent.start')}).click();

  await expectHeading(page, titles.background);
  assert.equal(await page.locator('#f-municipality').inputValue(), municipality, 'the municipality is already answered');
  assert.equal(await progressText(page), s('progress.step', {n: 1, total: 10}));
  await page.locator('.overview summary').click();
  assert.ok(!(await overviewTitles(page)).includes('children'));
  await snapshot(ctx, 'background');

  // Children in the family: the children section appears ...
  const childrenQuestion = page.locator('#q-children_in_family');
  await childrenQuestion.getByText(s('yes'), {exact: true}).click();
  assert.equal(await progressText(page), s('progress.step', {n: 1, total: 11}));
  assert.ok((await overviewTitles(page)).includes('children'));
  assert.ok((await page.locator('.overview').textContent()).includes(titles.children));
  await snapshot(ctx, 'children-shown');
  // ... and disappears again.
  await childrenQuestion.getByText(s('no'), {exact: true}).click();
  assert.equal(await progressText(page), s('progress.step', {n: 1, total: 10}));
  assert.ok(!(await overviewTitles(page)).includes('children'));
  await snapshot(ctx, 'children-hidden');
  await childrenQuestion.getByText(s(children ? 'yes' : 'no'), {exact: true}).click();

  await answerScreen(page);
  const total = children ? 11 : 10;
  const seen = [];
  for (let step = 1; step <= total; step++) {
    const title = await h1Text(page);
    seen.push(title);
    assert.equal(await progressText(page), s('progress.step', {n: step, total}));
    if (step > 1) {
      await answerScreen(page, (id) => (id === 'comment' ? 'Takk for god hjelp.' : step % 6));
      await snapshot(ctx, `step-${step}`);
    }
    const last = step === total;
    if (last) await sendFromCheckPage(page, language);
    else await page.getByRole('button', {name: s('nav.next'), exact: true}).click();
    if (!last) await page.waitForFunction((previous) => document.querySelector('#view h1')?.textContent !== previous, title);
  }
  assert.equal(seen.includes(titles.children), children, `children section shown = ${children}: ${seen.join(' | ')}`);

  await expectHeading(page, s('receipt.title'));
  const receipt = (await page.locator('#receipt-code').textContent()).trim();
  assert.match(receipt, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
  assert.ok((await page.locator('#view').textContent()).includes(s('receipt.delete_title')));
  assert.equal(await lang(page), language);
  await snapshot(ctx, 'receipt');
  assertNoProblems(ctx.problems);
  await ctx.context.close();
}

test('complete pårørendeundersøkelsen in bokmål on a phone (Verdal, with children)', async () => {
  await completeSurvey('survey-nb', 'nb', '5038', {children: true});
});

test('complete pårørendeundersøkinga in nynorsk on a phone (Sogndal, no children)', async () => {
  await completeSurvey('survey-nn', 'nn', '4640', {children: false});
});
