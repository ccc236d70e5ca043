// Server-made ids: what one costs to make, and what its shape costs the partitioned events table's
// primary key. Made: the app's time-ordered ids next to cuid2's createId (what the app used before)
// and crypto.randomUUID. Written: the same 2M events into analytics_events twice, in batches of 100
// over 4 connections (what ingestion's group commit does), once with time-ordered ids and once with
// random ids of the same length and alphabet; rows/s and WAL bytes of each, in the same run.
// Usage: npm run bench:ids  [BENCH_ID_ROWS=2000000]
import { createId } from '@paralleldrive/cuid2';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { newId } from '#dist/infra/database/ids.js';
import { fmt, migrate, printMachine, startDatabase, verdict } from './lib.mjs';

const ROWS = Number(process.env.BENCH_ID_ROWS ?? 2_000_000);
const BATCH = 100;
const CONNECTIONS = 4;
printMachine('bench:ids');

/**
 * @param {() => string} make
 * @param {number} count
 */
function microsPerId(make, count) {
  for (let i = 0; i < Math.min(count, 1000); i++) make(); // warm up
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) make();
  return Number(process.hrtime.bigint() - started) / 1e3 / count;
}
const made = {
  'newId (time-ordered)': microsPerId(newId, 200_000),
  'crypto.randomUUID': microsPerId(randomUUID, 200_000),
  'cuid2 createId': microsPerId(createId, 2_000),
};
console.log('\nmaking one id:');
for (const [name, us] of Object.entries(made))
  console.log(`  ${name.padEnd(22)} ${fmt(us, 2).padStart(8)} µs`);

const BASE32 = '0123456789abcdefghijklmnopqrstuv';
function randomId() {
  const bytes = randomBytes(23);
  let id = 'c';
  for (const b of bytes) id += BASE32[b & 31];
  return id;
}

const db = await startDatabase();
const orm = await migrate(db.url);
await orm.close();
const pool = new pg.Pool({ connectionString: db.url, max: CONNECTIONS });

/**
 * @param {string} label
 * @param {string[]} ids
 */
async function write(label, ids) {
  await pool.query('TRUNCATE analytics_events');
  await pool.query('CHECKPOINT');
  const walBefore = (await pool.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l;
  const now = new Date();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (;;) {
        const from = next;
        next += BATCH;
        if (from >= ids.length) return;
        await pool.query(
          `INSERT INTO analytics_events (id, event_type, page, session_id, "timestamp")
           SELECT id, 'we_page_load', '/courses', 'sess', $2 FROM unnest($1::text[]) AS id`,
          [ids.slice(from, from + BATCH), now],
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await pool.query(
    `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS wal,
            (SELECT sum(pg_relation_size(i.indexrelid)) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
              WHERE c.relname LIKE 'analytics_events_p%' AND i.indisprimary) AS pk`,
    [walBefore],
  );
  const result = { label, rate: ids.length / seconds, wal: Number(rows[0].wal), pk: Number(rows[0].pk) };
  console.log(
    `  ${label.padEnd(22)} ${fmt(result.rate).padStart(9)} rows/s   WAL ${fmt(result.wal / 2 ** 20).padStart(5)} MB   primary key ${fmt(result.pk / 2 ** 20).padStart(4)} MB`,
  );
  return result;
}

console.log(`\nwriting ${fmt(ROWS)} events, batches of ${BATCH} over ${CONNECTIONS} connections:`);
const ordered = Array.from({ length: ROWS }, () => newId());
const random = Array.from({ length: ROWS }, randomId);
const randomRun = await write('random ids', random);
const orderedRun = await write('time-ordered ids', ordered);
await pool.end();
await db.stop();

console.log('');
verdict('an id costs ≤ 5 µs to make', made['newId (time-ordered)'] <= 5);
verdict(
  'time-ordered ids write at least as fast as random ones (≥ 0.95×)',
  orderedRun.rate >= 0.95 * randomRun.rate,
);
