import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ApiKeyScope } from '../../../common/auth/api-key.js';
import { createdAtColumn, newId, timestamptz } from '../../../infra/database/base-columns.js';
import { User } from '../entities/user.entity.js';

/**
 * A key for a program (a reporting job), not a person. Only a SHA-256 hash of the key is stored:
 * the key itself is shown once, when it is made. `prefix` (the first characters) tells keys apart
 * in lists and logs. A revoked or expired key is refused at once, on every instance (each use
 * reads this table).
 */
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt' | 'expiresAt' | 'revokedAt' | 'createdBy';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'text', hidden: true, unique: true })
  keyHash!: string;

  @Property({ type: 'text[]' })
  scopes!: ApiKeyScope[];

  /** Who made it (an admin in the back office; null from the command line, or once they are deleted). */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: User | null = null;

  @Property(createdAtColumn())
  createdAt: Date = new Date();

  @Property(timestamptz({ nullable: true }))
  lastUsedAt: Date | null = null;

  @Property(timestamptz({ nullable: true }))
  expiresAt: Date | null = null;

  @Property(timestamptz({ nullable: true }))
  revokedAt: Date | null = null;
}
