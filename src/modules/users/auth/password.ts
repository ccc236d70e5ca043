import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** Staff passwords (back office only): argon2id with the library's current defaults. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Constant-time inside argon2; false for a malformed hash instead of throwing. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** 20 characters from a 64-symbol alphabet: ~120 bits. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export const MIN_PASSWORD_LENGTH = 12;
