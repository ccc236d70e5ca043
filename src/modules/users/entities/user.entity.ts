import {
  Entity,
  Enum,
  EntityRepositoryType,
  Index,
  PrimaryKey,
  Property,
  OptionalProps,
} from '@mikro-orm/core';
import { ROLES, type Role } from '../../../common/auth/auth-user.js';
import { UserRepository } from '../users.repository.js';
import {
  createdAtColumn,
  timestamptz,
  updatedAtColumn,
  newId,
} from '../../../infra/database/base-columns.js';

@Entity({ tableName: 'users', repository: () => UserRepository })
export class User {
  [EntityRepositoryType]?: UserRepository;

  /** Columns with defaults: optional when creating. */
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'role';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  /** Stored lower-cased and trimmed so the unique index is effectively case-insensitive. */
  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text', nullable: true })
  name: string | null = null;

  @Property(timestamptz({ nullable: true }))
  emailVerified: Date | null = null;

  @Property({ type: 'text', nullable: true })
  image: string | null = null;

  /** Not in the spec's column list: added by the identity migration (text + check constraint `users_role_check`). */
  @Enum({ items: () => [...ROLES], default: 'student' })
  role: Role = 'student';

  /** argon2id; only staff and admins have one (for the back office). Never serialised. */
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  passwordHash: string | null = null;

  /** Indexed for the reports (registrations in a date range). */
  @Index()
  @Property(createdAtColumn())
  createdAt: Date = new Date();

  @Property(updatedAtColumn())
  updatedAt: Date = new Date();
}
