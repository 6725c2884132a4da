// The weight budget: the survey page with its scripts and styles under
// 100 KB (102,400 bytes) as transferred, gzip-compressed by the real server.
// Measured twice: every request of a real page load in Chromium (bytes on
// the wire, headers included), and the files each page of web/ loads
// (its module graph) gzipped.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import {ROOT} from '../lib/server.mjs';
import {assertNoProblems, open} from '../lib/browser.mjs';
import {useServerAndBrowser} from '../lib/suite.mjs';
import {expectHeading} from '../lib/helpers.mjs';

const BUDGET = 102400;
const running = useServerAndBrowser();

test('a survey page load transfers under 100 KB of HTML, JS and CSS', async (t) => {
  const ctx = await open(running.browser, {name: 'weight'});
  const {page} = ctx;
  const cdp = await ctx.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', {cacheDisabled: true});
  const requests = new Map();
  cdp.on('Network.responseReceived', ({requestId, response}) => {
    requests.set(requestId, {url: response.url, encoding: response.headers['content-encoding'] ?? response.headers['Content-Encoding'] ?? ''});
  });
  cdp.on('Network.loadingFinished', ({requestId, encodedDataLength}) => {
    if (requests.has(requestId)) requests.get(requestId).bytes = encodedDataLength;
  });
  await page.goto(`${running.server.url}/?municipality=5038#/survey/demo-parorendeundersokelse`);
  await expectHeading(page, 'Før du begynner');
  await page.waitForLoadState('networkidle');

  let staticBytes = 0;
  let apiBytes = 0;
  const lines = [];
  for (const {url, bytes = 0, encoding} of requests.values()) {
    const {pathname} = new URL(url);
    const isApi = pathname.startsWith('/api/');
    if (isApi) apiBytes += bytes;
    else staticBytes += bytes;
    if (!isApi && /\.(html|js|css)$|\/$/.test(pathname) && bytes > 600) {
      assert.equal(encoding, 'gzip', `${pathname} is sent gzip-compressed`);
    }
    lines.push(`${String(bytes).padStart(7)}  ${encoding.padEnd(4)}  ${pathname}`);
  }
  t.diagnostic('requests of the page load (bytes on the wire, encoding, path):');
  for (const line of lines) t.diagnostic(line);
  t.diagnostic(`page, scripts, styles, icon: ${staticBytes} bytes transferred (budget ${BUDGET}); API data: ${apiBytes} bytes`);
  assert.ok(staticBytes > 0);
  assert.ok(staticBytes < BUDGET, `the page weighs ${staticBytes} bytes, over the ${BUDGET}-byte budget`);
  // The first view with its data (questionnaire, municipalities, rounds).
  assert.ok(staticBytes + apiBytes < BUDGET, `the page and its data weigh ${staticBytes + apiBytes} bytes`);
  assertNoProblems(ctx.problems);
  await ctx.context.close();
});

// The files a page loads: its stylesheets and module scripts, and every
// module they import (static imports, followed through the tree).
function pageFiles(html) {
  const web = path.join(ROOT, 'web');
  const files = new Set([path.join(web, html), path.join(web, 'favicon.ico')]);
  const text = readFileSync(path.join(web, html), 'utf8');
  const pending = [];
  for (const [, href] of text.matchAll(/<(?:link[^>]*href|script[^>]*src)="(\/[^"]+)"/g)) {
    const file = path.join(web, href);
    if (file.endsWith('.js')) pending.push(file);
    else files.add(file);
  }
  while (pending.length) {
    const file = pending.pop();
    if (files.has(file)) continue;
    files.add(file);
    for (const [, from] of readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g)) {
      pending.push(path.resolve(path.dirname(file), from));
    }
  }
  return [...files];
}

// Each page of web/ as a browser first loads it, from the files: the
// caregivers' pages, the dashboard and the staff pages each within budget.
for (const html of ['index.html', 'dashboard.html', 'staff.html']) {
  test(`${html} with everything it loads, gzipped, stays under 100 KB`, (t) => {
    const files = pageFiles(html);
    let total = 0;
    let raw = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      raw += bytes.length;
      total += /\.(png|ico|woff2?)$/.test(file) ? bytes.length : gzipSync(bytes, {level: 6}).length;
    }
    t.diagnostic(`${html}: ${files.length} files, ${raw} bytes, ${total} bytes gzipped`);
    assert.ok(files.length > 3, 'the page\'s scripts were found');
    assert.ok(total < BUDGET, `${html} loads ${total} bytes gzipped, over ${BUDGET}`);
  });
}
