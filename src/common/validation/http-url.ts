import { isURL } from 'class-validator';

/** What a profile image or similar link must be: an absolute http(s) URL (never javascript:, data:, …). */
export const HTTP_URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
export const MAX_URL_LENGTH = 2048;

/** The same rule for the API's DTOs and the back office's forms. */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_URL_LENGTH && isURL(value, HTTP_URL_OPTIONS);
}
