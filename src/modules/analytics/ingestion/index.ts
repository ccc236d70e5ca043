/**
 * The ingestion subsystem: validates event batches and writes them (the fast HTTP route, the
 * batched writer). What the rest of the code may use; everything else in this folder is its own
 * (eslint-rules/module-boundaries.js).
 */
export type { EventRow } from './event-row.js';
export { MAX_LATENESS_MS, validateEventBatch } from './event-validator.js';
export { EventWriter } from './event-writer.js';
export { ingestRouteErrors, installIngestRoute } from './ingest-route.js';
