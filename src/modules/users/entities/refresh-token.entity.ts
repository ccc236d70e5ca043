import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { createdAtColumn, newId, timestamptz } from '../../../infra/database/base-columns.js';
import { User } from './user.entity.js';

/**
 * One refresh token of a login session. Tokens are rotated on every use: the used one is marked
 * `usedAt` and a new one joins the same `family`. Presenting a used token again means it leaked, so
 * the whole family is revoked. Only a keyed hash of the token's secret is stored.
 */
@Entity({ tableName: 'auth_refresh_tokens' })
export class RefreshToken {
  [OptionalProps]?: 'createdAt' | 'usedAt' | 'revokedAt';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @Index()
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Index()
  @Property({ type: 'text' })
  family!: string;

  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  @Index()
  @Property(timestamptz())
  expiresAt!: Date;

  @Property(timestamptz({ nullable: true }))
  usedAt: Date | null = null;

  @Property(timestamptz({ nullable: true }))
  revokedAt: Date | null = null;

  @Property(createdAtColumn())
  createdAt: Date = new Date();
}
