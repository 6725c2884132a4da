// Staff sign-in through a real OpenID Provider on loopback (oidc-provider,
// started here) in Chromium: the provider's group claim maps to
// municipality_staff of Gjøvik (3407), the staff home page shows it, and
// signing out ends the session here and at the provider. A person whose
// groups give no role lands back on the sign-in page with a message.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {writeFileSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {launch, open, snapshot, assertNoProblems} from '../lib/browser.mjs';
import {startServer} from '../lib/server.mjs';
import {startOpenIdProvider, freePort} from '../lib/openid-provider.mjs';
import {expectHeading} from '../lib/helpers.mjs';

const running = {};

before(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  running.provider = await startOpenIdProvider({
    redirectUri: `${url}/api/v1/session/callback/gjovik`,
    afterSignOutUri: `${url}/staff.html`,
  });
  running.dir = mkdtempSync(path.join(tmpdir(), 'parorende-oidc-'));
  writeFileSync(path.join(running.dir, 'client-secret'), `${running.provider.clientSecret}\n`);
  const config = path.join(running.dir, 'oidc.json');
  writeFileSync(config, JSON.stringify({
    providers: [{
      id: 'gjovik',
      name: 'Gjøvik kommune',
      issuer: running.provider.issuer,
      client_id: running.provider.clientId,
      client_secret_file: 'client-secret',
      scopes: ['openid', 'profile'],
      roles: [{claim: 'groups', value: 'gjovik-pårørendekoordinator', grant: 'municipality_staff:3407'}],
    }],
  }));
  running.server = await startServer({port, args: ['--public-url', url, '--oidc-config', config]});
  running.browser = await launch();
});

after(async () => {
  await running.browser?.close();
  await running.server?.stop();
  await running.provider?.stop();
  if (running.dir) rmSync(running.dir, {recursive: true, force: true});
});

// The provider's own pages load a web font from the internet, which this
// machine cannot reach; they are the provider's, not ours.
async function blockInternet(page) {
  await page.route(/^https:\/\//, (route) => route.abort());
}
const PROVIDER_PAGE_NOISE = [/fonts\.googleapis\.com/];

async function signInAtProvider(page, login) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything: the development pages take any');
  await page.locator('button[type="submit"]').click();
  // The provider asks once whether parorende may have the claims.
  await page.getByRole('button', {name: 'Continue'}).click();
}

test('a caregiver coordinator signs in through Gjøvik\'s provider, sees Gjøvik, and signs out there too', async () => {
  const ctx = await open(running.browser, {name: 'staff-openid'});
  const {page} = ctx;
  await blockInternet(page);
  await page.goto(`${running.server.url}/staff.html`);
  await expectHeading(page, 'Logg inn');
  await page.getByRole('link', {name: 'Logg inn med Gjøvik kommune'}).waitFor();
  await snapshot(ctx, 'sign-in-providers');

  await page.getByRole('link', {name: 'Logg inn med Gjøvik kommune'}).click();
  await page.waitForURL((url) => url.origin === running.provider.issuer);
  await signInAtProvider(page, 'kari');

  await page.waitForURL((url) => url.origin === running.server.url);
  await expectHeading(page, 'Velkommen, Kari Nordmann');
  await page.getByRole('heading', {name: 'Gjøvik kommune'}).waitFor();
  await snapshot(ctx, 'home');
  const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
  assert.equal(session.account.username, 'kari.nordmann@gjovik.kommune.no');
  assert.deepEqual(session.account.grants, [{role: 'municipality_staff', scope: '3407'}]);
  assert.equal(session.account.has_password, false);

  // Signing out goes through the provider's sign-out and back.
  await page.getByRole('button', {name: 'Logg ut', exact: true}).click();
  await page.waitForURL((url) => url.origin === running.provider.issuer);
  await page.getByRole('button', {name: 'Yes, sign me out'}).click();
  await page.waitForURL((url) => url.origin === running.server.url);
  await expectHeading(page, 'Logg inn');
  const after = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
  assert.equal(after, 401);

  // Signed out at the provider too: signing in asks for the login again.
  await page.getByRole('link', {name: 'Logg inn med Gjøvik kommune'}).click();
  await page.waitForURL((url) => url.origin === running.provider.issuer);
  await page.locator('input[name="login"]').waitFor();
  // Leaving for the provider aborts what the page was still fetching.
  assertNoProblems(ctx.problems, [/401/, /net::ERR_ABORTED/, ...PROVIDER_PAGE_NOISE]);
  await ctx.context.close();
});

test('someone whose groups give no role here is told so on the sign-in page', async () => {
  const ctx = await open(running.browser, {name: 'staff-openid-no-role'});
  const {page} = ctx;
  await blockInternet(page);
  await page.goto(`${running.server.url}/staff.html?lang=en`);
  await expectHeading(page, 'Sign in');
  await page.getByRole('link', {name: 'Sign in with Gjøvik kommune'}).click();
  await page.waitForURL((url) => url.origin === running.provider.issuer);
  await signInAtProvider(page, 'ola');
  await page.waitForURL((url) => url.origin === running.server.url);
  await expectHeading(page, 'Sign in');
  await page.getByText('You are signed in at your organisation, but have no role here.').first().waitFor();
  await snapshot(ctx, 'no-role');
  const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
  assert.equal(status, 401);
  assertNoProblems(ctx.problems, [/401/, ...PROVIDER_PAGE_NOISE]);
  await ctx.context.close();
});
