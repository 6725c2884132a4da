// A hostile OpenID Provider for the refusal tests: it serves a discovery
// document, its keys and a token endpoint, and answers the code with
// whatever id_token the test has it make (forged, expired, wrongly signed,
// for another nonce). It checks the client's secret and PKCE (S256) as a
// real provider would, so a test also shows parorende sends them right.
import {createServer} from 'node:http';
import {createHash, randomBytes} from 'node:crypto';
import {generateKeyPair, exportJWK, SignJWT} from 'jose';
import {freePort} from './openid-provider.mjs';

export async function startForgingProvider({clientId, clientSecret}) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const keys = [];
  async function addKey(kid) {
    const {publicKey, privateKey} = await generateKeyPair('RS256', {extractable: true});
    const key = {kid, privateKey, publicJwk: {...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig'}};
    keys.push(key);
    return key;
  }
  await addKey('key-1');
  const requests = new Map();  // code -> the authorization request's parameters
  const provider = {
    issuer,
    keys,
    addKey,
    published: () => keys.filter((key) => !key.unpublished),
    // (request) -> id_token; set by each test.
    makeIdToken: null,
    jwksFetches: 0,
    tokenRequests: [],
    // Signs with the newest published key unless told which.
    sign: (claims, key = provider.published().at(-1), header = {}) =>
      new SignJWT(claims).setProtectedHeader({alg: 'RS256', kid: key.kid, ...header}).sign(key.privateKey),
  };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, issuer);
    const json = (status, body) => {
      response.writeHead(status, {'Content-Type': 'application/json'});
      response.end(JSON.stringify(body));
    };
    // Under any path: a provider configured with another issuer than its
    // own gets this document, naming the real one.
    if (url.pathname.endsWith('/.well-known/openid-configuration')) {
      return json(200, {issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`, end_session_endpoint: `${issuer}/logout`});
    }
    if (url.pathname === '/jwks') {
      provider.jwksFetches += 1;
      return json(200, {keys: provider.published().map((key) => key.publicJwk)});
    }
    if (url.pathname === '/authorize') {
      const code = randomBytes(16).toString('hex');
      requests.set(code, Object.fromEntries(url.searchParams));
      const back = new URL(url.searchParams.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state'));
      response.writeHead(302, {Location: back.toString()});
      return response.end();
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      let body = '';
      for await (const chunk of request) body += chunk;
      const form = new URLSearchParams(body);
      provider.tokenRequests.push(Object.fromEntries(form));
      const asked = requests.get(form.get('code'));
      requests.delete(form.get('code'));
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (!asked || form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret ||
          asked.code_challenge_method !== 'S256' || asked.code_challenge !== challenge ||
          form.get('redirect_uri') !== asked.redirect_uri) {
        return json(400, {error: 'invalid_grant'});
      }
      return json(200, {access_token: 'unused', token_type: 'Bearer', id_token: await provider.makeIdToken(asked)});
    }
    json(404, {error: 'not_found'});
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  provider.stop = () => new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(resolve);
  });
  return provider;
}
