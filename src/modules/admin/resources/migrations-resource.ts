import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BaseRecord, BaseResource, ValidationError, type Filter, type ParamsType } from 'adminjs';
import { BackOfficeProperty } from './backoffice-property.js';

/** The migrator's own table: which migrations ran, and when. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

interface MigrationRow {
  id: number;
  name: string;
  executedAt: Date | null;
}

const FIELDS = [
  new BackOfficeProperty({ name: 'id', type: 'number', isId: true, sortable: true, position: 0 }),
  new BackOfficeProperty({ name: 'name', type: 'string', sortable: true, position: 1 }),
  new BackOfficeProperty({ name: 'executedAt', type: 'datetime', sortable: true, position: 2 }),
];
const SORTABLE: Record<string, string> = { id: 'id', name: 'name', executedAt: 'executed_at' };

/**
 * `mikro_orm_migrations` in the back office, read-only. The table belongs to the migrator, not to
 * any entity (an entity would put it under the schema generator's control), so this resource reads
 * it with plain SQL. Writes are refused here as well as by the actions: history is not edited.
 */
export class MigrationsResource extends BaseResource {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  static override isAdapterFor(): boolean {
    return false;
  }

  override databaseName(): string {
    return 'postgresql';
  }

  override databaseType(): string {
    return 'postgresql';
  }

  override id(): string {
    return MIGRATIONS_TABLE;
  }

  override properties(): BackOfficeProperty[] {
    return FIELDS;
  }

  override property(path: string): BackOfficeProperty | null {
    return FIELDS.find((field) => field.name() === path) ?? null;
  }

  override async count(filter: Filter): Promise<number> {
    const [clause, params] = whereOf(filter);
    const rows = await this.execute<{ n: number }>(
      `select count(*)::int as n from ${MIGRATIONS_TABLE} ${clause}`,
      params,
    );
    return rows[0]?.n ?? 0;
  }

  override async find(
    filter: Filter,
    options: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } },
  ): Promise<BaseRecord[]> {
    const [clause, params] = whereOf(filter);
    const column = SORTABLE[options.sort?.sortBy ?? ''] ?? 'id';
    const direction = options.sort?.direction === 'asc' ? 'asc' : 'desc';
    const rows = await this.execute<MigrationRow>(
      `${SELECT} ${clause} order by ${column} ${direction}, id ${direction} limit ? offset ?`,
      [...params, options.limit ?? 10, options.offset ?? 0],
    );
    return rows.map((row) => this.record(row));
  }

  override async findOne(id: string): Promise<BaseRecord | null> {
    const [first] = await this.findMany([id]);
    return first ?? null;
  }

  override async findMany(ids: (string | number)[]): Promise<BaseRecord[]> {
    const numeric = ids.map(Number).filter((n) => Number.isSafeInteger(n));
    if (numeric.length === 0) return [];
    // A PostgreSQL array literal: the query builder would spread a JS array into a list of values.
    const rows = await this.execute<MigrationRow>(`${SELECT} where id = any(?::int[])`, [
      `{${numeric.join(',')}}`,
    ]);
    return rows.map((row) => this.record(row));
  }

  override build(params: Record<string, unknown>): BaseRecord {
    return new BaseRecord(params, this);
  }

  override create(): Promise<ParamsType> {
    return refuse();
  }

  override update(): Promise<ParamsType> {
    return refuse();
  }

  override delete(): Promise<void> {
    return refuse();
  }

  private record(row: MigrationRow): BaseRecord {
    return new BaseRecord({ id: row.id, name: row.name, executedAt: row.executedAt }, this);
  }

  private execute<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (this.orm.em.fork() as EntityManager).getConnection().execute<T[]>(sql, params);
  }
}

const SELECT = `select id, name, executed_at as "executedAt" from ${MIGRATIONS_TABLE}`;

/** Only the name is filterable (a case-insensitive substring): the table has a few dozen rows. */
function whereOf(filter: Filter | undefined): [string, unknown[]] {
  const value = filter?.filters?.name?.value;
  if (typeof value !== 'string' || value.trim() === '') return ['', []];
  return [`where name ilike '%' || ? || '%'`, [value.replace(/[\\%_]/g, (c) => `\\${c}`)]];
}

function refuse(): Promise<never> {
  return Promise.reject(
    new ValidationError({}, { message: 'The migration history is read-only', type: 'read_only' }),
  );
}
