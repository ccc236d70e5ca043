import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { timestamptz } from '../../../infra/database/base-columns.js';

/**
 * One row: a random version that database triggers replace in every transaction writing the
 * catalog (courses, modules, topics, classes), whoever writes it. The reports' outline index is
 * cached per process under it. Never written by the app. The triggers:
 * `src/modules/courses/sql/triggers/catalog-version.sql`.
 */
@Entity({ tableName: 'catalog_version' })
export class CatalogVersion {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  version!: string;

  @Property({ ...timestamptz(), defaultRaw: 'now()' })
  changedAt!: Date;
}
