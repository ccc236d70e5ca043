/**
 * One event as the writer sends it to PostgreSQL: the `analytics_events` columns by name, absent
 * values left out (JSON drops them; `json_to_recordset` reads them as NULL). `client_id` marks an
 * id the client chose, which is checked against `analytics_event_ids` so a retry is not stored twice.
 */
export interface EventRow {
  id: string;
  client_id?: true;
  user_id?: string;
  session_id?: string;
  event_type: string;
  event_action?: string;
  button_name?: string;
  page?: string;
  destination?: string;
  course_id?: string;
  class_id?: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
  platform: string;
  is_logged_in?: true;
  user_email?: string;
  custom_data?: Record<string, unknown>;
  /** ISO 8601, UTC. */
  timestamp: string;
}

export type UtmKey = 'utm_source' | 'utm_medium' | 'utm_campaign' | 'utm_term' | 'utm_content';
export const UTM_KEYS: readonly UtmKey[] = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
];

/** Fills the UTM fields that are not set from the query string of `page` (`/x?utm_source=…`). */
export function utmFromPage(row: EventRow): void {
  const page = row.page;
  if (!page || !page.includes('utm_')) return;
  const start = page.indexOf('?');
  if (start < 0) return;
  const end = page.indexOf('#', start);
  const params = new URLSearchParams(page.slice(start + 1, end < 0 ? undefined : end));
  for (const key of UTM_KEYS) {
    const value = params.get(key)?.trim();
    if (row[key] === undefined && value) row[key] = value.slice(0, 256);
  }
}
