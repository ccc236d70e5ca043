import { createHmac, timingSafeEqual } from 'node:crypto';

/** Keyed hash for short-lived secrets (OTP codes, refresh tokens): a leaked table reveals nothing usable. */
export function keyedHash(key: string, purpose: string, secret: string): string {
  return createHmac('sha256', key).update(`${purpose}:${secret}`).digest('base64url');
}

/** Constant-time comparison of two hashes. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
