import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { newId, toDate } from '../../../infra/database/base-columns.js';
import { RefreshToken } from '../entities/refresh-token.entity.js';
import { User } from '../entities/user.entity.js';
import { invalidRefreshToken } from '../users.errors.js';
import { keyedHash, sameHash } from './secret-hash.js';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export const JWT_ISSUER = 'course-platform';
export const JWT_AUDIENCE = 'course-platform-api';

/**
 * Access tokens are short-lived JWTs (id, e-mail, role, login session). Refresh tokens are opaque `<id>.<secret>`,
 * stored as a keyed hash, single use, grouped in a family per login.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new login session: a new refresh-token family. */
  async issueForLogin(user: User): Promise<IssuedTokens> {
    return this.issue(user, newId());
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already used means it leaked (or a
   * client misbehaves): the whole family is revoked and the caller must log in again.
   */
  async rotate(presented: string): Promise<{ user: User; tokens: IssuedTokens }> {
    const token = await this.find(presented);
    // The claim and its successor commit together: the claim's row lock makes a concurrent use of
    // the same token (on this instance or another) wait until the successor exists, so the family
    // revocation below reaches the successor too instead of missing a row inserted just after it.
    const tokens = await this.em.transactional(async (em) => {
      const claimed = await em.execute<{ affectedRows: number }>(
        `UPDATE auth_refresh_tokens SET used_at = now()
         WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
        [token.id],
        'run',
      );
      return claimed.affectedRows === 1 ? this.issue(token.user, token.family) : undefined;
    });
    if (!tokens) {
      // Neither revoked nor expired, yet not claimable: it was used before (or just now, by a
      // concurrent request). Either way the token is out there twice.
      if (!token.revokedAt && token.expiresAt > new Date()) await this.revokeFamily(token.family);
      throw invalidRefreshToken();
    }
    return { user: token.user, tokens };
  }

  /** Logout: ends the login session the token belongs to. */
  async revoke(presented: string): Promise<void> {
    const token = await this.find(presented);
    await this.revokeFamily(token.family);
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.em
      .getConnection()
      .execute(
        `UPDATE auth_refresh_tokens SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL`,
        [userId],
        'run',
      );
  }

  async lastLoginAt(userId: string): Promise<Date | null> {
    const [row] = await this.em
      .getConnection()
      .execute<{ at: string | null }[]>(
        `SELECT max(created_at) AS at FROM auth_refresh_tokens WHERE user_id = ?`,
        [userId],
      );
    return toDate(row?.at);
  }

  /** Tokens that can no longer be used are kept a week for the reuse check, then deleted. */
  async purgeExpired(): Promise<number> {
    const result = await this.em.getConnection().execute<{ affectedRows: number }>(
      `DELETE FROM auth_refresh_tokens WHERE expires_at < now() - interval '7 days'
           OR revoked_at < now() - interval '7 days'`,
      [],
      'run',
    );
    return result.affectedRows;
  }

  private async issue(user: User, family: string): Promise<IssuedTokens> {
    const secret = randomBytes(32).toString('base64url');
    const token = this.em.create(RefreshToken, {
      user,
      family,
      secretHash: this.hash(secret),
      expiresAt: new Date(Date.now() + this.config.auth.refreshTtlDays * 86_400_000),
    });
    await this.em.persistAndFlush(token);
    const claims: Omit<AuthUser, 'id'> & { sub: string; sid: string } = {
      sub: user.id,
      email: user.email,
      role: user.role,
      sid: family, // checked on every request (LoginSessions): ending the session ends the token
    };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.auth.accessTtlSeconds,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    return {
      accessToken,
      refreshToken: `${token.id}.${secret}`,
      expiresIn: this.config.auth.accessTtlSeconds,
    };
  }

  private async find(presented: string): Promise<RefreshToken> {
    const [id, secret] = presented.split('.');
    if (!id || !secret) throw invalidRefreshToken();
    const token = await this.em.findOne(RefreshToken, { id }, { populate: ['user'] });
    if (!token || !sameHash(token.secretHash, this.hash(secret))) throw invalidRefreshToken();
    return token;
  }

  private async revokeFamily(family: string): Promise<void> {
    await this.em
      .getConnection()
      .execute(
        `UPDATE auth_refresh_tokens SET revoked_at = now() WHERE family = ? AND revoked_at IS NULL`,
        [family],
        'run',
      );
  }

  private hash(secret: string): string {
    return keyedHash(this.config.auth.jwtSecret, 'refresh', secret);
  }
}
