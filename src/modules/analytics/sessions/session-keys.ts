import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';

/**
 * Analytics sessions are issued by the server: `{ sessionId, sessionKey }`, the key a keyed HMAC of
 * the id. Stateless (nothing stored; the key is never written to events). A login links a session's
 * anonymous events only when the client shows the key: session ids are visible in raw events
 * (back office, analysts), so knowing one must not be enough to take its events over.
 */
@Injectable()
export class SessionKeys {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A subkey of the token secret, for this use only: no extra secret to configure and rotate.
    this.key = createHmac('sha256', config.auth.jwtSecret).update('analytics-session-key/v1').digest();
  }

  issue(): { sessionId: string; sessionKey: string } {
    const sessionId = randomUUID();
    return { sessionId, sessionKey: this.sign(sessionId) };
  }

  /** Constant-time: whether `sessionKey` is the key this server issued for `sessionId`. */
  verify(sessionId: string, sessionKey: string | null | undefined): boolean {
    if (!sessionKey) return false;
    const expected = Buffer.from(this.sign(sessionId));
    const given = Buffer.from(sessionKey);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(sessionId: string): string {
    return createHmac('sha256', this.key).update(sessionId).digest('base64url');
  }
}
