/**
 * The enrolments, as a read-only SQL relation other modules may put in their own statements
 * (progress reports count learners against enrolments in one query). One row per (user, course).
 * Consumers may rely on these columns only:
 * - `user_id` text: the enrolled user
 * - `course_id` text: the course
 * - `granted_at` timestamptz: when the enrolment was granted (the current one, after a re-grant)
 * Schema-qualified, so a temp table named `course_access` cannot stand in.
 */
export function enrolmentsRelation(): string {
  return '(SELECT user_id, course_id, granted_at FROM public.course_access)';
}

/**
 * Enrolments per course and UTC day, as a read-only SQL relation (kept by triggers on the
 * enrolments: sql/triggers/course-enrolment-days.sql), for reports that count enrolments in a
 * range without reading each one. Columns: `course_id` text, `day` date (UTC day of `granted_at`),
 * `enrolled` int (may be 0 after revocations).
 */
export function enrolmentDaysRelation(): string {
  return '(SELECT course_id, day, enrolled FROM public.course_enrolment_days)';
}
