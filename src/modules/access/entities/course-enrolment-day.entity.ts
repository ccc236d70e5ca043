import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Course } from '../../courses/entities/course.entity.js';

/**
 * Enrolments per course and UTC day they were granted, kept by database triggers on
 * `course_access` on every write (API, back office, imports, cascades), for the reports. Never
 * written by the app. The triggers: `src/modules/access/sql/triggers/course-enrolment-days.sql`.
 */
@Entity({ tableName: 'course_enrolment_days' })
export class CourseEnrolmentDay {
  [PrimaryKeyProp]?: ['course', 'day'];

  @ManyToOne(() => Course, { primary: true, deleteRule: 'cascade' })
  course!: Course;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'integer' })
  enrolled!: number;
}
