import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

/** What every API key starts with, so secret scanners (and people) recognise a leaked one. */
export const API_KEY_PREFIX = 'cpk_';

/** What a key may be allowed to do. `reports:read`: the `/analytics/reports/…` routes, JSON and CSV. */
export const API_KEY_SCOPES = ['reports:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The caller when a request authenticates with an API key (`req.apiKey`; `req.user` stays unset). */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
}

export const API_KEY_SCOPE_KEY = 'apiKeyScope';

/** The API document's security scheme for API keys (configure-app.ts declares it). */
export const API_KEY_SECURITY_SCHEME = 'apiKey';

/**
 * Opens a route (or controller) to API keys holding this scope. Every other route answers 403 to a
 * key, public routes included: a key is for one job, never a user's session.
 */
export const AllowApiKey = (scope: ApiKeyScope) =>
  applyDecorators(SetMetadata(API_KEY_SCOPE_KEY, scope), ApiSecurity(API_KEY_SECURITY_SCHEME));

/** Why a key was turned away (recorded in the audit log). */
export type ApiKeyDenial = 'unknown' | 'revoked' | 'expired' | 'scope';

/** Checks keys for the global authentication guard; provided by the users module. */
export interface ApiKeyAuthenticator {
  /**
   * The key's principal, or why it is refused (unknown, revoked, expired). Counts the use against
   * the key's rate limit (429 past it).
   */
  authenticate(key: string): Promise<ApiKeyPrincipal | ApiKeyDenial>;
  /** Records a refused use in the audit log. */
  denied(
    key: string,
    reason: ApiKeyDenial,
    request: { method: string; path: string; ip?: string },
  ): Promise<void>;
}
export const API_KEY_AUTHENTICATOR = Symbol('ApiKeyAuthenticator');

/** The key in an `Authorization: Bearer cpk_…` header, or undefined when it carries none. */
export function bearerApiKey(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const key = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  return key?.startsWith(API_KEY_PREFIX) ? key : undefined;
}
