import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'isPublic';

/**
 * Stand-ins for a public route's security requirement in the OpenAPI document: `@nestjs/swagger`
 * drops an empty `security` list and merges a method's with its controller's, so `Public()` names
 * one of these and the document is settled afterwards (`settlePublicSecurity`, configure-app.ts):
 * `security: []`, or `[{}, { bearer: [] }]` where a token is optional and tells who calls.
 */
export const PUBLIC_SECURITY = { none: 'x-public', optionalToken: 'x-public-optional-token' } as const;

/**
 * Opts a route (or controller) out of the global authentication guard. Use only on purpose. A token
 * that is sent must still be valid (else 401); `optionalToken`: the route uses it when there is one
 * (`@CurrentUser()` may be set), which the API document says.
 */
export const Public = (options: { optionalToken?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(IS_PUBLIC_KEY, true),
    ApiSecurity(options.optionalToken ? PUBLIC_SECURITY.optionalToken : PUBLIC_SECURITY.none),
  );

/** A public route's 401, in the API document: it needs no token, but one that is sent is checked. */
export const INVALID_TOKEN_SENT =
  'An Authorization header that is not a valid access token (the route needs none; send none rather than a stale one)';

export const AUTHENTICATES_ITSELF_KEY = 'authenticatesItself';

/**
 * For a route whose `Authorization` header carries a credential of its own (the metrics token),
 * which the global guard must neither read as an access token nor refuse. The route checks it.
 */
export const AuthenticatesItself = () => SetMetadata(AUTHENTICATES_ITSELF_KEY, true);
