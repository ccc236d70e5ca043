import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'isPublic';

/** Opts a route out of the global authentication guard. Use only on purpose. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

export const AUTHENTICATES_ITSELF_KEY = 'authenticatesItself';

/**
 * For a route whose `Authorization` header carries a credential of its own (the metrics token),
 * which the global guard must neither read as an access token nor refuse. The route checks it.
 */
export const AuthenticatesItself = () => SetMetadata(AUTHENTICATES_ITSELF_KEY, true);
