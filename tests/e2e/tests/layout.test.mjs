// Reflow (WCAG 1.4.10) and zoom (1.4.4): every kind of page at 320 px wide
// and at 200% zoom of a 1280×800 window, with no horizontal scrolling, no
// axe violation, and the focus visible on the control that has it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {expectHeading} from '../lib/helpers.mjs';
import {text} from '../lib/strings.mjs';

const running = useServerAndBrowser();

const nn = (key, vars) => text(key, 'nn', vars);

const SIZES = [
  ['320', {viewport: {width: 320, height: 568}, deviceScaleFactor: 1}],
  // 200% zoom of 1280×800: a 640×400 CSS viewport drawn at twice the density.
  ['zoom200', {viewport: {width: 640, height: 400}, deviceScaleFactor: 2}],
];

for (const [label, size] of SIZES) {
  test(`every page reflows at ${label}`, async () => {
    const ctx = await open(running.browser, {name: `layout-${label}`, ...size});
    const {page} = ctx;
    await page.goto(`${running.server.url}/?municipality=4640`);
    await expectHeading(page, nn('start.title'));
    await snapshot(ctx, 'start');

    await page.getByRole('link', {name: nn('start.surveys.start', {title: 'Pårørandeundersøkinga'})}).click();
    await expectHeading(page, nn('consent.title'));
    await snapshot(ctx, 'consent');
    await page.locator('#f-consent').check();
    await page.getByRole('button', {name: nn('consent.start')}).click();
    await expectHeading(page, 'Om deg og den du hjelper');
    await page.locator('.overview summary').click();
    // Next without the required answers: errors everywhere.
    await page.getByRole('button', {name: nn('nav.next'), exact: true}).click();
    await page.locator('.error-summary').waitFor();
    await snapshot(ctx, 'background-errors');

    // The focus ring is drawn (an outline, or a box shadow).
    await page.locator('#f-relationship').focus();
    await page.keyboard.press('ArrowDown');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return {outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, shadow: style.boxShadow !== 'none'};
    });
    assert.ok(ring.outline || ring.shadow, 'the focused radio shows a focus indicator');
    await snapshot(ctx, 'focus');

    for (const [hash, heading] of [['#/resume', nn('resume.title')], ['#/delete', nn('delete.title')],
      ['#/offers', nn('offers.title_all', {municipality: 'Sogndal'})]]) {
      await page.goto(`${running.server.url}/?municipality=4640${hash}`);
      await expectHeading(page, heading);
      await snapshot(ctx, hash.slice(2));
    }
    assertNoProblems(ctx.problems, running.server.offers ? [] : [/\/offers\?/]);
    await ctx.context.close();
  });
}
