// Steps shared by the tests.
import assert from 'node:assert/strict';
import {text} from './strings.mjs';

export async function ready(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
}

// Waits for the view to show `heading` as its h1.
export async function expectHeading(page, heading) {
  const h1 = page.locator('#view h1');
  await h1.first().waitFor();
  await page.waitForFunction((text) => {
    const element = document.querySelector('#view h1');
    return element && (text instanceof RegExp ? text.test(element.textContent) : element.textContent.includes(text));
  }, heading);
}

export async function h1Text(page) {
  return (await page.locator('#view h1').first().textContent()).trim();
}

// Answers every visible, unanswered question of the current screen by
// clicking; `pick(question)` chooses an option index (default: the second).
export async function answerScreen(page, pick = () => 1) {
  const questions = page.locator('#view .question:not([hidden])[data-item]');
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    const id = await question.getAttribute('data-item');
    const radios = question.locator('input[type="radio"]');
    if (await radios.count()) {
      if (await question.locator('input:checked').count()) continue;
      const index = pick(id);
      if (index === null) continue;
      await question.locator('label').nth(index).click();
      continue;
    }
    const textarea = question.locator('textarea');
    if (await textarea.count()) {
      const text = pick(id);
      if (typeof text === 'string') await textarea.fill(text);
    }
  }
}

export async function progressText(page) {
  return (await page.locator('#progress-text').textContent()).trim();
}

export async function overviewTitles(page) {
  return page.locator('.overview li').evaluateAll((items) => items.map((li) => li.dataset.section));
}

export async function lang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

// Presses Tab until the focused element matches `selector` (at most `max`
// times): proves it is reachable by keyboard.
export async function tabTo(page, selector, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  assert.fail(`${selector} was not reached with Tab`);
}

export async function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element ? `${element.tagName.toLowerCase()}#${element.id}` : '';
  });
}

// Belastningskartlegging in bokmål, from its consent page to the result:
// the first options about the caregiver, then the fourth of each strain
// (a high burden). `refused`: the submission is expected to be refused,
// so it stops after pressing submit.
export async function answerScreening(page, {refused = false} = {}) {
  await page.locator('#f-consent').check();
  await page.getByRole('button', {name: text('consent.start', 'nb')}).click();
  await expectHeading(page, 'Om deg og den du hjelper');
  await answerScreen(page, () => 0);
  await page.getByRole('button', {name: text('nav.next', 'nb'), exact: true}).click();
  await expectHeading(page, 'De siste fire ukene');
  await answerScreen(page, () => 3);
  await sendFromCheckPage(page, 'nb', 'check.store');
  if (!refused) await expectHeading(page, text('result.title', 'nb'));
}

// From the last section: on to the check page, then its button `key`
// (nav.submit; a screening's check.store or check.result_only).
export async function sendFromCheckPage(page, lang, key = 'nav.submit') {
  await page.getByRole('button', {name: text('nav.to_check', lang)}).click();
  await expectHeading(page, text('check.title', lang));
  await page.getByRole('button', {name: text(key, lang)}).click();
}

// A new version of a shipped questionnaire's definition whose consent
// tells caregivers one thing more: `sentences` in each language, `flags`
// (such as {shares_comments: true}) the publisher's statement that it does.
export function withConsent(definition, {version, consentVersion, sentences, flags}) {
  const changed = structuredClone(definition);
  changed.version = version;
  changed.consent.version = consentVersion;
  Object.assign(changed.consent, flags);
  for (const [lang, sentence] of Object.entries(sentences)) changed.consent.text[lang] += ` ${sentence}`;
  return changed;
}
