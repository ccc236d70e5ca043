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

/** Verified tokens remembered at most (a token is a few hundred bytes). */
const MAX_VERIFIED = 10_000;

/**
 * Checks an `Authorization` header outside Passport, for routes served before Nest's router (event
 * ingestion): the same token extraction (`Bearer <token>`, scheme in any case), signature, expiry,
 * issuer, audience, claims and live session as the JWT strategy behind the global guard.
 *
 * A tracker sends the same token with every event until it expires, so a token that passed the
 * checks is remembered with its claims (by its exact text) until its `exp`: the signature, issuer,
 * audience and `nbf` checks give the same answer for the same text every time, and the one that
 * changes with time, expiry, is checked again on every use (as jsonwebtoken does: expired from the
 * second `exp` on). The live-session check runs on every request as before, so a revoked session is
 * refused at once. Tokens that fail are not remembered; at `MAX_VERIFIED` the memory starts afresh.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly verified = new Map<string, { claims: AccessClaims; exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: LoginSessions,
  ) {}

  /** The verified caller, or `false` when the header does not carry a valid, live access token. */
  verify(authorization: string): AccessCheck {
    const [, scheme, token] = /(\S+)\s+(\S+)/.exec(authorization) ?? [];
    if (scheme?.toLowerCase() !== 'bearer' || token === undefined) return false;
    const claims = this.verifiedClaims(token);
    return claims ? checkClaims(claims, this.sessions) : false;
  }

  private verifiedClaims(token: string): AccessClaims | undefined {
    const now = Math.floor(Date.now() / 1000);
    const known = this.verified.get(token);
    if (known) {
      if (now < known.exp) return known.claims;
      this.verified.delete(token);
    }
    let claims: AccessClaims & { exp?: unknown };
    try {
      claims = this.jwt.verify<AccessClaims & { exp?: unknown }>(token, ACCESS_TOKEN_CHECKS);
    } catch {
      return undefined;
    }
    // Only tokens that expire are remembered (ours all do), until they do.
    if (typeof claims.exp === 'number' && now < claims.exp) {
      if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
      this.verified.set(token, { claims, exp: claims.exp });
    }
    return claims;
  }
}
