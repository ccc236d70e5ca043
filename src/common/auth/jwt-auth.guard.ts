import { Inject, Injectable, Optional, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error.js';
import {
  API_KEY_AUTHENTICATOR,
  API_KEY_SCOPE_KEY,
  bearerApiKey,
  type ApiKeyAuthenticator,
  type ApiKeyPrincipal,
  type ApiKeyScope,
} from './api-key.js';
import type { AuthUser } from './auth-user.js';
import { AUTHENTICATES_ITSELF_KEY, IS_PUBLIC_KEY } from './public.decorator.js';

/** The 401 for a missing or invalid access token, wherever it is checked. */
export const accessTokenRequired = (): DomainError =>
  new DomainError('unauthenticated', 'unauthenticated', 'A valid access token is required');

export const apiKeyRequired = (): DomainError =>
  new DomainError('unauthenticated', 'unauthenticated', 'A valid API key is required');

/**
 * Global authentication: every route needs a valid access token unless marked `@Public()`. On a
 * public route a token is optional, but one that is sent must be valid (so `@CurrentUser()` is
 * either a verified user or nobody). An API key (`Bearer cpk_…`) opens only the routes marked
 * `@AllowApiKey(scope)` for a scope it holds: elsewhere, public routes included, 403.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(API_KEY_AUTHENTICATOR) private readonly apiKeys?: ApiKeyAuthenticator,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(AUTHENTICATES_ITSELF_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & { apiKey?: ApiKeyPrincipal }>();
    const key = bearerApiKey(req.headers.authorization);
    if (key !== undefined)
      return this.admitKey(key, this.reflector.getAllAndOverride(API_KEY_SCOPE_KEY, targets), req);
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets);
    if (isPublic && !req.headers.authorization) return true;
    return super.canActivate(context);
  }

  private async admitKey(
    key: string,
    scope: ApiKeyScope | undefined,
    req: Request & { apiKey?: ApiKeyPrincipal },
  ): Promise<boolean> {
    if (!this.apiKeys) throw apiKeyRequired();
    const who = { method: req.method, path: req.path, ip: req.ip };
    const principal = await this.apiKeys.authenticate(key);
    if (typeof principal === 'string') {
      await this.apiKeys.denied(key, principal, who);
      throw apiKeyRequired();
    }
    if (!scope || !principal.scopes.includes(scope)) {
      await this.apiKeys.denied(key, 'scope', who);
      throw new DomainError('forbidden', 'forbidden', 'This API key does not open this route');
    }
    req.apiKey = principal;
    return true;
  }

  override handleRequest<TUser = AuthUser>(err: unknown, user: TUser | false): TUser {
    // Passport reports a bad token as `user === false`; `err` is a failure of the session lookup
    // (the database), which must answer as such (503), not as a bad token.
    if (err) throw err;
    if (!user) throw accessTokenRequired();
    return user;
  }
}
