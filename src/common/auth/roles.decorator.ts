import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.js';
import type { Role } from './auth-user.js';

export const ROLES_KEY = 'roles';

/** Restricts a route (or controller) to these roles; others get 403. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiForbiddenResponse({ description: `Requires role: ${roles.join(' or ')}`, type: ErrorResponseDto }),
  );
