import { Entity, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { createdAtColumn, timestamptz, updatedAtColumn, newId } from '../../../infra/database/base-columns.js';

@Entity({ tableName: 'users' })
export class User {
  /** Columns with defaults: optional when creating. */
  [OptionalProps]?: 'createdAt' | 'updatedAt';

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

  @Property(createdAtColumn())
  createdAt: Date = new Date();

  @Property(updatedAtColumn())
  updatedAt: Date = new Date();
}
