import { describe, expect, it } from '@jest/globals';
import { UTM_KEYS, utmFromPage, type EventRow } from './event-row.js';

/** What utmFromPage did with URLSearchParams for every query: the reference. */
function withUrlSearchParams(page: string, preset: Partial<EventRow> = {}): Partial<EventRow> {
  const row: Partial<EventRow> = { ...preset };
  const start = page.indexOf('?');
  if (!page.includes('utm_') || start < 0) return row;
  const end = page.indexOf('#', start);
  const params = new URLSearchParams(page.slice(start + 1, end < 0 ? undefined : end));
  for (const key of UTM_KEYS) {
    const value = params.get(key)?.trim();
    if (row[key] === undefined && value) row[key] = value.slice(0, 256);
  }
  return row;
}

describe('utmFromPage', () => {
  it('reads UTM parameters as URLSearchParams does, with or without anything to decode', () => {
    const pages = [
      '/courses?utm_source=google&utm_medium=cpc&utm_campaign=spring',
      '/?utm_source=newsletter&utm_medium=email#utm_campaign=fragment',
      '/?utm_source=&utm_source=second&utm_medium= padded &utm_term',
      '/?utm_source=a=b&&utm_content=x&utm_medium=1&utm_medium=2',
      '/?UTM_SOURCE=upper&utm_source%3Dx=y&utm_campaign=caf%C3%A9+cr%C3%A8me',
      '/?utm_source=%E0%A4%A&utm_medium=%zz&utm_term=a+b',
      '/?utm_source=über&utm_medium=✓&utm_content=' + 'x'.repeat(300),
      '/?x=1&utm_campaign=late',
      '/page#?utm_source=hash-only',
      '/no-query/utm_source',
    ];
    for (const page of pages) {
      for (const preset of [{}, { utm_source: 'explicit' }]) {
        const row = { id: '', event_type: 'x', platform: 'web', timestamp: '', page, ...preset } as EventRow;
        utmFromPage(row);
        const { page: _page, id: _id, event_type: _t, platform: _p, timestamp: _ts, ...utm } = row;
        expect([page, utm]).toEqual([page, withUrlSearchParams(page, preset)]);
      }
    }
  });
});
