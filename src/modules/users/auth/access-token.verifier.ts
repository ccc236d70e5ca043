import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type AuthUser, type Role } from '../../../common/auth/auth-user.js';
import { JWT_AUDIENCE, JWT_ISSUER } from './token.service.js';

/** What an access token must satisfy besides its signature and expiry (shared with the JWT strategy). */
export const ACCESS_TOKEN_CHECKS = {
  issuer: JWT_ISSUER,
  audience: JWT_AUDIENCE,
  algorithms: ['HS256' as const],
};

interface AccessClaims {
  sub?: unknown;
  email?: unknown;
  role?: unknown;
}

/** The caller an access token's claims name, or `false` when they do not name one. */
export function userFromClaims(claims: AccessClaims): AuthUser | false {
  const { sub, email, role } = claims;
  if (typeof sub !== 'string' || typeof email !== 'string' || !ROLES.includes(role as Role)) return false;
  return { id: sub, email, role: role as Role };
}

/**
 * Checks an `Authorization` header outside Passport, for routes served before Nest's router (event
 * ingestion): the same token extraction (`Bearer <token>`, scheme in any case), signature, expiry,
 * issuer, audience and claims as the JWT strategy behind the global guard.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(private readonly jwt: JwtService) {}

  /** The verified caller, or `undefined` when the header does not carry a valid access token. */
  verify(authorization: string): AuthUser | undefined {
    const match = /(\S+)\s+(\S+)/.exec(authorization);
    if (!match || match[1].toLowerCase() !== 'bearer') return undefined;
    try {
      return userFromClaims(this.jwt.verify<AccessClaims>(match[2], ACCESS_TOKEN_CHECKS)) || undefined;
    } catch {
      return undefined;
    }
  }
}
