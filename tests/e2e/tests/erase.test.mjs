// The server's 422 beside the field; and deleting a response with its
// receipt code, in English on a desktop
// (1280×800): the screening by mouse, the receipt, the delete page's own
// validation, the server's answer to a malformed code beside the field, the
// deletion, and the same code refused afterwards.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {answerScreen, expectHeading, lang, sendFromCheckPage} from '../lib/helpers.mjs';
import {text} from '../lib/strings.mjs';

const running = useServerAndBrowser();

const en = (key, vars) => text(key, 'en', vars);

test('delete a response with its receipt code', async () => {
  const ctx = await open(running.browser, {name: 'erase', viewport: {width: 1280, height: 800}});
  const {page} = ctx;
  // ?lang=en wins over the municipality's written standard (Volda: nynorsk).
  await page.goto(`${running.server.url}/?lang=en&municipality=1577`);
  await expectHeading(page, en('start.title'));
  assert.equal(await lang(page), 'en');
  await snapshot(ctx, 'start-desktop');
  await page.getByRole('link', {name: en('start.surveys.start', {title: 'Caregiver strain screening'})}).click();
  await page.locator('#f-consent').check();
  await page.getByRole('button', {name: en('consent.start')}).click();
  await expectHeading(page, 'About you and the person you care for');
  await answerScreen(page, () => 5);  // code 6: frail old age
  await snapshot(ctx, 'background-desktop');
  await page.getByRole('button', {name: en('nav.next'), exact: true}).click();
  await expectHeading(page, 'The last four weeks');
  await answerScreen(page, () => 3);  // nearly always: high strain
  await sendFromCheckPage(page, 'en', 'check.store');

  await expectHeading(page, en('result.title'));
  await page.locator('#category-title').waitFor();
  assert.equal((await page.locator('#category-title').textContent()).trim(), 'High strain');
  const receipt = (await page.locator('#receipt-code').textContent()).trim();
  await snapshot(ctx, 'result-desktop');

  await page.getByRole('link', {name: en('receipt.delete_link')}).click();
  await expectHeading(page, en('delete.title'));
  // Nothing filled in: two errors.
  await page.getByRole('button', {name: en('delete.submit')}).click();
  await page.locator('.error-summary').waitFor();
  assert.equal(await page.locator('.error-summary li').count(), 2);
  assert.ok((await page.locator('#e-receipt').textContent()).includes(en('delete.required')));
  assert.ok((await page.locator('#e-confirm').textContent()).includes(en('delete.confirm_required')));
  await snapshot(ctx, 'delete-errors');

  // A code that cannot be one: the server says 422 invalid_code.
  await page.locator('#f-receipt').fill('not-a-code');
  await page.locator('#f-confirm').check();
  await page.getByRole('button', {name: en('delete.submit')}).click();
  await page.waitForFunction((message) => document.querySelector('#e-receipt')?.textContent.includes(message), en('resume.invalid'));
  assert.equal(await page.locator('#f-receipt').getAttribute('aria-invalid'), 'true');
  await snapshot(ctx, 'delete-invalid-code');

  await page.locator('#f-receipt').fill(receipt);
  await page.getByRole('button', {name: en('delete.submit')}).click();
  await expectHeading(page, en('delete.done_title'));
  await snapshot(ctx, 'deleted');
  assertNoProblems(ctx.problems, [/responses\/not-a-code/, ...(running.server.offers ? [] : [/\/offers\?/])]);

  // The same code again: nothing to delete.
  await page.goto(`${running.server.url}/?lang=en#/delete`);
  await expectHeading(page, en('delete.title'));
  await page.locator('#f-receipt').fill(receipt);
  await page.locator('#f-confirm').check();
  await page.getByRole('button', {name: en('delete.submit')}).click();
  await page.waitForFunction((message) => document.querySelector('#e-receipt')?.textContent.includes(message), en('delete.not_found'));
  await snapshot(ctx, 'delete-again');
  await ctx.context.close();
});

test("the server's 422 is shown beside the field, on the section where it is", async () => {
  const ctx = await open(running.browser, {name: 'server-error'});
  const {page} = ctx;
  const nb = (key, vars) => text(key, 'nb', vars);
  await page.goto(`${running.server.url}/?municipality=5038#/survey/demo-belastningskartlegging`);
  await page.locator('#f-consent').check();
  await page.getByRole('button', {name: nb('consent.start')}).click();
  await expectHeading(page, 'Om deg og den du hjelper');
  await answerScreen(page, () => 0);
  // A stale or tampered page: an answer that is no option. Only the server
  // knows; the page must show what it says.
  await page.evaluate(() => {
    const survey = JSON.parse(sessionStorage.getItem('parorende.survey'));
    survey.answers.relationship = 99;
    sessionStorage.setItem('parorende.survey', JSON.stringify(survey));
  });
  await page.reload();
  await expectHeading(page, 'Om deg og den du hjelper');
  await page.getByRole('button', {name: nb('nav.next'), exact: true}).click();
  await expectHeading(page, 'De siste fire ukene');
  await answerScreen(page, () => 1);
  await sendFromCheckPage(page, 'nb', 'check.store');

  // Back on the first section, with the server's message.
  await expectHeading(page, 'Om deg og den du hjelper');
  await page.locator('#e-relationship:not([hidden])').waitFor();
  assert.match(await page.locator('#e-relationship').textContent(), /99/);
  assert.match(await page.locator('.error-summary').textContent(), /99/);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('error-summary')), true);
  await snapshot(ctx, 'server-422');

  await page.locator('#q-relationship label').first().click();
  await page.getByRole('button', {name: nb('nav.next'), exact: true}).click();
  await expectHeading(page, 'De siste fire ukene');
  await sendFromCheckPage(page, 'nb', 'check.store');
  await expectHeading(page, nb('result.title'));
  await snapshot(ctx, 'fixed');
  assertNoProblems(ctx.problems, [/waves\/demo-belastningskartlegging\/responses/, ...(running.server.offers ? [] : [/\/offers\?/])]);
  await ctx.context.close();
});
