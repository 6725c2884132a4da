// A real OpenID Provider on loopback for the staff sign-in tests: the npm
// package oidc-provider (an OpenID Certified implementation) with its
// development sign-in pages, one client (parorende), PKCE required, and
// accounts whose group claims the tests choose. Its keys are its own,
// generated at start.
//
//   const provider = await startOpenIdProvider({redirectUri, afterSignOutUri});
//   ... provider.issuer, provider.clientId, provider.clientSecret
//   await provider.stop();
import Provider from 'oidc-provider';
import {generateKeyPair, exportJWK} from 'jose';
import {createServer} from 'node:net';

// Who signs in with which login at the provider's development page.
export const PEOPLE = {
  kari: {name: 'Kari Nordmann', preferred_username: 'kari.nordmann@gjovik.kommune.no', groups: ['gjovik-pårørendekoordinator', 'alle-ansatte']},
  ola: {name: 'Ola Uten Rolle', preferred_username: 'ola@gjovik.kommune.no', groups: ['alle-ansatte']},
};

// A port the kernel says is free now (for a server that must know its own
// address before it starts).
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const {port} = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function startOpenIdProvider({redirectUri, afterSignOutUri}) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'parorende';
  const clientSecret = 'a client secret only the tests know';
  const {privateKey} = await generateKeyPair('RS256', {extractable: true});
  const signingKey = {...(await exportJWK(privateKey)), kid: 'test-key-1', use: 'sig', alg: 'RS256'};
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [afterSignOutUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    jwks: {keys: [signingKey]},
    cookies: {keys: ['a cookie key only the tests know']},
    claims: {openid: ['sub'], profile: ['name', 'preferred_username', 'groups']},
    // The claims in the id_token itself, as Entra ID puts groups there.
    conformIdTokenClaims: false,
    pkce: {required: () => true},
    features: {devInteractions: {enabled: true}, rpInitiatedLogout: {enabled: true}},
    async findAccount(ctx, id) {
      const person = PEOPLE[id];
      if (!person) return undefined;
      return {accountId: id, claims: async () => ({sub: `subject-of-${id}`, ...person})};
    },
  });
  provider.proxy = false;
  const server = provider.listen(port, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    async stop() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
