import type { Platform } from '../modules/analytics/index.js';
import type { Catalog } from './catalog.js';
import { DROP_OFF_STEPS, runLoginFunnel } from './login-funnel.js';
import { FRONTEND_ERRORS, acquisitionUtm, landingPageData } from './marketing.js';
import { rngFor, type Rng } from './random.js';
import { SessionWriter, type EventRow } from './session-writer.js';
import {
  DAY,
  HISTORY_DAYS,
  LAST_SESSION_START,
  SECOND,
  TIMELINE_START,
  dayOf,
  timeOfDay,
  type Timeline,
} from './timeline.js';

/** Visitors who only look at the catalogue, per day on average. */
const BROWSING_VISITS_PER_DAY = 20;

/*
 * Visits by people who never log in. Each gets its own PRNG stream keyed by its index, so the
 * number of learner visits (which decides how many failed logins there are) does not reshuffle
 * the browsing visits.
 */
export function simulateAnonymousVisits(
  catalog: Catalog,
  timeline: Timeline,
  loginVisits: readonly number[],
  sink: EventRow[],
): void {
  loginVisits.forEach((at, index) => failedLogins(catalog, timeline, at, index, sink));
  const visits = Math.round(BROWSING_VISITS_PER_DAY * HISTORY_DAYS);
  for (let index = 0; index < visits; index++) browsingVisit(catalog, timeline, index, sink);
}

/**
 * About one abandoned login per successful one, a few days around it, so the funnel keeps its shape
 * in every time window (traffic grows with the user base).
 */
function failedLogins(
  catalog: Catalog,
  timeline: Timeline,
  at: number,
  index: number,
  sink: EventRow[],
): void {
  const rng = rngFor(`anon-login:${index}`);
  const count = rng.weighted([
    [0, 20],
    [1, 60],
    [2, 20],
  ]);
  for (let attempt = 0; attempt < count; attempt++) {
    const start = visitStart(rng, at + rng.float(-3, 3) * DAY);
    const utm = acquisitionUtm(rng, 0.35);
    const w = new SessionWriter(
      { key: `anon-login-${index}-${attempt}`, start, platform: platform(rng), utm },
      timeline,
      sink,
    );
    if (rng.chance(0.6)) {
      w.view('/', { data: landingPageData(rng, utm) });
      if (rng.chance(0.3)) viewCourse(w, rng, catalog);
      w.wait(rng.int(5, 60) * SECOND);
      w.click('header_login', '/login');
    }
    runLoginFunnel(w, rng, { kind: 'dropped', lastStep: rng.weighted(DROP_OFF_STEPS) });
    if (rng.chance(0.03)) w.emit({ type: 'error_event', data: rng.weighted(FRONTEND_ERRORS) });
  }
}

/** Home page, the catalogue, a course page or two, then gone. */
function browsingVisit(catalog: Catalog, timeline: Timeline, index: number, sink: EventRow[]): void {
  const rng = rngFor(`anon-browse:${index}`);
  // Traffic grows over time, like sign-ups (see people.ts).
  const age = (1 - rng.next()) ** 1.15 * (LAST_SESSION_START - TIMELINE_START);
  const utm = acquisitionUtm(rng, 0.45);
  const w = new SessionWriter(
    {
      key: `anon-browse-${index}`,
      start: visitStart(rng, LAST_SESSION_START - age),
      platform: platform(rng),
      utm,
    },
    timeline,
    sink,
  );
  // Ad clicks usually land on a course page; everything else on the home page.
  if (utm && rng.chance(0.6)) viewCourse(w, rng, catalog);
  else w.view('/', { data: landingPageData(rng, utm) });
  if (rng.chance(0.65)) {
    w.wait(rng.int(5, 45) * SECOND);
    w.click('nav_courses', '/courses');
    w.view('/courses');
    for (let i = rng.weighted(VIEWED_COURSES); i > 0; i--) viewCourse(w, rng, catalog);
  }
  if (rng.chance(0.02)) w.emit({ type: 'error_event', data: rng.weighted(FRONTEND_ERRORS) });
}

const VIEWED_COURSES: readonly (readonly [number, number])[] = [
  [0, 25],
  [1, 45],
  [2, 20],
  [3, 10],
];

function viewCourse(w: SessionWriter, rng: Rng, catalog: Catalog): void {
  const course = rng.weighted(catalog.courses.map((c) => [c, c.popularity] as const));
  w.wait(rng.int(3, 30) * SECOND);
  w.view(`/courses/${course.id}`, { courseId: course.id });
  w.emit({ type: 'course_event', action: 'course_viewed', courseId: course.id });
  w.wait(rng.int(10, 150) * SECOND);
}

const platform = (rng: Rng): Platform => (rng.chance(0.15) ? 'mobile' : 'web');

/** A plausible hour on the day of `around`, kept inside the simulated history. */
function visitStart(rng: Rng, around: number): number {
  const day = dayOf(Math.max(TIMELINE_START, Math.min(around, LAST_SESSION_START)));
  return Math.min(day + timeOfDay(rng), LAST_SESSION_START);
}
