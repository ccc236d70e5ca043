import { ReferenceKind, type EntityProperty } from '@mikro-orm/core';
import { BaseProperty, type PropertyType } from 'adminjs';

/** What the back office needs to know about one column (or one virtual field) of a resource. */
export interface FieldSpec {
  name: string;
  type: PropertyType;
  /** JSON column (`jsonb`): travels as JSON text in record params, parsed again on write. */
  json?: boolean;
  /** `text[]`: a list of strings. */
  array?: boolean;
  /** The resource id (table name) a many-to-one points at. */
  reference?: string | null;
  isId?: boolean;
  required?: boolean;
  nullable?: boolean;
  editable?: boolean;
  sortable?: boolean;
  /** Not a column: a filter-only field. */
  virtual?: boolean;
  /** Never shown (the synthetic id of a composite key). */
  hidden?: boolean;
  /** Integer columns: the largest magnitude the column holds (int4: 2³¹−1), so a bigger one is a field error. */
  maxMagnitude?: number;
  position?: number;
}

/**
 * One field of a back-office resource, in place of the MikroORM adapter's `Property`, answering from a `FieldSpec` we derive ourselves. That
 * closes the stock adapter's gaps: `text[]` is a list of strings (the adapter logs "Unhandled type:
 * ArrayType" and shows it blank) and `jsonb` is JSON text (the adapter maps it to `mixed`, whose
 * key-value editor turns numbers into strings).
 */
export class BackOfficeProperty extends BaseProperty {
  constructor(readonly spec: FieldSpec) {
    super({
      path: spec.name,
      type: spec.type,
      isId: spec.isId,
      isSortable: spec.sortable,
      position: spec.position ?? 0,
    });
  }

  static fromColumn(
    prop: EntityProperty,
    position: number,
    referenceId: (tableName: string) => string,
  ): BackOfficeProperty {
    const columnType = (prop.columnTypes?.[0] ?? '').toLowerCase();
    const isReference = prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE;
    const json = columnType === 'jsonb' || columnType === 'json';
    const array = columnType.endsWith('[]');
    const spec: FieldSpec = {
      name: prop.name,
      type: isReference
        ? 'reference'
        : json
          ? 'textarea'
          : array
            ? 'string'
            : scalarType(columnType, String(prop.type)),
      json,
      array,
      reference: isReference && prop.targetMeta ? referenceId(prop.targetMeta.tableName) : null,
      isId: Boolean(prop.primary),
      nullable: Boolean(prop.nullable),
      // Required on the form: NOT NULL without a default (the database or the entity fills the rest).
      required:
        !prop.nullable && prop.default === undefined && prop.defaultRaw === undefined && !prop.primary,
      editable: !prop.primary && prop.name !== 'createdAt' && prop.name !== 'updatedAt' && !prop.onUpdate,
      sortable: !array && !json,
      position,
      maxMagnitude: integerMax(columnType || String(prop.type).toLowerCase()),
    };
    return new BackOfficeProperty(spec);
  }

  override name(): string {
    return this.spec.name;
  }

  override path(): string {
    return this.spec.name;
  }

  override type(): PropertyType {
    return this.spec.type;
  }

  override isArray(): boolean {
    return Boolean(this.spec.array);
  }

  override isId(): boolean {
    return Boolean(this.spec.isId);
  }

  override isEditable(): boolean {
    return this.spec.editable ?? false;
  }

  override isRequired(): boolean {
    return Boolean(this.spec.required);
  }

  override isSortable(): boolean {
    return this.spec.sortable ?? false;
  }

  isEnum(): boolean {
    return false;
  }

  override availableValues(): null {
    // Enum values are declared in the resource options (from the domain's constants).
    return null;
  }

  override reference(): string | null {
    return this.spec.reference ?? null;
  }

  override position(): number {
    return this.spec.position ?? 0;
  }

  override isVisible(): boolean {
    return !this.spec.virtual && !this.spec.hidden;
  }
}

function integerMax(type: string): number | undefined {
  if (/^(smallint|int2)\b/.test(type)) return 32_767;
  if (/^(bigint|int8|bigserial)\b/.test(type)) return Number.MAX_SAFE_INTEGER;
  if (/^(int|integer|int4|serial)\b/.test(type)) return 2_147_483_647;
  return undefined;
}

function scalarType(columnType: string, mikroType: string): PropertyType {
  const type = columnType || mikroType.toLowerCase();
  if (/^(int|integer|smallint|bigint|int2|int4|int8|serial)/.test(type)) return 'number';
  if (/^(numeric|decimal|real|double|float)/.test(type)) return 'float';
  if (/^bool/.test(type)) return 'boolean';
  if (type === 'date') return 'date';
  if (/^(timestamp|datetime)/.test(type)) return 'datetime';
  return 'string';
}
