// Save and resume: save halfway, close the browser context (the tab, its
// storage, everything), resume in a new context with the code typed in and
// in another with the link; answers are kept, and a language switch on the
// way keeps them too.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {answerScreen, expectHeading, h1Text, lang, progressText, sendFromCheckPage} from '../lib/helpers.mjs';
import {text} from '../lib/strings.mjs';

const running = useServerAndBrowser();

const nb = (key, vars) => text(key, 'nb', vars);
const en = (key, vars) => text(key, 'en', vars);

test('save, close the context, resume in a new one', async () => {
  // 1. Start, answer two sections, save.
  const first = await open(running.browser, {name: 'resume-1-save'});
  let page = first.page;
  await page.goto(`${running.server.url}/?municipality=5038#/survey/demo-parorendeundersokelse`);
  await expectHeading(page, nb('consent.title'));
  await page.locator('#f-consent').check();
  await page.getByRole('button', {name: nb('consent.start')}).click();
  await expectHeading(page, 'Om deg og den du hjelper');
  await page.locator('#q-children_in_family').getByText(nb('yes'), {exact: true}).click();
  await answerScreen(page, () => 2);
  await page.getByRole('button', {name: nb('nav.next'), exact: true}).click();
  await expectHeading(page, 'Kjenner tjenestene deg?');
  await answerScreen(page, () => 3);
  const checkedBefore = await page.locator('#view input:checked').evaluateAll((inputs) => inputs.map((i) => `${i.name}=${i.value}`));

  // A language switch keeps the answers and the place.
  await page.getByRole('button', {name: 'English'}).click();
  await expectHeading(page, 'Do the services know you?');
  assert.equal(await lang(page), 'en');
  assert.match(page.url(), /[?&]lang=en/);
  assert.deepEqual(await page.locator('#view input:checked').evaluateAll((inputs) => inputs.map((i) => `${i.name}=${i.value}`)), checkedBefore);
  assert.equal(await progressText(page), en('progress.step', {n: 2, total: 11}));
  await snapshot(first, 'english');
  await page.getByRole('button', {name: 'Bokmål'}).click();
  await expectHeading(page, 'Kjenner tjenestene deg?');

  await page.getByRole('button', {name: nb('nav.save')}).click();
  await expectHeading(page, nb('saved.title'));
  const code = (await page.locator('#resume-code').textContent()).trim();
  const link = await page.locator('#resume-link').getAttribute('href');
  assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
  assert.ok(link.endsWith(`#/resume/${code}`), link);
  await snapshot(first, 'saved');
  assertNoProblems(first.problems);
  await first.context.close();

  // 2. A new context: nothing in storage. A wrong code first, then the right one.
  const second = await open(running.browser, {name: 'resume-2-code'});
  page = second.page;
  await page.goto(`${running.server.url}/`);
  await page.getByRole('link', {name: nb('footer.resume')}).click();
  await expectHeading(page, nb('resume.title'));
  await snapshot(second, 'form');
  await page.locator('#f-code').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG');
  await page.getByRole('button', {name: nb('resume.submit')}).click();
  await page.locator('#e-code:not([hidden])').waitFor();
  assert.ok((await page.locator('#e-code').textContent()).includes(nb('resume.not_found')));
  await snapshot(second, 'wrong-code');

  await page.locator('#f-code').fill(code.toLowerCase());
  await page.getByRole('button', {name: nb('resume.submit')}).click();
  // Back where the caregiver left off: the third section.
  await expectHeading(page, 'Informasjon');
  assert.ok((await page.locator('#view [role="status"]').textContent()).includes(nb('resume.welcome')));
  assert.equal(await progressText(page), nb('progress.step', {n: 3, total: 11}));
  await snapshot(second, 'resumed');
  await page.getByRole('link', {name: nb('nav.back')}).click();
  await expectHeading(page, 'Kjenner tjenestene deg?');
  assert.deepEqual(await page.locator('#view input:checked').evaluateAll((inputs) => inputs.map((i) => `${i.name}=${i.value}`)), checkedBefore);
  await second.context.close();

  // 3. Another new context, through the link; finish and submit there.
  const third = await open(running.browser, {name: 'resume-3-link'});
  page = third.page;
  await page.goto(link);
  await expectHeading(page, 'Informasjon');
  assert.equal(await page.locator('#q-children_in_family').count(), 0);
  for (let guard = 0; guard < 12; guard++) {
    await answerScreen(page, (id) => (id === 'comment' ? '' : 1));
    const title = await h1Text(page);
    if (await page.getByRole('button', {name: nb('nav.to_check')}).count()) {
      await sendFromCheckPage(page, 'nb');
      break;
    }
    await page.getByRole('button', {name: nb('nav.next'), exact: true}).click();
    await page.waitForFunction((previous) => document.querySelector('#view h1')?.textContent !== previous, title);
  }
  await expectHeading(page, nb('receipt.title'));
  await snapshot(third, 'receipt');
  assertNoProblems(third.problems);

  // A submitted response cannot be resumed again.
  await page.goto(link);
  await page.locator('#e-code:not([hidden])').waitFor();
  assert.ok((await page.locator('#e-code').textContent()).includes(nb('resume.not_found')));
  await third.context.close();
});
