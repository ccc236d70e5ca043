import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('.', import.meta.url));

describe('migrations', () => {
  it('import nothing but MikroORM and each other: what they run is frozen in their own files', () => {
    const imports = readdirSync(DIR)
      .filter((file) => /^Migration\d+.*\.ts$/.test(file))
      .flatMap((file) =>
        [...readFileSync(`${DIR}/${file}`, 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => ({
          file,
          from: m[1],
        })),
      );
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter(({ from }) => from !== '@mikro-orm/migrations')).toEqual([]);
  });
});
