/**
 * Hostile requests built from an OpenAPI document: every operation, every path and query parameter,
 * every body property, each given values a scanner would send. Used by test/openapi-walk.e2e-spec.ts.
 */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
}

export interface WalkRequest {
  method: string;
  /** The URL, already encoded (it may carry raw bytes a client library would refuse to encode). */
  url: string;
  /** A raw JSON body (text, so it can carry what JSON.stringify would never produce). */
  body?: string;
  label: string;
}

const json = (value: unknown) => JSON.stringify(value);
const DEEP = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
const HUGE = 'x'.repeat(200_000);

/** Values for a text slot (path or query), URL-encoded by hand. */
export const URL_VALUES: Record<string, string> = {
  nul: 'a%00b',
  'lone surrogate (raw UTF-8 bytes)': '%ED%A0%80',
  'invalid percent-encoding': '%E0%A4%A',
  'huge string': 'y'.repeat(8_000),
  'SQL fragment': encodeURIComponent("' OR 1=1; DROP TABLE users; --"),
  'huge number': '99999999999999999999',
  'negative number': '-1',
  float: '1.5e308',
  'not a number': 'NaN',
  'date out of range': '99999-01-01',
  'path traversal': '..%2F..%2Fetc%2Fpasswd',
};

/** Raw JSON values for one body property. */
export const BODY_VALUES: Record<string, string> = {
  null: 'null',
  nul: json('a\u0000b'),
  'lone surrogate': '"\\ud800"',
  'huge string': json(HUGE),
  'deep nesting': DEEP,
  'wrong type: number': '12345678901234567890123',
  'wrong type: boolean': 'true',
  'wrong type: object': '{"$gt":""}',
  'wrong type: array': '["a",1,null]',
  'SQL fragment': json("'); DROP TABLE users; --"),
  'prototype key': '{"__proto__":{"admin":true}}',
  'object with NUL inside': '{"note":"a\\u0000b","list":["\\u0000"]}',
  'object with a lone surrogate key': '{"\\udc00":1}',
};

/** Whole bodies that are wrong as a whole. */
export const WHOLE_BODIES: Record<string, string> = {
  'array body': '[1,2,3]',
  'string body': '"x"',
  'deep body': DEEP,
  'unknown field': '{"notAField":1}',
  'proto field': '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}',
  'broken JSON': '{"a":',
};

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!]);
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(doc, s) ?? {});
    return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) };
  }
  return schema;
}

/** Every hostile request for every operation; `validIds` fills path parameters that are not under attack. */
export function hostileRequests(doc: OpenApiDocument, validId: (name: string) => string): WalkRequest[] {
  const out: WalkRequest[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const fill = (attacked?: string, value?: string) =>
        template.replace(/\{(\w+)\}/g, (_m, name: string) =>
          name === attacked ? value! : encodeURIComponent(validId(name)),
        );
      const base = fill();
      const bodySchema = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
      const validBody = bodySchema?.properties ? '{}' : undefined;
      const push = (url: string, label: string, body?: string) =>
        out.push({ method, url, body: body ?? (op.requestBody ? (validBody ?? '{}') : undefined), label });

      for (const name of pathParams)
        for (const [kind, value] of Object.entries(URL_VALUES))
          push(fill(name, value), `path ${name}: ${kind}`);
      for (const name of queryParams) {
        for (const [kind, value] of Object.entries(URL_VALUES))
          push(`${base}?${name}=${value}`, `query ${name}: ${kind}`);
        push(`${base}?${name}=a&${name}=b`, `query ${name}: repeated`);
        push(`${base}?${name}[x]=1`, `query ${name}: object`);
      }
      if (op.requestBody) {
        for (const [kind, body] of Object.entries(WHOLE_BODIES)) push(base, `body: ${kind}`, body);
        for (const name of Object.keys(bodySchema?.properties ?? {}))
          for (const [kind, value] of Object.entries(BODY_VALUES))
            push(base, `body ${name}: ${kind}`, `{${json(name)}:${value}}`);
      }
    }
  }
  return out;
}
