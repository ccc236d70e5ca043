import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  API_KEY_SCOPES,
  type ApiKeyAuthenticator,
  type ApiKeyDenial,
  type ApiKeyPrincipal,
  type ApiKeyScope,
} from '../../../common/auth/api-key.js';
import { InvalidFieldError } from '../../../common/errors/domain-error.js';
import { RateLimitedError } from '../../../common/errors/rate-limited.error.js';
import { AuditService } from '../../../infra/audit/index.js';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { newId, toDate } from '../../../infra/database/base-columns.js';
import { RateLimitService } from '../../../infra/rate-limit/rate-limit.service.js';
import { apiKeyNotFound } from '../users.errors.js';
import { apiKeyPrefix, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format.js';

export interface NewApiKey {
  name: string;
  scopes: string[];
  expiresInDays?: number | null;
}

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdById: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Who made or revoked a key: an account, or nobody (the command line). */
export type ApiKeyActor = { id: string; email: string } | null;

/** How often the last-used times gathered in memory are written (and at shutdown). */
const LAST_USED_FLUSH_MS = 30_000;

/**
 * API keys for reporting jobs: made and revoked here (back office, `npm run api-key:create`),
 * checked on every request that presents one. A use reads the key's row, so a revocation holds at
 * once on every instance; last-used times are gathered per instance and written in one statement
 * every 30 s, not once per request.
 */
@Injectable()
export class ApiKeysService implements ApiKeyAuthenticator, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeysService.name);
  private readonly lastUsed = new Map<string, Date>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly limits: RateLimitService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flushLastUsed(), LAST_USED_FLUSH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flushLastUsed();
  }

  /** Makes a key; the key itself is in the answer only, never stored. */
  async create(input: NewApiKey, actor: ApiKeyActor): Promise<{ key: string; id: string; prefix: string }> {
    const { name, scopes, expiresAt } = validate(input);
    const key = generateApiKey();
    const id = newId();
    const prefix = apiKeyPrefix(key);
    await this.em.execute(
      `INSERT INTO api_keys (id, name, prefix, key_hash, scopes, created_by_id, expires_at)
       VALUES (?, ?, ?, ?, ARRAY(SELECT jsonb_array_elements_text(?::jsonb)), ?, ?)`,
      [id, name, prefix, hashApiKey(key), JSON.stringify(scopes), actor?.id ?? null, expiresAt],
      'run',
    );
    await this.audit.record({
      action: 'api_key.created',
      actor,
      target: { type: 'api_key', id },
      details: { name, prefix, scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { key, id, prefix };
  }

  /** Revokes a key at once (idempotent: revoking a revoked key changes nothing). */
  async revoke(id: string, actor: ApiKeyActor): Promise<void> {
    const [revoked] = await this.em.execute<{ prefix: string }[]>(
      `UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL RETURNING prefix`,
      [id],
    );
    if (!revoked) {
      const [known] = await this.em.execute<{ id: string }[]>(`SELECT id FROM api_keys WHERE id = ?`, [id]);
      if (!known) throw apiKeyNotFound(id);
      return;
    }
    await this.audit.record({
      action: 'api_key.revoked',
      actor,
      target: { type: 'api_key', id },
      details: { prefix: revoked.prefix },
    });
  }

  /** Every key, newest first, without its hash. */
  async list(): Promise<ApiKeySummary[]> {
    const rows = await this.em.execute<(ApiKeySummary & Record<string, unknown>)[]>(
      `SELECT id, name, prefix, scopes, created_by_id AS "createdById", created_at AS "createdAt",
              last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
       FROM api_keys ORDER BY created_at DESC, id DESC`,
    );
    return rows.map((r) => ({
      ...r,
      createdAt: toDate(r.createdAt)!,
      lastUsedAt: toDate(r.lastUsedAt),
      expiresAt: toDate(r.expiresAt),
      revokedAt: toDate(r.revokedAt),
    }));
  }

  async authenticate(key: string): Promise<ApiKeyPrincipal | ApiKeyDenial> {
    if (!isWellFormedApiKey(key)) return 'unknown';
    const [row] = await this.em.execute<
      { id: string; name: string; scopes: ApiKeyScope[]; revoked: boolean; expired: boolean }[]
    >(
      `SELECT id, name, scopes, revoked_at IS NOT NULL AS revoked, coalesce(expires_at <= now(), false) AS expired
       FROM api_keys WHERE key_hash = ?`,
      [hashApiKey(key)],
    );
    if (!row) return 'unknown';
    if (row.revoked) return 'revoked';
    if (row.expired) return 'expired';
    await this.limits.consume({
      key: `api-key:${row.id}`,
      limit: this.config.auth.apiKeyRateLimitPerMinute,
      windowSeconds: 60,
    });
    this.lastUsed.set(row.id, new Date());
    return { id: row.id, name: row.name, scopes: row.scopes };
  }

  /** Records a refused use, at most once a minute per key and reason (a flood stays one line). */
  async denied(key: string, reason: ApiKeyDenial, request: { method: string; path: string; ip?: string }) {
    const prefix = apiKeyPrefix(key);
    try {
      await this.limits.consume({ key: `api-key-denied:${prefix}:${reason}`, limit: 1, windowSeconds: 60 });
    } catch (error) {
      if (error instanceof RateLimitedError) return;
      throw error;
    }
    const [row] = await this.em.execute<{ id: string }[]>(`SELECT id FROM api_keys WHERE key_hash = ?`, [
      hashApiKey(key),
    ]);
    await this.audit.record({
      action: 'api_key.denied',
      target: { type: 'api_key', id: row?.id ?? null },
      details: { prefix, reason, method: request.method, path: request.path },
      ip: request.ip ?? null,
    });
  }

  /** Writes the last-used times gathered since the last flush (each instance its own; latest wins). */
  async flushLastUsed(): Promise<void> {
    if (this.lastUsed.size === 0) return;
    const used = [...this.lastUsed];
    this.lastUsed.clear();
    try {
      await this.em.fork().execute(
        `UPDATE api_keys k SET last_used_at = greatest(coalesce(k.last_used_at, v.at), v.at)
         FROM jsonb_to_recordset(?::jsonb) AS v(id text, at timestamptz) WHERE k.id = v.id`,
        [JSON.stringify(used.map(([id, at]) => ({ id, at })))],
        'run',
      );
    } catch (error) {
      for (const [id, at] of used) if (!this.lastUsed.has(id)) this.lastUsed.set(id, at);
      this.logger.warn(`could not record API key use: ${(error as Error).message}`);
    }
  }
}

function validate(input: NewApiKey): { name: string; scopes: ApiKeyScope[]; expiresAt: Date | null } {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const hasControl = [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (name.length < 1 || name.length > 100 || hasControl)
    throw new InvalidFieldError('name', 'name must be 1 to 100 characters, without control characters');
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0 || !scopes.every((s) => (API_KEY_SCOPES as readonly string[]).includes(s)))
    throw new InvalidFieldError('scopes', `scopes must be one or more of: ${API_KEY_SCOPES.join(', ')}`);
  const days = input.expiresInDays;
  if (days !== undefined && days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3650))
    throw new InvalidFieldError(
      'expiresInDays',
      'expiresInDays must be a whole number of days from 1 to 3650',
    );
  const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
  return { name, scopes: scopes as ApiKeyScope[], expiresAt };
}
