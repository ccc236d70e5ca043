import { InvalidFieldError } from '../../common/errors/domain-error.js';
import type { ContentType } from './courses.constants.js';

export interface ClassContent {
  contentType: ContentType | null;
  videoUrl: string | null;
  textContent: string | null;
  contestUrl: string | null;
}

const REQUIRED_FIELD: Record<ContentType, keyof ClassContent> = {
  video: 'videoUrl',
  text: 'textContent',
  contest: 'contestUrl',
};

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}

/**
 * A class carries the content its type needs: a video its `videoUrl`, a text class its
 * `textContent`, a contest its `contestUrl`; every URL is http(s). Checked wherever a class is
 * written (API and back office), through the entity's lifecycle hooks.
 */
export function assertClassContent(content: ClassContent): void {
  const type = content.contentType ?? 'video';
  const required = REQUIRED_FIELD[type];
  const value = content[required];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidFieldError(required, `a ${type} class needs ${required}`);
  }
  for (const field of ['videoUrl', 'contestUrl'] as const) {
    const url = content[field];
    if (url !== null && url !== undefined && !isHttpUrl(url)) {
      throw new InvalidFieldError(field, `${field} must be an http(s) URL`);
    }
  }
}
