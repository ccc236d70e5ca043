import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error.js';
import type { AuthUser } from './auth-user.js';
import { IS_PUBLIC_KEY } from './public.decorator.js';

/** The 401 for a missing or invalid access token, wherever it is checked. */
export const accessTokenRequired = (): DomainError =>
  new DomainError('unauthenticated', 'unauthenticated', 'A valid access token is required');

/**
 * Global authentication: every route needs a valid access token unless marked `@Public()`. On a
 * public route a token is optional, but one that is sent must be valid (so `@CurrentUser()` is
 * either a verified user or nobody).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<Request>();
    if (isPublic && !req.headers.authorization) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser = AuthUser>(err: unknown, user: TUser | false): TUser {
    // Passport reports a bad token as `user === false`; `err` is a failure of the session lookup
    // (the database), which must answer as such (503), not as a bad token.
    if (err) throw err;
    if (!user) throw accessTokenRequired();
    return user;
  }
}
