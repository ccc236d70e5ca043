import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { createdAtColumn, timestamptz } from '../../../infra/database/base-columns.js';

/**
 * The one live login code of an e-mail address (a new request replaces it). Only a keyed hash of the
 * code is stored. `attempts` counts every verification try, so the code dies after the limit.
 */
@Entity({ tableName: 'auth_otp_codes' })
export class OtpCode {
  [OptionalProps]?: 'attempts' | 'createdAt';

  @PrimaryKey({ type: 'text' })
  email!: string;

  @Property({ type: 'text', hidden: true })
  codeHash!: string;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property(timestamptz())
  expiresAt!: Date;

  @Property(createdAtColumn())
  createdAt: Date = new Date();
}
