import * as client from 'openid-client';
import { RefugeError } from '../../domain/errors.ts';
import type { Queryable } from '../../store/db.ts';
import { newToken, tokenHash } from './sessions.ts';

/** One OpenID Connect provider, from configuration (REFUGE_OIDC_PROVIDERS). */
export interface OidcProviderConfig {
  /** Short name used in URLs: /auth/oidc/{id}/start. */
  id: string;
  /** What the sign-in page shows. */
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Refuge's callback as registered with the provider: https://host/api/v1/auth/oidc/{id}/callback. */
  redirectUri: string;
}

const PROVIDER_ID = /^[a-z0-9-]{1,40}$/;
/** How long a browser has to come back from the provider. */
export const OIDC_FLOW_SECONDS = 10 * 60;

export class OidcConfigError extends Error {}

/** Reads REFUGE_OIDC_PROVIDERS: a JSON array of providers; every problem is named. */
export function parseOidcProviders(json: string | undefined): OidcProviderConfig[] {
  if (!json || json.trim() === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    throw new OidcConfigError('REFUGE_OIDC_PROVIDERS is not valid JSON.');
  }
  if (!Array.isArray(list)) throw new OidcConfigError('REFUGE_OIDC_PROVIDERS must be a JSON array of providers.');
  const providers = list.map((p: Record<string, unknown>, i) => {
    const where = `REFUGE_OIDC_PROVIDERS[${i}]`;
    for (const field of ['id', 'name', 'issuer', 'clientId', 'clientSecret', 'redirectUri']) {
      if (typeof p?.[field] !== 'string' || (p[field] as string).trim() === '') throw new OidcConfigError(`${where}.${field} must be a non-empty string.`);
    }
    if (!PROVIDER_ID.test(p.id as string)) throw new OidcConfigError(`${where}.id must be 1 to 40 lower-case letters, digits or "-".`);
    for (const field of ['issuer', 'redirectUri']) {
      if (!URL.canParse(p[field] as string)) throw new OidcConfigError(`${where}.${field} must be an absolute URL.`);
    }
    return { id: p.id, name: p.name, issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret, redirectUri: p.redirectUri } as OidcProviderConfig;
  });
  if (new Set(providers.map((p) => p.id)).size !== providers.length) throw new OidcConfigError('REFUGE_OIDC_PROVIDERS ids must be unique.');
  return providers;
}

/** Plain HTTP is allowed to a provider on this machine only (development, tests). */
function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * The relying party: authorization code flow with PKCE (S256), state and nonce (openid-client).
 * Each flow in progress is a database row bound to the browser by a random cookie token, so any
 * server process can finish it.
 */
export class OidcClients {
  private readonly configurations = new Map<string, Promise<client.Configuration>>();

  constructor(readonly providers: readonly OidcProviderConfig[]) {}

  provider(id: string): OidcProviderConfig {
    const provider = this.providers.find((p) => p.id === id);
    if (!provider) throw new RefugeError('not_found', 'oidc_provider_not_found', `No sign-in provider is called "${id}".`);
    return provider;
  }

  private configuration(provider: OidcProviderConfig): Promise<client.Configuration> {
    let config = this.configurations.get(provider.id);
    if (!config) {
      const issuer = new URL(provider.issuer);
      config = client.discovery(issuer, provider.clientId, undefined, client.ClientSecretBasic(provider.clientSecret),
        isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined);
      // A failed discovery is tried again on the next sign-in rather than remembered.
      config.catch(() => this.configurations.delete(provider.id));
      this.configurations.set(provider.id, config);
    }
    return config;
  }

  /** Starts a flow: the provider's authorization URL, and the token the browser's cookie must carry back. */
  async start(tx: Queryable, providerId: string, returnTo: string, now: Date): Promise<{ authorizationUrl: string; flowToken: string }> {
    const provider = this.provider(providerId);
    const config = await this.configuration(provider).catch((err: unknown) => { throw providerUnavailable(provider, err); });
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: provider.redirectUri, scope: 'openid', response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256', state, nonce,
    });
    const flowToken = newToken();
    await tx.query('DELETE FROM oidc_flows WHERE expires_at <= $1', [now]);
    await tx.query(`INSERT INTO oidc_flows (token_hash, provider_id, state, nonce, code_verifier, return_to, created_at, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [tokenHash(flowToken), provider.id, state, nonce, codeVerifier, returnTo, now, new Date(now.getTime() + OIDC_FLOW_SECONDS * 1000)]);
    return { authorizationUrl: url.href, flowToken };
  }

  /**
   * Finishes a flow (once: the row is consumed): checks state, exchanges the code with the PKCE
   * verifier, validates the ID token (signature, issuer, audience, nonce), and names who signed in.
   */
  async finish(tx: Queryable, providerId: string, flowToken: string | undefined, query: string, now: Date):
    Promise<{ issuer: string; subject: string; returnTo: string }> {
    const provider = this.provider(providerId);
    const { rows } = flowToken
      ? await tx.query<{ provider_id: string; state: string; nonce: string; code_verifier: string; return_to: string }>(
        'DELETE FROM oidc_flows WHERE token_hash = $1 AND expires_at > $2 RETURNING provider_id, state, nonce, code_verifier, return_to',
        [tokenHash(flowToken), now])
      : { rows: [] };
    const flow = rows[0];
    if (!flow || flow.provider_id !== provider.id) {
      throw new RefugeError('unauthorized', 'oidc_flow_invalid', 'This sign-in did not start in this browser, or took too long: start again.');
    }
    const config = await this.configuration(provider).catch((err: unknown) => { throw providerUnavailable(provider, err); });
    const callbackUrl = new URL(provider.redirectUri);
    callbackUrl.search = query;
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl,
        { pkceCodeVerifier: flow.code_verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
      claims = tokens.claims();
    } catch (err) {
      throw new RefugeError('unauthorized', 'oidc_sign_in_failed', `${provider.name} did not sign you in: ${(err as Error).message}`);
    }
    if (!claims) throw new RefugeError('unauthorized', 'oidc_sign_in_failed', `${provider.name} returned no ID token.`);
    return { issuer: claims.iss, subject: claims.sub, returnTo: flow.return_to };
  }
}

function providerUnavailable(provider: OidcProviderConfig, err: unknown): RefugeError {
  return new RefugeError('unavailable', 'oidc_provider_unavailable', `${provider.name} cannot be reached (${(err as Error).message}).`);
}
