/**
 * `BODY_LIMIT` in bytes, as body-parser reads it (the `bytes` package: 1 kb = 1024 b, 1 mb = 1024
 * kb): `1mb` → 1048576. The value is validated at boot (`<n>b|kb|mb`, env.schema.ts); anything else
 * throws.
 */
export function bodyLimitBytes(limit: string): number {
  const [, digits, suffix] = /^(\d+)(b|kb|mb)$/i.exec(limit) ?? [];
  if (digits === undefined || suffix === undefined)
    throw new Error(`BODY_LIMIT must look like 100kb or 1mb, found ${JSON.stringify(limit)}`);
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[suffix.toLowerCase() as 'b' | 'kb' | 'mb'];
  return Number(digits) * unit;
}
