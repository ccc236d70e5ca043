import { createSecretKey, type KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * The HMAC key for access tokens as a `KeyObject`. Given a string or Buffer, jsonwebtoken first
 * tries `createPublicKey()` on it for every token signed or verified, and an HMAC secret makes
 * that throw: about 0.1 ms of CPU per request, a third of the ingestion route's time.
 */
export function jwtKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}
