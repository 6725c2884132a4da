// The OpenID sign-in refuses what an attacker could bring back from a
// provider: an id_token forged with another key, expired, signed with the
// client secret (HS256) or without a signature, made for another nonce, or
// issued by another issuer; a state used twice; a state sent back from
// another browser. A good token first, so each refusal is of that one thing.
// Real HTTP against the real server; the provider is a hostile one
// (lib/forging-provider.mjs).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {writeFileSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {generateKeyPair, SignJWT, UnsecuredJWT} from 'jose';
import {startServer} from '../lib/server.mjs';
import {freePort} from '../lib/openid-provider.mjs';
import {startForgingProvider} from '../lib/forging-provider.mjs';

const CLIENT_ID = 'parorende';
const CLIENT_SECRET = 'the client secret of the refusal tests';
const running = {};

before(async () => {
  running.provider = await startForgingProvider({clientId: CLIENT_ID, clientSecret: CLIENT_SECRET});
  const port = await freePort();
  running.dir = mkdtempSync(path.join(tmpdir(), 'parorende-oidc-'));
  const config = path.join(running.dir, 'oidc.json');
  writeFileSync(config, JSON.stringify({
    providers: [{
      id: 'forger', name: 'Forger', issuer: running.provider.issuer, client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      roles: [{claim: 'groups', value: 'gjovik-staff', grant: 'municipality_staff:3407'}],
    }, {
      // The same provider, asked for multi-factor sign-in.
      id: 'strict', name: 'Strict', issuer: running.provider.issuer, client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET, required_amr: ['mfa'],
      roles: [{claim: 'groups', value: 'gjovik-staff', grant: 'municipality_staff:3407'}],
    }, {
      // Configured with an issuer the discovery document does not confirm.
      id: 'impostor', name: 'Impostor', issuer: `${running.provider.issuer}/impostor`, client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      roles: [{claim: 'groups', value: 'gjovik-staff', grant: 'municipality_staff:3407'}],
    }],
  }));
  running.server = await startServer({port, args: ['--public-url', `http://127.0.0.1:${port}`, '--oidc-config', config]});
});

after(async () => {
  await running.server?.stop();
  await running.provider?.stop();
  if (running.dir) rmSync(running.dir, {recursive: true, force: true});
});

const now = () => Math.floor(Date.now() / 1000);

function claims(asked, changes = {}) {
  return {iss: running.provider.issuer, aud: CLIENT_ID, sub: 'subject-kari', nonce: asked.nonce,
    iat: now(), exp: now() + 300, name: 'Kari Nordmann', preferred_username: 'kari@gjovik.kommune.no',
    groups: ['gjovik-staff'], amr: ['pwd', 'mfa'], ...changes};
}

async function sessionOf(cookie) {
  const answer = await fetch(`${running.server.url}/api/v1/session`, {headers: {cookie: cookie.split(';')[0]}});
  return {status: answer.status, body: await answer.json()};
}

// Begins a sign-in as a browser would, and follows the provider back:
// -> {status, location, cookies, state, callback, cookie}
async function signIn({binding: useBinding = true, provider = 'forger'} = {}) {
  const begun = await fetch(`${running.server.url}/api/v1/session/providers/${provider}`, {redirect: 'manual'});
  assert.equal(begun.status, 302);
  const binding = begun.headers.getSetCookie().find((cookie) => cookie.startsWith('__Host-parorende-sign-in='));
  assert.ok(binding, 'the sign-in is bound to the browser by a cookie');
  assert.match(binding, /HttpOnly/);
  const atProvider = await fetch(begun.headers.get('location'), {redirect: 'manual'});
  assert.equal(atProvider.status, 302);
  const callback = atProvider.headers.get('location');
  const state = new URL(callback).searchParams.get('state');
  const cookie = binding.split(';')[0];
  return {...(await callBack(callback, useBinding ? cookie : '')), state, callback, cookie};
}

async function callBack(callback, cookie) {
  const answer = await fetch(callback, {redirect: 'manual', headers: cookie ? {cookie} : {}});
  return {status: answer.status, location: answer.headers.get('location'), cookies: answer.headers.getSetCookie()};
}

const sessionCookie = (cookies) => cookies.find((cookie) => /^__Host-parorende-session=[^;]/.test(cookie));

function assertRefused(result, code) {
  assert.equal(result.status, 303);
  assert.equal(result.location, `/staff.html#sign-in-error=${code}`);
  assert.equal(sessionCookie(result.cookies), undefined, 'no session for a refused sign-in');
}

test('a good id_token signs in, as municipality_staff of Gjøvik, through PKCE and the client secret', async () => {
  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked));
  const result = await signIn();
  assert.equal(result.status, 303);
  assert.equal(result.location, '/staff.html');
  const cookie = sessionCookie(result.cookies);
  assert.ok(cookie, result.cookies.join('\n'));
  const session = await fetch(`${running.server.url}/api/v1/session`, {headers: {cookie: cookie.split(';')[0]}});
  assert.equal(session.status, 200);
  const body = await session.json();
  assert.equal(body.account.username, 'kari@gjovik.kommune.no');
  assert.deepEqual(body.account.grants, [{role: 'municipality_staff', scope: '3407'}]);
  const sent = running.provider.tokenRequests.at(-1);
  assert.equal(sent.grant_type, 'authorization_code');
  assert.match(sent.code_verifier, /^[A-Za-z0-9_-]{43,128}$/);

  // The same state again (the callback replayed): refused.
  assertRefused(await callBack(result.callback, result.cookie), 'sign_in_state_invalid');
});

test('a forged id_token (another key under the provider\'s key id) is refused', async () => {
  const {privateKey} = await generateKeyPair('RS256');
  running.provider.makeIdToken = (asked) =>
    new SignJWT(claims(asked)).setProtectedHeader({alg: 'RS256', kid: 'key-1'}).sign(privateKey);
  assertRefused(await signIn(), 'id_token_invalid');
});

test('an expired id_token is refused', async () => {
  running.provider.makeIdToken = (asked) =>
    running.provider.sign(claims(asked, {iat: now() - 3600, exp: now() - 600}));
  assertRefused(await signIn(), 'id_token_invalid');
});

test('an id_token signed with the client secret (HS256) or not at all is refused', async () => {
  running.provider.makeIdToken = (asked) =>
    new SignJWT(claims(asked)).setProtectedHeader({alg: 'HS256', kid: 'key-1'})
      .sign(new TextEncoder().encode(CLIENT_SECRET));
  assertRefused(await signIn(), 'id_token_invalid');
  running.provider.makeIdToken = (asked) => new UnsecuredJWT(claims(asked)).encode();
  assertRefused(await signIn(), 'id_token_invalid');
});

test('an id_token for another nonce, audience or issuer is refused', async () => {
  for (const changes of [{nonce: 'the nonce of another sign-in'}, {aud: 'another-client'},
    {iss: 'http://127.0.0.1:1/another-issuer'}]) {
    running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked, changes));
    assertRefused(await signIn(), 'id_token_invalid');
  }
});

test('a state sent back without the cookie of the browser that began it is refused, and spent', async () => {
  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked));
  const stolen = await signIn({binding: false});
  assertRefused(stolen, 'sign_in_state_invalid');
  // The rightful browser cannot use it afterwards either: a state works once.
  assertRefused(await callBack(stolen.callback, stolen.cookie), 'sign_in_state_invalid');
});

test('the provider rotates its keys: a token under the new key is accepted after the keys are fetched again', async () => {
  const fetchesBefore = running.provider.jwksFetches;
  const rotated = await running.provider.addKey('key-2');
  running.provider.keys[0].unpublished = true;
  // parorende fetches keys again at most every 5 seconds.
  await new Promise((resolve) => setTimeout(resolve, 5500));
  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked), rotated);
  const result = await signIn();
  assert.equal(result.location, '/staff.html');
  assert.ok(sessionCookie(result.cookies));
  assert.equal(running.provider.jwksFetches, fetchesBefore + 1);
});

test('the provider saying no (an error instead of a code) is refused', async () => {
  const begun = await fetch(`${running.server.url}/api/v1/session/providers/forger`, {redirect: 'manual'});
  const cookie = begun.headers.getSetCookie()[0].split(';')[0];
  const state = new URL(begun.headers.get('location')).searchParams.get('state');
  assertRefused(await callBack(`${running.server.url}/api/v1/session/callback/forger?error=access_denied&state=${state}`, cookie),
    'provider_refused');
});

test('a state begun with one provider and brought back through another\'s redirect URI is refused (mix-up)', async () => {
  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked));
  const begun = await fetch(`${running.server.url}/api/v1/session/providers/forger`, {redirect: 'manual'});
  const cookie = begun.headers.getSetCookie()[0].split(';')[0];
  const atProvider = await fetch(begun.headers.get('location'), {redirect: 'manual'});
  const callback = new URL(atProvider.headers.get('location'));
  assert.equal(callback.pathname, '/api/v1/session/callback/forger');
  const tokenRequests = running.provider.tokenRequests.length;
  callback.pathname = '/api/v1/session/callback/strict';
  assertRefused(await callBack(callback.toString(), cookie), 'sign_in_state_invalid');
  assert.equal(running.provider.tokenRequests.length, tokenRequests, 'the code went to no token endpoint');
  // An iss parameter (RFC 9207) that names another issuer is refused too.
  const second = await signIn({binding: true, provider: 'forger'});
  assert.equal(second.location, '/staff.html');
  const begunAgain = await fetch(`${running.server.url}/api/v1/session/providers/forger`, {redirect: 'manual'});
  const cookieAgain = begunAgain.headers.getSetCookie()[0].split(';')[0];
  const back = new URL((await fetch(begunAgain.headers.get('location'), {redirect: 'manual'})).headers.get('location'));
  back.searchParams.set('iss', 'https://another.example');
  assertRefused(await callBack(back.toString(), cookieAgain), 'provider_refused');
});

test('a provider whose discovery document names another issuer is not used', async () => {
  const begun = await fetch(`${running.server.url}/api/v1/session/providers/impostor`, {redirect: 'manual'});
  assert.equal(begun.status, 303);
  assert.equal(begun.headers.get('location'), '/staff.html#sign-in-error=provider_unavailable');
});

test('a provider that must sign people in with a second factor: an id_token without it is refused', async () => {
  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked, {amr: ['pwd']}));
  assertRefused(await signIn({provider: 'strict'}), 'second_factor_missing');
  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked, {amr: undefined}));
  assertRefused(await signIn({provider: 'strict'}), 'second_factor_missing');
  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked));
  const result = await signIn({provider: 'strict'});
  assert.equal(result.location, '/staff.html');
});

test('someone taken out of the group loses the role at once, and cannot sign in again', async () => {
  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked, {sub: 'subject-leaver',
    preferred_username: 'leaver@gjovik.kommune.no'}));
  const first = await signIn();
  const cookie = sessionCookie(first.cookies);
  assert.ok(cookie);
  assert.deepEqual((await sessionOf(cookie)).body.account.grants, [{role: 'municipality_staff', scope: '3407'}]);
  const home = await fetch(`${running.server.url}/api/v1/admin/municipalities/3407`, {headers: {cookie: cookie.split(';')[0]}});
  assert.equal(home.status, 200);

  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked, {sub: 'subject-leaver',
    preferred_username: 'leaver@gjovik.kommune.no', groups: ['alle-ansatte']}));
  assertRefused(await signIn(), 'no_role');
  // The session from before still exists, with no role left in it.
  assert.deepEqual((await sessionOf(cookie)).body.account.grants, []);
  const refused = await fetch(`${running.server.url}/api/v1/admin/municipalities/3407`, {headers: {cookie: cookie.split(';')[0]}});
  assert.equal(refused.status, 403);
});

test('a username another account has: the newcomer gets one of their own, never the other account', async () => {
  // 'kari@gjovik.kommune.no' is subject-kari's (the first test); another subject claims it.
  running.provider.makeIdToken = (asked) => running.provider.sign(claims(asked, {sub: 'subject-squatter', name: 'Squatter'}));
  const result = await signIn();
  const cookie = sessionCookie(result.cookies);
  assert.ok(cookie);
  const {body} = await sessionOf(cookie);
  assert.match(body.account.username, /^forger-[0-9a-f]{16}$/);
  assert.equal(body.account.display_name, 'Squatter');
});
