import { Resource as MikroOrmResource } from '@adminjs/mikroorm';
import { raw, Utils, wrap, type EntityClass, type EntityMetadata, type MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BaseRecord,
  flat,
  ValidationError,
  type ActionContext,
  type CurrentAdmin,
  type Filter,
  type ParamsType,
} from 'adminjs';
import { Logger } from '@nestjs/common';
import { BackOfficeProperty, type FieldSpec } from './backoffice-property.js';
import { buildWhere, type FilterOptions, type Where } from './filters.js';
import { coerceParams } from './param-coercion.js';
import { toValidationError } from './write-errors.js';
import { readPreferringReplica } from '../../../infra/database/replica-fallback.js';
import { defined, firstRow } from '../../../common/assert/defined.js';

export interface WriteContext {
  /** The unit of work of this write (a fork): rules query through it, the resource flushes it. */
  em: EntityManager;
  entity: object;
  isNew: boolean;
  /** The typed values the form sent (already assigned to the entity). */
  changes: Record<string, unknown>;
  /** Values before the change (empty for a new record). */
  previous: Record<string, unknown>;
  admin: CurrentAdmin | undefined;
}

/** What a resource does beyond plain CRUD; every field optional. */
export interface ResourceBehaviour {
  /** Our rules that need the database (ordering, consistency): after the values are set, before the flush. */
  beforeWrite?(ctx: WriteContext): Promise<void>;
  /**
   * Replace the plain create and update: the write goes through the owning module's service
   * (catalog: under the course lock), which answers the new record's id; the form then shows the
   * record as stored.
   */
  create?(changes: Record<string, unknown>, admin: CurrentAdmin | undefined): Promise<string>;
  update?(
    id: string,
    changes: Record<string, unknown>,
    previous: Record<string, unknown>,
    admin: CurrentAdmin | undefined,
  ): Promise<void>;
  /** Replaces the plain delete (users: through UsersService, so its rules apply). */
  delete?(id: string, admin: CurrentAdmin | undefined): Promise<void>;
  /** Lists are restricted to recent rows unless the filter names this property. */
  recentWindow?: { property: string; days: number };
  /** Counts stop at this many rows, so a list never counts a huge table. */
  countCap?: number;
  /**
   * List pages (count and find) read from the read replica when DATABASE_REPLICA_URL is set:
   * tables no back-office action writes, so no one misses their own write (show pages stay on
   * the primary).
   */
  listFromReplica?: boolean;
  filters?: FilterOptions;
  /** Extra fields that are not columns (filter-only fields such as "classes by course"). */
  virtualFields?: FieldSpec[];
  /** Fields whose values come from a fixed list (filters match them exactly). */
  enumFields?: string[];
  /** Fields that may be left blank: `beforeWrite` or the service fills them in. */
  autoFields?: string[];
  /**
   * Plain id columns that name a row of another resource (an aggregate's `courseId`): shown as that
   * row's title with a link, filtered by picking one. Columns the table lacks are ignored.
   */
  references?: Readonly<Record<string, string>>;
}

export interface BackOfficeResourceArgs {
  model: EntityClass<object>;
  orm: MikroORM;
  behaviour?: ResourceBehaviour;
  /**
   * The fields a form may write (the resource's `editProperties`). AdminJS only uses that list to
   * draw the form and passes every field of a request on, so without it a hand-made request could
   * write any column (a subscription's `createdBy`, a chosen id for a new row). Other fields sent are
   * ignored, as the form sends the whole record back. Absent: every editable column.
   */
  writable?: readonly string[];
}

const COMPOSITE_ID = 'recordId';

/**
 * The adapter's resource declares its own (unexported) Property class; AdminJS itself only needs a
 * BaseProperty, which ours is. Typed through the adapter's signature at this one place.
 */
type AdapterProperty = ReturnType<MikroOrmResource['properties']>[number];
const asAdapterProperty = (property: BackOfficeProperty) => property as unknown as AdapterProperty;

/**
 * The MikroORM adapter's resource with the gaps we hit closed: resource ids are table names,
 * `text[]` and `jsonb` are handled, writes are typed and validated and report every database or
 * rule error on the form, text filters are case-insensitive, large tables are counted with a cap
 * and listed within a recent window, and composite primary keys get one string id.
 */
export class BackOfficeResource extends MikroOrmResource {
  private readonly logger = new Logger(BackOfficeResource.name);
  private readonly ormRef: MikroORM;
  private readonly entityClass: EntityClass<object>;
  private readonly meta: EntityMetadata;
  private readonly behaviour: ResourceBehaviour;
  private readonly fields: Map<string, BackOfficeProperty>;
  private readonly compositeKey: boolean;
  private readonly writable: ReadonlySet<string> | null;
  private readonly arrayKey: boolean;

  constructor(args: BackOfficeResourceArgs) {
    super({ model: args.model, orm: args.orm });
    this.ormRef = args.orm;
    this.entityClass = args.model;
    this.meta = args.orm.getMetadata().get(args.model.name);
    this.behaviour = args.behaviour ?? {};
    this.compositeKey = this.meta.primaryKeys.length > 1;
    this.arrayKey = this.meta.primaryKeys.some((pk) => isArrayColumn(this.meta, pk));
    this.fields = this.buildFields();
    this.writable = args.writable ? new Set(args.writable) : null;
  }

  static override isAdapterFor(): boolean {
    // Instances are passed to AdminJS ready-made; this class is never picked as an adapter.
    return false;
  }

  override id(): string {
    return this.meta.tableName;
  }

  override name(): string {
    return this.meta.tableName;
  }

  override properties(): AdapterProperty[] {
    return this.fieldList().map(asAdapterProperty);
  }

  override property(path: string): AdapterProperty {
    // AdminJS asks for unknown paths too (filters typed into a URL); it expects undefined then.
    const field = this.fields.get(path);
    return (field ? asAdapterProperty(field) : undefined) as AdapterProperty;
  }

  fieldList(): BackOfficeProperty[] {
    return [...this.fields.values()];
  }

  override build(params: Record<string, unknown>): BaseRecord {
    return new BaseRecord(flat.unflatten(params), this);
  }

  override count(filter: Filter): Promise<number> {
    return this.onListConnection((connectionType) => this.countOn(filter, connectionType));
  }

  private async countOn(filter: Filter, connectionType: 'read' | 'write'): Promise<number> {
    const em = this.fork();
    const where = this.whereOf(filter);
    const cap = this.behaviour.countCap;
    if (!cap) return em.count(this.entityClass, where, { connectionType });
    // Count at most cap+1 rows: as cheap on ten million rows as on ten thousand.
    const qb = em
      .createQueryBuilder(this.entityClass, undefined, connectionType)
      .select(raw('1'))
      .where(where)
      .limit(cap + 1);
    const capped = em
      .getKnex(connectionType)
      .raw('select count(*)::int as n from (?) as capped', [qb.getKnexQuery()]);
    return firstRow(
      await em.getConnection(connectionType).execute<{ n: number }[]>(capped),
      'the capped count',
    ).n;
  }

  /**
   * List pages that may use it read the replica ('read': the primary when there is none, or when
   * the replica cannot answer); the others, and every show page, read the primary.
   */
  private onListConnection<T>(work: (connectionType: 'read' | 'write') => Promise<T>): Promise<T> {
    return this.behaviour.listFromReplica ? readPreferringReplica(work, this.logger) : work('write');
  }

  override find(
    filter: Filter,
    params: {
      limit?: number;
      offset?: number;
      sort?: { sortBy?: string; direction?: 'asc' | 'desc' };
    } = {},
  ): Promise<BaseRecord[]> {
    return this.onListConnection((connectionType) => this.findOn(filter, params, connectionType));
  }

  private async findOn(
    filter: Filter,
    params: {
      limit?: number;
      offset?: number;
      sort?: { sortBy?: string; direction?: 'asc' | 'desc' };
    },
    connectionType: 'read' | 'write',
  ): Promise<BaseRecord[]> {
    const { limit = 10, offset = 0, sort = {} } = params;
    const orderBy: Record<string, 'asc' | 'desc'> = {};
    const sortField = sort.sortBy ? this.fields.get(sort.sortBy) : undefined;
    if (sortField && !sortField.spec.virtual && sort.sortBy)
      orderBy[sort.sortBy] = sort.direction === 'desc' ? 'desc' : 'asc';
    for (const pk of this.meta.primaryKeys) orderBy[pk] ??= 'asc'; // stable pages
    const rows = await this.rows(this.whereOf(filter), {
      orderBy,
      limit,
      offset,
      connectionType,
    });
    return rows.map((row) => new BaseRecord(this.toParams(row), this));
  }

  override async findOne(id: string | number): Promise<BaseRecord | null> {
    const where = this.whereOfId(String(id));
    if (!where) return null;
    const [row] = await this.rows(where, { limit: 1 });
    return row ? new BaseRecord(this.toParams(row), this) : null;
  }

  override async findMany(ids: (string | number)[]): Promise<BaseRecord[]> {
    const wheres = ids.map((id) => this.whereOfId(String(id))).filter((w): w is Where => w !== null);
    if (wheres.length === 0) return [];
    const rows = await this.rows({ $or: wheres }, {});
    return rows.map((row) => new BaseRecord(this.toParams(row), this));
  }

  /**
   * Entities, or plain rows (property names, JS values) for a table whose key has a `text[]`
   * member: MikroORM 6 flattens such a key into its identity-map hash and throws ("Could not
   * convert JS value … to type ArrayType") on every read. Those tables are read-only here.
   */
  private async rows(
    where: Where,
    options: {
      orderBy?: Record<string, 'asc' | 'desc'>;
      limit?: number;
      offset?: number;
      connectionType?: 'read' | 'write';
    },
  ): Promise<object[]> {
    const em = this.fork();
    if (!this.arrayKey) return em.find(this.entityClass, where, options);
    const qb = em
      .createQueryBuilder(this.entityClass, undefined, options.connectionType)
      .select('*')
      .where(where);
    if (options.orderBy) qb.orderBy(options.orderBy);
    if (options.limit !== undefined) qb.limit(options.limit);
    if (options.offset !== undefined) qb.offset(options.offset);
    return qb.execute('all', true);
  }

  override async create(params: Record<string, unknown>, context?: ActionContext): Promise<ParamsType> {
    const em = this.fork();
    const changes = this.coerce(params, true);
    const { create } = this.behaviour;
    if (create) return this.write(async () => this.stored(await create(changes, context?.currentAdmin)));
    return this.write(async () => {
      const entity = em.create(this.entityClass, changes);
      await this.behaviour.beforeWrite?.({
        em,
        entity,
        isNew: true,
        changes,
        previous: {},
        admin: context?.currentAdmin,
      });
      await em.flush();
      return this.toParams(entity);
    });
  }

  override async update(
    id: string | number,
    params: Record<string, unknown> = {},
    context?: ActionContext,
  ): Promise<ParamsType> {
    const em = this.fork();
    const where = this.whereOfId(String(id));
    const entity = where ? await em.findOne(this.entityClass, where) : null;
    if (!entity) throw new ValidationError({}, { message: 'The record no longer exists', type: 'not_found' });
    const changes = this.coerce(params, false);
    const { update } = this.behaviour;
    return this.write(async () => {
      const previous = wrap(entity).toObject() as Record<string, unknown>;
      if (update) {
        await update(String(id), changes, previous, context?.currentAdmin);
        return this.stored(String(id));
      }
      em.assign(entity, changes);
      await this.behaviour.beforeWrite?.({
        em,
        entity,
        isNew: false,
        changes,
        previous,
        admin: context?.currentAdmin,
      });
      await em.flush();
      return this.toParams(entity);
    });
  }

  override async delete(id: string | number, context?: ActionContext): Promise<void> {
    const where = this.whereOfId(String(id));
    if (!where) return;
    await this.write(async () => {
      if (this.behaviour.delete) await this.behaviour.delete(String(id), context?.currentAdmin);
      else await this.fork().nativeDelete(this.entityClass, where);
    });
  }

  /** The record as it is now in the database (after a write through a service). */
  private async stored(id: string): Promise<ParamsType> {
    const where = this.whereOfId(id);
    const entity = where ? await this.fork().findOne(this.entityClass, where) : null;
    if (!entity) throw new ValidationError({}, { message: 'The record no longer exists', type: 'not_found' });
    return this.toParams(entity);
  }

  /** The record's params as AdminJS expects them: flat, JSON columns as JSON text, one id field. */
  toParams(entity: object): ParamsType {
    const object = (Utils.isEntity(entity) ? wrap(entity).toObject() : entity) as Record<string, unknown>;
    const params: Record<string, unknown> = {};
    for (const field of this.fields.values()) {
      if (field.spec.virtual) continue;
      const value = object[field.name()];
      params[field.name()] =
        field.spec.json && value !== null && value !== undefined ? JSON.stringify(value, null, 2) : value;
    }
    if (this.compositeKey)
      params[COMPOSITE_ID] = encodeId(this.meta.primaryKeys.map((pk) => serializeKey(object[pk])));
    return flat.flatten(params);
  }

  private coerce(params: Record<string, unknown>, isNew: boolean): Record<string, unknown> {
    const writable = this.writable;
    const fields = writable ? this.fieldList().filter((f) => writable.has(f.name())) : this.fieldList();
    const { data, errors } = coerceParams(params, fields, {
      isNew,
      optional: new Set(this.behaviour.autoFields ?? []),
    });
    if (Object.keys(errors).length > 0) {
      throw new ValidationError(errors, {
        message: 'Some values are not valid',
        type: 'invalid',
      });
    }
    return data;
  }

  private async write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const validation = toValidationError(error, this.meta);
      if (validation) throw validation;
      throw error;
    }
  }

  private whereOf(filter: Filter | undefined): Where {
    const inputs = Object.values(filter?.filters ?? {}).map((f) => ({
      path: f.path,
      value: f.value,
      property: this.fields.get(f.path),
    }));
    const where = buildWhere(inputs, new Set(this.behaviour.enumFields ?? []), this.behaviour.filters);
    const window = this.behaviour.recentWindow;
    if (window && !inputs.some((f) => f.path === window.property)) {
      const since = new Date(Date.now() - window.days * 86_400_000);
      const recent = { [window.property]: { $gte: since } };
      return Object.keys(where).length ? { $and: [where, recent] } : recent;
    }
    return where;
  }

  private whereOfId(id: string): Where | null {
    if (!this.compositeKey)
      return { [defined(this.meta.primaryKeys[0], `${this.meta.className}'s key`)]: id };
    const values = decodeId(id);
    if (!values || values.length !== this.meta.primaryKeys.length) return null;
    return Object.fromEntries(
      this.meta.primaryKeys.map((pk, i) => {
        const value = defined(values[i], `the id's value of ${pk}`); // as many values as keys (checked above)
        // A `text[]` key member travels as its list and matches the whole list, in order.
        const isArray = isArrayColumn(this.meta, pk);
        if (isArray !== Array.isArray(value)) return [pk, { $in: [] }];
        if (Array.isArray(value)) return [pk, { $eq: value }];
        // PostgreSQL keeps microseconds, JavaScript dates milliseconds: a timestamp key matches
        // its whole millisecond (with the other key columns the row is still the only one).
        if (this.meta.properties[pk]?.runtimeType !== 'Date') return [pk, value];
        const at = new Date(value);
        return [pk, { $gte: at, $lt: new Date(at.getTime() + 1) }];
      }),
    );
  }

  private fork(): EntityManager {
    return this.ormRef.em.fork() as EntityManager;
  }

  private buildFields(): Map<string, BackOfficeProperty> {
    const fields = new Map<string, BackOfficeProperty>();
    const tableOf = (tableName: string) => tableName;
    let position = 0;
    for (const prop of this.meta.props) {
      if (prop.hidden || prop.persist === false) continue;
      if (!['scalar', 'm:1', '1:1'].includes(prop.kind)) continue;
      const field = BackOfficeProperty.fromColumn(prop, ++position, tableOf);
      const referenced = this.behaviour.references?.[prop.name];
      if (referenced && field.spec.type === 'string' && !field.spec.array) {
        field.spec.type = 'reference';
        field.spec.reference = referenced;
      }
      // With a composite key the one id is the synthetic `recordId`; the key columns stay visible.
      if (this.compositeKey) field.spec.isId = false;
      fields.set(field.name(), field);
    }
    if (this.compositeKey) {
      fields.set(
        COMPOSITE_ID,
        new BackOfficeProperty({
          name: COMPOSITE_ID,
          type: 'string',
          isId: true,
          hidden: true,
          sortable: false,
          position: 0,
        }),
      );
    }
    for (const spec of this.behaviour.virtualFields ?? []) {
      fields.set(
        spec.name,
        new BackOfficeProperty({
          ...spec,
          virtual: true,
          sortable: false,
          editable: false,
        }),
      );
    }
    return fields;
  }
}

const isArrayColumn = (meta: EntityMetadata, property: string): boolean =>
  (meta.properties[property]?.columnTypes?.[0] ?? '').endsWith('[]');

/** One member of a composite key as it travels in a record id: text, or a list for a `text[]` member. */
type KeyValue = string | string[];

function serializeKey(value: unknown): KeyValue {
  if (Array.isArray(value)) return value.map(String);
  return value instanceof Date ? value.toISOString() : String(value);
}

function encodeId(values: KeyValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const isKeyValue = (v: unknown): v is KeyValue =>
  typeof v === 'string' || (Array.isArray(v) && v.every((member) => typeof member === 'string'));

function decodeId(id: string): KeyValue[] | null {
  try {
    const values: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    return Array.isArray(values) && values.every(isKeyValue) ? values : null;
  } catch {
    return null;
  }
}
