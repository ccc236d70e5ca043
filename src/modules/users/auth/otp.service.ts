import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { RateLimitedError } from '../../../common/errors/rate-limited.error.js';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import type { LoginFailureReason } from '../users.events.js';
import { keyedHash, sameHash } from './secret-hash.js';

const RESEND_AFTER_SECONDS = 60;

export type OtpCheck = { ok: true } | { ok: false; reason: LoginFailureReason };

/** One live 6-digit code per e-mail, stored only as a keyed hash, dead after too many tries. */
@Injectable()
export class OtpService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Replaces the e-mail's code with a new one and returns it (to be mailed). Atomic: of concurrent
   * requests within a minute only one gets a code; the others get 429 with the time to wait.
   */
  async issue(email: string): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(Date.now() + this.config.auth.otpTtlSeconds * 1000);
    // `em.execute`: inside the caller's transaction, so the caller's limits roll back with a refusal.
    const rows = await this.em.execute<{ email: string }[]>(
      `INSERT INTO auth_otp_codes (email, code_hash, attempts, expires_at, created_at) VALUES (?, ?, 0, ?, now())
       ON CONFLICT (email) DO UPDATE
         SET code_hash = excluded.code_hash, attempts = 0, expires_at = excluded.expires_at, created_at = now()
         WHERE auth_otp_codes.created_at <= now() - make_interval(secs => ?)
       RETURNING email`,
      [email, this.hash(email, code), expiresAt, RESEND_AFTER_SECONDS],
    );
    if (rows.length === 0)
      throw new RateLimitedError(await this.secondsUntilResend(email), 'Wait before requesting another code');
    return code;
  }

  /** Counts the try first (atomically), then compares in constant time; a match consumes the code. */
  async check(email: string, code: string): Promise<OtpCheck> {
    const [row] = await this.em
      .getConnection()
      .execute<{ code_hash: string; attempts: number; expired: boolean }[]>(
        `UPDATE auth_otp_codes SET attempts = attempts + 1 WHERE email = ?
       RETURNING code_hash, attempts, expires_at <= now() AS expired`,
        [email],
      );
    if (!row) return { ok: false, reason: 'no_code' };
    if (row.expired) return { ok: false, reason: 'expired' };
    if (row.attempts > this.config.auth.otpMaxAttempts) return { ok: false, reason: 'too_many_attempts' };
    if (!sameHash(row.code_hash, this.hash(email, code))) return { ok: false, reason: 'wrong_code' };
    const consumed = await this.em
      .getConnection()
      .execute<{ affectedRows: number }>(
        `DELETE FROM auth_otp_codes WHERE email = ? AND code_hash = ?`,
        [email, row.code_hash],
        'run',
      );
    // A concurrent request with the same right code may have consumed it first: only one login wins.
    return consumed.affectedRows === 1 ? { ok: true } : { ok: false, reason: 'no_code' };
  }

  async purgeExpired(): Promise<number> {
    const result = await this.em
      .getConnection()
      .execute<{ affectedRows: number }>(`DELETE FROM auth_otp_codes WHERE expires_at < now()`, [], 'run');
    return result.affectedRows;
  }

  private hash(email: string, code: string): string {
    return keyedHash(this.config.auth.otpSecret, `otp:${email}`, code);
  }

  private async secondsUntilResend(email: string): Promise<number> {
    const [row] = await this.em.execute<{ wait: number }[]>(
      `SELECT ceil(extract(epoch FROM created_at + make_interval(secs => ?) - now()))::int AS wait FROM auth_otp_codes WHERE email = ?`,
      [RESEND_AFTER_SECONDS, email],
    );
    return Math.max(1, row?.wait ?? 1);
  }
}
