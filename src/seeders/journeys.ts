import type { Platform } from '../modules/analytics/index.js';
import type { Catalog, CatalogCourse } from './catalog.js';
import { classPath, takeClass, type ProgressDraft } from './learning-steps.js';
import { runLoginFunnel } from './login-funnel.js';
import { FRONTEND_ERRORS, acquisitionUtm, landingPageData, retentionUtm, type Utm } from './marketing.js';
import type { UserProfile } from './people.js';
import { rngFor, stableId, type Rng } from './random.js';
import { SessionWriter, type EventRow, type SignedInUser } from './session-writer.js';
import { DAY, LAST_SESSION_START, MINUTE, SECOND, dayOf, timeOfDay, type Timeline } from './timeline.js';
import { defined } from '../common/assert/defined.js';

/*
 * Simulates each learner's visits from sign-up to churn (or today). The same pass produces the
 * enrolments, the progress rows and the analytics events, so they tell one consistent story: a
 * class_completed event exists exactly when the progress row says completed, at the same time.
 */

export interface EnrolmentDraft {
  readonly id: string;
  readonly userId: string;
  readonly courseId: string;
  readonly grantedAt: number;
}

export interface Learner {
  readonly profile: UserProfile;
  /** Virtual time of the sign-up visit's login_success: the account is created by the first login. */
  readonly createdAt: number;
}

export interface JourneyResults {
  readonly learners: Learner[];
  readonly enrolments: EnrolmentDraft[];
  readonly progress: ProgressDraft[];
  readonly events: EventRow[];
  /** Start of every visit that logged in through the funnel (anonymous-visits.ts adds the failures). */
  readonly loginVisits: number[];
}

interface Persona {
  readonly lifetimeDays: readonly [number, number];
  readonly meanGapDays: number;
  readonly classesPerVisit: readonly [number, number];
  /** Chance of giving up on the course before each class: the drop-off along the outline. */
  readonly abandonPerClass: number;
}

const PERSONAS: readonly (readonly [Persona, number])[] = [
  // Signs up, looks around, rarely comes back.
  [{ lifetimeDays: [0.2, 12], meanGapDays: 2.5, classesPerVisit: [1, 2], abandonPerClass: 0.12 }, 30],
  // Learns on and off for a few weeks.
  [{ lifetimeDays: [14, 120], meanGapDays: 2.5, classesPerVisit: [1, 3], abandonPerClass: 0.04 }, 42],
  // Comes back every day or two and finishes what they start.
  [{ lifetimeDays: [60, 240], meanGapDays: 1.3, classesPerVisit: [2, 5], abandonPerClass: 0.012 }, 28],
];

/** How many courses a learner enrols in; 12% never enrol and only browse. */
const ENROLMENT_COUNTS: readonly (readonly [number, number])[] = [
  [0, 12],
  [1, 40],
  [2, 30],
  [3, 18],
];

/** Past this, a visit ends after the current class. */
const MAX_VISIT_LENGTH = 70 * MINUTE;
/** Share of unfinished classes a learner leaves behind to move on to the next one. */
const SKIP_UNFINISHED = 0.45;
/** Share of returning visits that go through the login form (the others have a live session cookie). */
const RELOGIN_SHARE = 0.3;

interface CourseRun {
  readonly course: CatalogCourse;
  next: number;
  done: boolean;
  abandoned: boolean;
}

export function simulateJourneys(
  profiles: readonly UserProfile[],
  catalog: Catalog,
  timeline: Timeline,
): JourneyResults {
  const results: JourneyResults = { learners: [], enrolments: [], progress: [], events: [], loginVisits: [] };
  for (const profile of profiles) new Journey(profile, catalog, timeline, results).run();
  return results;
}

class Journey {
  private readonly rng: Rng;
  private readonly persona: Persona;
  private readonly user: SignedInUser;
  private readonly planned: CatalogCourse[];
  private readonly runs: CourseRun[] = [];
  private readonly progress = new Map<string, ProgressDraft>();
  /** Some people learn mostly on their phone. */
  private readonly mobileShare: number;

  constructor(
    private readonly profile: UserProfile,
    private readonly catalog: Catalog,
    private readonly timeline: Timeline,
    private readonly results: JourneyResults,
  ) {
    this.rng = rngFor(`journey:${profile.index}`);
    this.persona = this.rng.weighted(PERSONAS);
    this.user = { id: profile.id, email: profile.email };
    const byPopularity = catalog.courses.map((course) => [course, course.popularity] as const);
    this.planned = this.rng.weightedSample(byPopularity, this.rng.weighted(ENROLMENT_COUNTS));
    this.mobileShare = this.rng.chance(0.2) ? 0.7 : 0.05;
  }

  run(): void {
    const { rng, persona } = this;
    let start = this.profile.firstVisitAt;
    const churnAt = Math.min(start + rng.float(...persona.lifetimeDays) * DAY, LAST_SESSION_START);
    let createdAt = start;
    for (let visit = 0; visit === 0 || start < churnAt; visit++) {
      const w = this.writer(visit, start, visit === 0 ? acquisitionUtm(rng, 0.55) : retentionUtm(rng, 0.12));
      if (visit === 0) createdAt = this.signUpVisit(w);
      else this.returningVisit(w);
      if (rng.chance(0.03)) w.emit({ type: 'error_event', data: rng.weighted(FRONTEND_ERRORS) });
      // Someone with nothing left to learn drifts away: any visit may be the last.
      if (this.nothingLeft() && rng.chance(0.3)) break;
      start = nextVisitStart(rng, w.now, persona.meanGapDays);
    }
    this.results.learners.push({ profile: this.profile, createdAt });
    this.results.progress.push(...this.progress.values());
  }

  private writer(visit: number, start: number, utm: Utm | null): SessionWriter {
    const platform: Platform = this.rng.chance(this.mobileShare) ? 'mobile' : 'web';
    return new SessionWriter(
      { key: `u${this.profile.index}-v${visit}`, start, platform, utm },
      this.timeline,
      this.results.events,
    );
  }

  /** Lands anonymously, logs in for the first time (creating the account), enrols and starts learning. */
  private signUpVisit(w: SessionWriter): number {
    const { rng } = this;
    const firstCourse = defined(this.planned[0] ?? this.catalog.courses[0], 'a course in the catalog');
    const landing = rng.chance(0.4) ? `/courses/${firstCourse.id}` : '/';
    if (landing === '/') w.view('/', { data: landingPageData(rng, w.utm) });
    else this.viewCourse(w, firstCourse);
    if (rng.chance(0.4)) this.browse(w, rng.int(1, 2));
    w.wait(rng.int(10, 90) * SECOND);
    w.click('header_login', '/login');
    const loggedInAt = this.login(w, true, landing);
    const [plannedFirst] = this.planned;
    if (plannedFirst) {
      this.enrol(w, plannedFirst);
      this.learn(w, defined(this.runs[0], 'the run enrol() just started'));
    } else {
      this.browse(w, rng.int(1, 3));
    }
    return loggedInAt;
  }

  private returningVisit(w: SessionWriter): void {
    const { rng } = this;
    if (rng.chance(RELOGIN_SHARE)) {
      // Half start from the home page; the others open /login directly (the funnel's first view).
      if (rng.chance(0.5)) {
        w.view('/');
        w.wait(rng.int(3, 30) * SECOND);
        w.click('header_login', '/login');
      }
      this.login(w, false, '/courses');
    } else {
      // Still signed in (session cookie): back via the home page or straight to a bookmarked course.
      // Only fresh logins are redirected to /dashboard, which keeps the spec's login funnel (query 6,
      // which counts every session that loads /dashboard) meaningful.
      w.signIn(this.user);
      const current = this.active()[0];
      if (current && rng.chance(0.4)) this.viewCourse(w, current.course);
      else w.view('/');
    }
    const next = this.planned[this.runs.length];
    if (next && (this.active().length === 0 || rng.chance(0.1))) this.enrol(w, next);
    const active = this.active();
    const [oldest] = active;
    if (oldest) this.learn(w, active.length > 1 && rng.chance(0.3) ? rng.pick(active) : oldest);
    if (active.length === 0 || rng.chance(0.15)) this.browse(w, rng.int(1, 3));
  }

  private login(w: SessionWriter, newUser: boolean, returnTo: string): number {
    this.results.loginVisits.push(w.now);
    const outcome = {
      kind: 'success',
      user: this.user,
      newUser,
      reachDashboard: this.rng.chance(0.96),
      returnTo,
    } as const;
    // A success outcome always reaches login_success, so the fallback is never used.
    return runLoginFunnel(w, this.rng, outcome) ?? w.now;
  }

  private viewCourse(w: SessionWriter, course: CatalogCourse): void {
    w.view(`/courses/${course.id}`, { courseId: course.id });
    w.emit({ type: 'course_event', action: 'course_viewed', courseId: course.id });
    w.wait(this.rng.int(15, 120) * SECOND);
  }

  /** Looks through the catalogue, popular courses more often. */
  private browse(w: SessionWriter, courses: number): void {
    w.view('/courses');
    w.wait(this.rng.int(5, 40) * SECOND);
    const weights = this.catalog.courses.map((course) => [course, course.popularity] as const);
    for (const course of this.rng.weightedSample(weights, courses)) this.viewCourse(w, course);
  }

  private enrol(w: SessionWriter, course: CatalogCourse): void {
    if (w.page !== `/courses/${course.id}`) this.viewCourse(w, course);
    w.click('enroll_now', `/courses/${course.id}`, { courseId: course.id });
    this.results.enrolments.push({
      id: stableId(`access:${this.profile.index}:${course.id}`),
      userId: this.user.id,
      courseId: course.id,
      grantedAt: w.now,
    });
    this.runs.push({ course, next: 0, done: false, abandoned: false });
  }

  /** Works through the course's classes in order, a few per visit, possibly giving up on the way. */
  private learn(w: SessionWriter, run: CourseRun): void {
    const { rng, persona } = this;
    const { classes } = run.course;
    // A run that is not done has a next class (`done` is set when `next` reaches the end).
    const classAt = (n: number) => defined(classes[n], `class ${n} of ${run.course.id}`);
    if (w.page !== `/courses/${run.course.id}`) this.viewCourse(w, run.course);
    w.click(run.next === 0 ? 'start_course' : 'continue_learning', classPath(classAt(run.next)), {
      courseId: run.course.id,
    });
    let budget = rng.int(...persona.classesPerVisit);
    while (budget-- > 0 && w.elapsed < MAX_VISIT_LENGTH) {
      const cls = classAt(run.next);
      if (rng.chance(persona.abandonPerClass)) {
        // Gives up on the course for good: most still open the class and stop part-way.
        run.abandoned = true;
        if (rng.chance(0.7)) this.takeClass(w, cls, true);
        return;
      }
      if (!this.takeClass(w, cls, false) && !rng.chance(SKIP_UNFINISHED)) return; // resumes next visit
      run.next++;
      if (run.next === classes.length) {
        run.done = true;
        return;
      }
      if (budget > 0) {
        w.wait(rng.int(5, 40) * SECOND);
        w.click('next_class', classPath(classAt(run.next)), { courseId: run.course.id });
      }
    }
  }

  private takeClass(w: SessionWriter, cls: CatalogCourse['classes'][number], quitting: boolean): boolean {
    let row = this.progress.get(cls.id);
    if (!row) {
      row = {
        id: stableId(`progress:${this.profile.index}:${cls.id}`),
        userId: this.user.id,
        classId: cls.id,
        contentType: cls.contentType,
        duration: cls.duration,
        watchedDuration: 0,
        lastPosition: null,
        isCompleted: false,
        lastWatchedAt: w.now,
        completedAt: null,
      };
      this.progress.set(cls.id, row);
    }
    return takeClass(w, this.rng, cls, row, quitting);
  }

  private active(): CourseRun[] {
    return this.runs.filter((run) => !run.done && !run.abandoned);
  }

  private nothingLeft(): boolean {
    return this.runs.length === this.planned.length && this.active().length === 0;
  }
}

/** Next visit: an exponential gap in days, at a plausible hour, never overlapping the last one. */
export function nextVisitStart(rng: Rng, previousEnd: number, meanGapDays: number): number {
  const day = dayOf(previousEnd + rng.exponential(meanGapDays) * DAY);
  const start = day + timeOfDay(rng);
  const earliest = previousEnd + 30 * MINUTE;
  return start > earliest ? start : earliest + rng.int(0, 3 * 60) * MINUTE;
}
