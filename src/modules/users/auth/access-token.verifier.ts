import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type AuthUser, type Role } from '../../../common/auth/auth-user.js';
import { LoginSessions } from './login-sessions.js';
import { JWT_AUDIENCE, JWT_ISSUER } from './token.service.js';

/** What an access token must satisfy besides its signature and expiry (shared with the JWT strategy). */
export const ACCESS_TOKEN_CHECKS = {
  issuer: JWT_ISSUER,
  audience: JWT_AUDIENCE,
  algorithms: ['HS256' as const],
};

export interface AccessClaims {
  sub?: unknown;
  email?: unknown;
  role?: unknown;
  /** The login session (refresh-token family) the token was issued for. */
  sid?: unknown;
}

export type AccessCheck = AuthUser | false | Promise<AuthUser | false>;

/**
 * The caller an access token's verified claims name, if its login session is still live and still
 * grants that role and e-mail (see `LoginSessions`); `false` otherwise. Tokens without a session id
 * (issued before sessions were checked) are refused: the client refreshes.
 */
export function checkClaims(claims: AccessClaims, sessions: LoginSessions): AccessCheck {
  const { sub, email, role, sid } = claims;
  if (typeof sub !== 'string' || typeof email !== 'string' || typeof sid !== 'string') return false;
  if (!ROLES.includes(role as Role)) return false;
  return sessions.check({ id: sub, email, role: role as Role }, sid);
}

/**
 * Checks an `Authorization` header outside Passport, for routes served before Nest's router (event
 * ingestion): the same token extraction (`Bearer <token>`, scheme in any case), signature, expiry,
 * issuer, audience, claims and live session as the JWT strategy behind the global guard.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: LoginSessions,
  ) {}

  /** The verified caller, or `false` when the header does not carry a valid, live access token. */
  verify(authorization: string): AccessCheck {
    const [, scheme, token] = /(\S+)\s+(\S+)/.exec(authorization) ?? [];
    if (scheme?.toLowerCase() !== 'bearer' || token === undefined) return false;
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token, ACCESS_TOKEN_CHECKS);
    } catch {
      return false;
    }
    return checkClaims(claims, this.sessions);
  }
}
