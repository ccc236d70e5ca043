import { InvalidFieldError } from '../../common/errors/domain-error.js';
import type { ContentType } from './courses.constants.js';

/**
 * Rules of the catalog that hold for a single row, whoever writes it (REST API, back office):
 * checked in the entities' lifecycle hooks, so no write path can skip them.
 */

/** What each content type needs: a video its URL, a text lesson its Markdown, a contest its URL. */
const CONTENT_FIELD: Record<ContentType, 'videoUrl' | 'textContent' | 'contestUrl'> = {
  video: 'videoUrl',
  text: 'textContent',
  contest: 'contestUrl',
};

export interface ClassContent {
  contentType: ContentType | null;
  videoUrl: string | null;
  textContent: string | null;
  contestUrl: string | null;
}

export function assertClassContent(content: ClassContent): void {
  assertHttpUrl('videoUrl', content.videoUrl);
  assertHttpUrl('contestUrl', content.contestUrl);
  const needed = CONTENT_FIELD[content.contentType ?? 'video'];
  const value = content[needed];
  if (value === null || value.trim() === '') {
    throw new InvalidFieldError(
      needed,
      `${needed} is required for a ${content.contentType ?? 'video'} class`,
    );
  }
}

/** Absent, or an absolute http(s) URL. */
export function assertHttpUrl(field: string, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidFieldError(field, `${field} must be an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidFieldError(field, `${field} must be an http(s) URL`);
  }
}

export function assertNonNegativeInt(field: string, value: number | null | undefined): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 0)
    throw new InvalidFieldError(field, `${field} must be a whole number ≥ 0`);
}

/** Display order: 1, 2, 3, … within the parent. */
export function assertOrder(value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidFieldError('order', 'order must be a whole number ≥ 1');
}
