import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { FieldProblem } from '../../common/errors/domain-error.js';
import { RequestValidationError } from '../../common/validation/validation.js';

/** Deeper JSON than any request of ours needs; recursive code (validation, serialisers) is safe below it. */
export const MAX_JSON_DEPTH = 32;

/**
 * The first thing in a parsed request value that must not go further: a string (or object key)
 * with a NUL character or a lone UTF-16 surrogate — PostgreSQL refuses both in text and jsonb, so
 * they would fail as a 500 deep inside a query — or nesting deeper than `MAX_JSON_DEPTH`, which
 * recursive code would overflow the stack on. Iterative, so the check itself cannot overflow.
 * `field` names where, in the validation errors' style (`events.3.customData.note`).
 */
export function findInputProblem(
  value: unknown,
  field: string,
  maxDepth = MAX_JSON_DEPTH,
): FieldProblem | undefined {
  const stack: [unknown, string, number][] = [[value, field, 0]];
  while (stack.length > 0) {
    const [current, at, depth] = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { field: at || 'body', messages: [`${at || 'body'} ${problem}`] };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth)
      return { field: at || 'body', messages: [`JSON nested deeper than ${maxDepth} levels`] };
    for (const key of Object.keys(current)) {
      const path = at ? `${at}.${key}` : key;
      const keyProblem = textProblem(key);
      if (keyProblem) return { field: path, messages: [`a field name ${keyProblem}`] };
      stack.push([(current as Record<string, unknown>)[key], path, depth + 1]);
    }
  }
  return undefined;
}

/** `String.prototype.isWellFormed` (Node.js ≥ 20; TypeScript types it from lib ES2024 on). */
type WellFormedCheck = string & { isWellFormed(): boolean };

/** Why PostgreSQL would refuse this text (NUL, lone surrogate), or undefined. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (!(text as WellFormedCheck).isWellFormed())
    return 'must be well-formed Unicode (a lone surrogate such as \\ud800 is not)';
  return undefined;
}

/**
 * Runs before the validation pipe on every body, query and path parameter of every Nest route: a
 * bad value is a 400 naming the field, before any DTO transformation or query sees it. (Event
 * ingestion, served ahead of Nest, runs `findInputProblem` in its own validator.)
 */
@Injectable()
export class HostileInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problem = findInputProblem(value, metadata.data ?? '');
    if (problem) throw new RequestValidationError([problem]);
    return value;
  }
}
