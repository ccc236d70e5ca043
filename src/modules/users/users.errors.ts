import { DomainError } from '../../common/errors/domain-error.js';

/** Every login failure answers the same: nothing tells whether the e-mail exists or why it failed. */
export const invalidCode = () =>
  new DomainError('unauthenticated', 'invalid_code', 'The code is invalid or has expired');

export const invalidRefreshToken = () =>
  new DomainError(
    'unauthenticated',
    'invalid_refresh_token',
    'The refresh token is invalid, expired or revoked',
  );

export const userNotFound = (id: string) =>
  new DomainError('not_found', 'user_not_found', `No user with id ${id}`);

export const cannotChangeSelf = (what: string) =>
  new DomainError(
    'unprocessable',
    'cannot_change_self',
    `You cannot ${what} your own account; ask another admin`,
  );

export const apiKeyNotFound = (id: string) =>
  new DomainError('not_found', 'api_key_not_found', `No API key with id ${id}`);
