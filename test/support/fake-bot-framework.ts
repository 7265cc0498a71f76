import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * Plays the Bot Framework's token service for incoming requests: an OpenID metadata document and the
 * signing keys (with Teams' endorsement), over https with the test certificate (trusted through
 * NODE_EXTRA_CA_CERTS, as the fake Graph is). `sign` issues a channel token the way the Bot Connector
 * does, so the bot's real token check (botbuilder's JwtTokenExtractor) can accept or refuse it.
 */
export interface FakeBotFramework {
  /** For BOT_OPENID_METADATA_URL. */
  metadataUrl: string;
  /** A token as the Bot Connector sends it; `claims` override the defaults, `key: 'unknown'` signs with a key it does not publish. */
  sign(claims: { aud: string; serviceurl: string } & Record<string, unknown>, options?: { key?: 'published' | 'unknown'; expiresInSeconds?: number }): string;
  close(): Promise<void>;
}

const ISSUER = 'https://api.botframework.com';
const certs = new URL('./certs/', import.meta.url);
const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function signJwt(payload: object, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(payload));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${b64url(signature)}`;
}

export async function startFakeBotFramework(): Promise<FakeBotFramework> {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const unknown = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = published.publicKey.export({ format: 'jwk' });
  let base = '';
  const server: Server = createServer({ cert: readFileSync(new URL('server.pem', certs)), key: readFileSync(new URL('server-key.pem', certs)) }, (req, res) => {
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/v1/.well-known/openidconfiguration') return json({ issuer: ISSUER, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    if (req.url === '/v1/keys') return json({ keys: [{ ...jwk, kid: 'published-key', use: 'sig', endorsements: ['msteams'] }] });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: ISSUER, nbf: now - 60, iat: now - 60, exp: now + (options.expiresInSeconds ?? 3600), ...claims };
      return options.key === 'unknown' ? signJwt(payload, unknown.privateKey, 'published-key') : signJwt(payload, published.privateKey, 'published-key');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
