/**
 * A frontend's first calls through a client generated from the API document (docs/openapi.md):
 *
 *   npx openapi-typescript http://localhost:3000/docs-json -o api.d.ts
 *   npm install openapi-fetch
 *
 * then this program, typed by that file: logs in with the code from the e-mail, names the user,
 * lists the courses, opens the outline of the course the user is enrolled in, sends a player
 * heartbeat, and, as a reporting job with an API key, reads a report as JSON and downloads it as
 * CSV. Run it with `API=http://localhost:3000 EMAIL=… API_KEY=cpk_… node openapi-client.js` (it
 * asks for the code). test/openapi-client.e2e-spec.ts type-checks it against the app's live
 * document and runs it against the app.
 */
import createClient from 'openapi-fetch';
import { createInterface } from 'node:readline/promises';
import type { components, paths } from './api.js';

type ErrorResponse = components['schemas']['ErrorResponseDto'];

const baseUrl = process.env.API ?? 'http://localhost:3000';
const email = process.env.EMAIL ?? 'ann@example.com';
const apiKey = process.env.API_KEY;

/** The API's error shape, said in one line; `details` lists the fields a request got wrong. */
function explain(error: ErrorResponse): string {
  const fields = Array.isArray(error.details) ? error.details.map((d) => d.field).join(', ') : '';
  return `${error.statusCode} ${error.error}: ${error.message}${fields ? ` (${fields})` : ''}`;
}

function must<T>(answer: { data?: T; error?: ErrorResponse }, what: string): T {
  if (answer.data === undefined)
    throw new Error(`${what}: ${answer.error ? explain(answer.error) : 'no answer'}`);
  return answer.data;
}

const client = createClient<paths>({ baseUrl });

// 1. Log in: a code by e-mail, then the code for a token pair.
must(await client.POST('/auth/otp/request', { body: { email } }), 'request a code');
const prompt = createInterface({ input: process.stdin, output: process.stdout });
const code = (await prompt.question('Login code from the e-mail: ')).trim();
prompt.close();
const login = must(await client.POST('/auth/otp/verify', { body: { email, code } }), 'log in');
client.use({
  onRequest({ request }) {
    request.headers.set('Authorization', `Bearer ${login.accessToken}`);
    return request;
  },
});
console.log(`logged in as ${login.user.email} (${login.user.role})`);

// 2. A profile field that may be null.
const me = must(await client.PATCH('/users/me', { body: { name: 'Ann Lee' } }), 'name me');
const name: string | null = me.name;
console.log(`name: ${name ?? '(none)'}`);

// 3. The catalog, and the outline of a course I am enrolled in.
const catalog = must(
  await client.GET('/courses', { params: { query: { sort: 'title', pageSize: 50 } } }),
  'list courses',
);
console.log(`courses: ${catalog.total}`);
const [mine] = must(await client.GET('/me/courses'), 'my courses');
if (!mine) throw new Error('not enrolled in any course');
const outline = must(
  await client.GET('/courses/{courseId}', { params: { path: { courseId: mine.courseId } } }),
  'open the course',
);
const thumbnail: string | null = outline.thumbnail;
const video = [...outline.modules.flatMap((m) => m.topics), ...outline.topics]
  .flatMap((t) => t.classes)
  .find((c) => c.contentType === 'video');
if (!video) throw new Error(`no video class in ${outline.title}`);
console.log(`outline: ${outline.title}, ${outline.classCount} classes, thumbnail ${thumbnail ?? 'none'}`);

// 4. The player's heartbeat.
const progress = must(
  await client.PUT('/progress/classes/{classId}', {
    params: { path: { classId: video.id } },
    body: { watchedSeconds: 15, lastPosition: 15 },
  }),
  'send a heartbeat',
);
console.log(`heartbeat: ${progress.watchedSeconds} s watched, resume at ${progress.lastPosition ?? 0} s`);

// 5. A reporting job: its own client, with an API key instead of a login.
if (apiKey) {
  // Reports answer JSON or CSV: 'application/json' types `data` as the JSON report (CSV is asked
  // for with `parseAs: 'text'`, typed as text).
  const reports = createClient<paths, 'application/json'>({
    baseUrl,
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  const today = new Date().toISOString().slice(0, 10);
  const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
  const query = { from: weekAgo, to: today, courseId: mine.courseId, limit: 10 };
  const top = must(
    await reports.GET('/analytics/reports/content/top-classes', { params: { query } }),
    'read a report',
  );
  const filters: { courseId?: string; limit: number } = top.filters;
  console.log(`report: ${top.rows.length} rows, filters ${JSON.stringify(filters)}`);
  const csv = must(
    await reports.GET('/analytics/reports/content/top-classes', {
      params: { query },
      headers: { Accept: 'text/csv' },
      parseAs: 'text',
    }),
    'download a report as CSV',
  );
  console.log(`csv: ${csv.split('\n')[0]}`);
  const refused = await reports.GET('/analytics/reports/content/top-classes', {
    params: { query: { ...query, from: today, to: weekAgo } },
  });
  console.log(`refused: ${refused.error ? explain(refused.error) : 'no'}`);
}
