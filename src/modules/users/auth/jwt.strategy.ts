import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { ACCESS_TOKEN_CHECKS, userFromClaims } from './access-token.verifier.js';

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
      ...ACCESS_TOKEN_CHECKS,
      ignoreExpiration: false,
    });
  }

  validate(claims: Parameters<typeof userFromClaims>[0]): AuthUser | false {
    return userFromClaims(claims);
  }
}
