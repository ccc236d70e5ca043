import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { API_KEY_PREFIX } from '../../../common/auth/api-key.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 40; // 40 base-62 characters: 238 bits
const CHECKSUM_LENGTH = 6;

/**
 * A new key: `cpk_` + 40 random base-62 characters + a 6-character CRC-32 of them (as GitHub's
 * tokens do), so a scanner can recognise a key by its shape and rule out typos without a lookup.
 */
export function generateApiKey(): string {
  let secret = '';
  while (secret.length < SECRET_LENGTH) {
    for (const byte of randomBytes(64)) {
      // 248 = 4 × 62: bytes above it are dropped so every character is equally likely.
      if (byte < 248 && secret.length < SECRET_LENGTH) secret += ALPHABET[byte % 62];
    }
  }
  return `${API_KEY_PREFIX}${secret}${checksum(secret)}`;
}

/** Whether a string has a key's shape and a valid checksum (no database read needed to refuse it). */
export function isWellFormedApiKey(key: string): boolean {
  if (
    !key.startsWith(API_KEY_PREFIX) ||
    key.length !== API_KEY_PREFIX.length + SECRET_LENGTH + CHECKSUM_LENGTH
  )
    return false;
  const secret = key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + SECRET_LENGTH);
  return /^[0-9A-Za-z]+$/.test(secret) && key.endsWith(checksum(secret));
}

/** What is stored and looked up. The key has 238 random bits: a plain SHA-256 cannot be reversed. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The characters shown in lists and the audit log: enough to tell keys apart, useless to use one. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + 8);
}

function checksum(secret: string): string {
  let crc = crc32(secret);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[crc % 62] + out;
    crc = Math.floor(crc / 62);
  }
  return out;
}
