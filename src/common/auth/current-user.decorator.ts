import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from './auth-user.js';

/**
 * The caller from a valid access token, or `undefined` on a `@Public()` route called without one.
 * (On public routes a token that is present but invalid is still rejected with 401: nobody can
 * claim to be someone else by sending garbage.)
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser | undefined =>
    ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>().user,
);
