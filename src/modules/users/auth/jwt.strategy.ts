import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import {
  ACCESS_TOKEN_CHECKS,
  checkClaims,
  type AccessCheck,
  type AccessClaims,
} from './access-token.verifier.js';
import { jwtKey } from './jwt-key.js';
import { LoginSessions } from './login-sessions.js';

/**
 * Verifies the bearer access token (signature, expiry, issuer, audience) and turns its claims into
 * `req.user`, if the login session it names is still live (one lookup per session, then
 * remembered until the database says it changed: see `LoginSessions`).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: LoginSessions,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt's types say string | Buffer; it hands the key to jsonwebtoken, which takes a KeyObject.
      secretOrKey: jwtKey(config.auth.jwtSecret) as unknown as string,
      ...ACCESS_TOKEN_CHECKS,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessClaims): AccessCheck {
    return checkClaims(claims, this.sessions);
  }
}
