import type { BackOfficeProperty } from './backoffice-property.js';

/** A MikroORM `where` object built from AdminJS filters. */
export type Where = Record<string, unknown>;

export interface FilterInput {
  property: BackOfficeProperty | undefined;
  path: string;
  value: unknown;
}

/** Turns a filter on a virtual field into a condition on real columns (e.g. classes by course). */
export type VirtualFilter = (value: string) => Where;

export interface FilterOptions {
  virtualFilters?: Record<string, VirtualFilter>;
  /** Free-text filters on this field also match these fields (users: e-mail or name). */
  alsoSearch?: Record<string, string[]>;
}

/**
 * AdminJS filters → MikroORM where. Text matches case-insensitively anywhere in the value (the
 * stock adapter's `$like` is case-sensitive), ids, references and enum values match exactly,
 * numbers and booleans are parsed, dates take a from/to range. Filters on unknown fields and
 * values that cannot be parsed are ignored rather than answered with a 500.
 */
export function buildWhere(
  filters: FilterInput[],
  enumFields: ReadonlySet<string>,
  options: FilterOptions = {},
): Where {
  const and: Where[] = [];
  for (const { property, path, value } of filters) {
    const virtual = options.virtualFilters?.[path];
    if (virtual) {
      if (typeof value === 'string' && value !== '') and.push(virtual(value));
      continue;
    }
    if (!property || property.spec.virtual || value === undefined || value === null || value === '') continue;
    const condition = conditionFor(property, value, enumFields.has(path));
    if (condition === undefined) continue;
    const also = options.alsoSearch?.[path];
    if (also && typeof value === 'string') {
      and.push({
        $or: [{ [path]: condition }, ...also.map((other) => ({ [other]: condition }))],
      });
    } else {
      and.push({ [path]: condition });
    }
  }
  const [first, ...rest] = and;
  if (first === undefined) return {};
  return rest.length === 0 ? first : { $and: and };
}

function conditionFor(property: BackOfficeProperty, value: unknown, isEnum: boolean): unknown {
  const { spec } = property;
  if (spec.json) return undefined;
  if (spec.array) return typeof value === 'string' ? { $contains: [value] } : undefined;
  switch (spec.type) {
    case 'number':
    case 'float': {
      const n = Number(value);
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return value === 'true' || value === true
        ? true
        : value === 'false' || value === false
          ? false
          : undefined;
    case 'date':
    case 'datetime':
      return dateRange(value);
    case 'reference':
      return typeof value === 'string' ? value : undefined;
    default:
      if (typeof value !== 'string') return undefined;
      if (spec.isId || isEnum) return value;
      return { $ilike: `%${escapeLike(value)}%` };
  }
}

function dateRange(value: unknown): unknown {
  const range: Record<string, Date> = {};
  if (typeof value === 'object' && value !== null) {
    const { from, to } = value as { from?: unknown; to?: unknown };
    const start = parseDate(from);
    const end = parseDate(to);
    if (start) range.$gte = start;
    if (end) range.$lte = end;
  } else {
    // A single day given as text: that whole day.
    const day = parseDate(value);
    if (day) {
      range.$gte = day;
      range.$lt = new Date(day.getTime() + 86_400_000);
    }
  }
  return Object.keys(range).length ? range : undefined;
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
