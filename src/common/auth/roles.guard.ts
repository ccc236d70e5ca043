import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error.js';
import type { ApiKeyPrincipal } from './api-key.js';
import type { AuthUser, Role } from './auth-user.js';
import { ROLES_KEY } from './roles.decorator.js';

/**
 * Runs after authentication: a route with `@Roles()` admits only those roles. A request with an
 * API key got here only through a route that admits the key's scope (see `JwtAuthGuard`).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser; apiKey?: ApiKeyPrincipal }>();
    if (req.apiKey) return true;
    const user = req.user;
    if (!user)
      throw new DomainError('unauthenticated', 'unauthenticated', 'A valid access token is required');
    if (!roles.includes(user.role)) {
      throw new DomainError('forbidden', 'forbidden', 'Your role does not allow this');
    }
    return true;
  }
}
