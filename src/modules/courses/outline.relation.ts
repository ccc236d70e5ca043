/**
 * The course outline, one row per class with its place in the tree, as a read-only SQL relation
 * other modules may put in their own statements (progress measures watched classes against the
 * course's current classes in one query). Consumers may rely on these columns only:
 * - `class_id` text, `topic_id` text, `module_id` text (null: the topic hangs off the course), `course_id` text
 * - `content_type` text (null is read as 'video'), `duration` integer (seconds)
 * A LEFT JOIN, though every class has a topic (`topic_id` is NOT NULL, a foreign key), so that
 * PostgreSQL drops the join to `topics` from statements that read class columns only.
 * Schema-qualified, so temp tables named like ours cannot stand in.
 */
export function outlineRelation(): string {
  return `(SELECT k.id AS class_id, k.topic_id, t.module_id, t.course_id, k.content_type, k.duration
    FROM public.classes k LEFT JOIN public.topics t ON t.id = k.topic_id)`;
}
