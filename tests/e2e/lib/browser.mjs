// Debian's Chromium driven by playwright-core, axe-core on every page state,
// screenshots for review, and a check that the page logs no error (a CSP
// violation, an uncaught exception, a failed request).
import {chromium} from 'playwright-core';
import {mkdirSync, readFileSync, existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const PHONE = {width: 375, height: 667};

export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
  // playwright-core gives every launch a fresh, empty --user-data-dir.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

// A browser context with its own storage, and a page that records problems.
export async function open(browser, {viewport = PHONE, deviceScaleFactor = 1, name}) {
  const context = await browser.newContext({viewport, deviceScaleFactor, locale: 'nb-NO', reducedMotion: 'reduce'});
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location()?.url ?? ''})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`http ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  const shots = new Shots(page, name);
  return {context, page, problems, shots};
}

// Expected console errors (a 404 the page handles) are filtered by `allow`.
export function assertNoProblems(problems, allow = []) {
  const left = problems.filter((problem) => !allow.some((pattern) => pattern.test(problem)));
  assert.deepEqual(left, [], `the page reported problems:\n${left.join('\n')}`);
}

class Shots {
  constructor(page, name) {
    this.page = page;
    this.name = name;
    this.count = 0;
    mkdirSync(SCREENSHOTS, {recursive: true});
  }

  async take(state) {
    this.count += 1;
    const file = path.join(SCREENSHOTS, `${this.name}-${String(this.count).padStart(2, '0')}-${state}.png`);
    await this.page.screenshot({path: file, fullPage: true});
    return file;
  }
}

// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and
// fails on any violation. page.evaluate is not subject to the page's CSP,
// so axe needs no inline script.
export async function checkA11y(page, state) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const report = await window.axe.run(document, {
      runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
      resultTypes: ['violations'],
    });
    return report.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}: ${node.failureSummary}`),
    }));
  });
  const text = result.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n}`).join('\n')}`).join('\n');
  assert.equal(result.length, 0, `axe found WCAG 2.1 A/AA violations in state "${state}":\n${text}`);
}

// Both at once: the usual step of a test.
export async function snapshot(ctx, state) {
  await ctx.page.waitForFunction(() => document.body.dataset.ready === 'true');
  await ctx.shots.take(state);
  await checkA11y(ctx.page, state);
  await assertNoHorizontalScroll(ctx.page, state);
}

export async function assertNoHorizontalScroll(page, state) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((element) => element.getClientRects().length && element.getBoundingClientRect().right > width + 1)
      .filter((element) => !element.closest('.visually-hidden'))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${element.className}`);
    return {scroll: document.documentElement.scrollWidth, width, wide};
  });
  assert.ok(overflow.scroll <= overflow.width, `horizontal scrolling in state "${state}": ` +
    `${overflow.scroll}px content in ${overflow.width}px (${overflow.wide.join(', ')})`);
}
