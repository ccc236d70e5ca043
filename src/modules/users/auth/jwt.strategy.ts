import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ROLES, type AuthUser, type Role } from '../../../common/auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { JWT_AUDIENCE, JWT_ISSUER } from './token.service.js';

interface AccessClaims {
  sub?: unknown;
  email?: unknown;
  role?: unknown;
}

/**
 * Verifies the bearer access token (signature, expiry, issuer, audience) and turns its claims into
 * `req.user`. No database read per request: a role change applies at the next refresh, at most one
 * access-token lifetime later.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.auth.jwtSecret,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessClaims): AuthUser | false {
    const { sub, email, role } = claims;
    if (typeof sub !== 'string' || typeof email !== 'string' || !ROLES.includes(role as Role)) return false;
    return { id: sub, email, role: role as Role };
  }
}
