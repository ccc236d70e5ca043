import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SPEC_QUERIES } from './fixtures/spec-queries.js';

const SPEC = readFileSync(new URL('../docs/spec/course-platform-database.md', import.meta.url), 'utf8');

/**
 * The database spec ships in the repository (docs/spec/), and the queries the tests run verbatim
 * are the ones it prints: a fixture edited away from the spec, or a spec copy that drifted, fails.
 */
describe('the shipped spec', () => {
  it.each(SPEC_QUERIES.map((q) => [q.name, q.sql]))(
    'prints query %s exactly as the tests run it',
    (_name, sql) => {
      expect(SPEC).toContain(sql.trim());
    },
  );
});
