import { flat } from 'adminjs';
import type { BackOfficeProperty } from './backoffice-property.js';

export interface FieldError {
  message: string;
  type: string;
}

export interface CoercedParams {
  data: Record<string, unknown>;
  errors: Record<string, FieldError>;
}

/**
 * The values of a back-office form (flattened, mostly strings) → typed entity data. Only fields the
 * form sent and that may be written are kept. Each bad value becomes an error on its field, so the
 * form shows all of them at once: numbers must parse (whole numbers for integer columns), dates
 * must parse, JSON must parse (and keeps its types), required fields must not be blank, a list of
 * strings drops blank entries.
 */
export function coerceParams(
  params: Record<string, unknown>,
  properties: readonly BackOfficeProperty[],
  { isNew, optional = new Set() }: { isNew: boolean; optional?: ReadonlySet<string> },
): CoercedParams {
  const input = flat.unflatten(params) as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  const errors: Record<string, FieldError> = {};
  for (const property of properties) {
    const name = property.name();
    if (!(name in input) || property.spec.virtual) continue;
    if (!property.isEditable() && !(isNew && property.isId() && input[name] !== '' && input[name] != null))
      continue;
    const value = input[name];
    // Left blank on purpose: the write rules fill it in (e.g. the next display order).
    if (
      optional.has(name) &&
      (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
    )
      continue;
    const result = coerce(property, value);
    if ('error' in result) errors[name] = { message: result.error, type: 'invalid' };
    else data[name] = result.value;
  }
  return { data, errors };
}

type Result = { value: unknown } | { error: string };

function coerce(property: BackOfficeProperty, raw: unknown): Result {
  const { spec } = property;
  const label = spec.name;
  const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
  if (spec.array) return coerceList(raw);
  if (spec.json) return coerceJson(raw, spec.nullable ?? false, label);
  if (blank) {
    if (spec.type === 'boolean' && !spec.nullable) return { value: false };
    if (spec.nullable) return { value: null };
    return { error: `${label} is required` };
  }
  switch (spec.type) {
    case 'number':
    case 'float': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(n)) return { error: `${label} must be a number` };
      if (spec.type === 'number' && !Number.isInteger(n)) return { error: `${label} must be a whole number` };
      const max = spec.maxMagnitude;
      if (max !== undefined && Math.abs(n) > max)
        return { error: `${label} must be between -${max} and ${max}` };
      return { value: n };
    }
    case 'boolean':
      if (raw === true || raw === 'true') return { value: true };
      if (raw === false || raw === 'false') return { value: false };
      return { error: `${label} must be true or false` };
    case 'date':
    case 'datetime': {
      const date = raw instanceof Date ? raw : new Date(String(raw));
      if (Number.isNaN(date.getTime())) return { error: `${label} must be a date` };
      return {
        value: spec.type === 'date' ? date.toISOString().slice(0, 10) : date,
      };
    }
    default:
      if (typeof raw !== 'string') return { error: `${label} must be text` };
      return { value: raw };
  }
}

function coerceList(raw: unknown): Result {
  if (raw === undefined || raw === null || raw === '') return { value: [] };
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : null;
  if (!items || items.some((item) => typeof item !== 'string')) return { error: 'must be a list of texts' };
  return {
    value: (items as string[]).map((item) => item.trim()).filter((item) => item !== ''),
  };
}

function coerceJson(raw: unknown, nullable: boolean, label: string): Result {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return nullable ? { value: null } : { error: `${label} is required` };
  }
  if (typeof raw !== 'string') return { error: `${label} must be sent as JSON text` };
  try {
    return { value: JSON.parse(raw) };
  } catch (error) {
    return {
      error: `${label} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
