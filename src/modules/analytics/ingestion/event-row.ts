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
  const query = page.slice(start + 1, end < 0 ? undefined : end);
  if (query.includes('%') || query.includes('+')) {
    const params = new URLSearchParams(query);
    for (const key of UTM_KEYS) setUtm(row, key, params.get(key));
    return;
  }
  // Nothing to decode: URLSearchParams would read each `name=value` (or `name`) between `&`s as
  // written, and get() the first of a name. Splitting is cheaper than building it.
  let seen = 0; // a bit per UTM key met
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const bit = UTM_KEY_BITS.get(name);
    if (bit === undefined || seen & bit) continue;
    seen |= bit;
    setUtm(row, name as UtmKey, eq < 0 ? '' : pair.slice(eq + 1));
  }
}

const UTM_KEY_BITS: ReadonlyMap<string, number> = new Map(UTM_KEYS.map((key, i) => [key, 1 << i]));

function setUtm(row: EventRow, key: UtmKey, raw: string | null): void {
  const value = raw?.trim();
  if (row[key] === undefined && value) row[key] = value.slice(0, 256);
}
