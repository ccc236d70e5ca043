import { isURL } from 'class-validator';

/**
 * The one rule for links a user supplies (a profile image): an absolute http(s) URL. Shared by the
 * API's DTOs (`@IsUrl(HTTP_URL_OPTIONS)`) and the back office, so `javascript:` and `data:` are
 * refused everywhere.
 */
export const HTTP_URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
export const HTTP_URL_MESSAGE = 'must be an http(s) URL';
export const URL_MAX_LENGTH = 2048;

export function isHttpUrl(value: string): boolean {
  return value.length <= URL_MAX_LENGTH && isURL(value, HTTP_URL_OPTIONS);
}
