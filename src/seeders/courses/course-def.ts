import type { ContentType, CourseLevel, CourseType } from '../../modules/courses/index.js';

/*
 * Shape of the demo catalogue, one file per course in this folder. catalog.ts turns it into rows
 * (ids, orders, URLs, Markdown), so the course files only say *what* is taught. Class lengths are
 * in minutes here; the rows store seconds.
 */

export interface ClassDef {
  readonly kind: ContentType;
  readonly title: string;
  readonly minutes: number;
}

export interface TopicDef {
  readonly title: string;
  /** Bullet points for the Markdown of text classes; defaults to the module's learning outcomes. */
  readonly notes?: readonly string[];
  readonly classes: readonly ClassDef[];
}

export interface ModuleDef {
  readonly title: string;
  readonly description: string;
  readonly outcomes: readonly string[];
  readonly topics: readonly TopicDef[];
}

export interface CourseDef {
  /** Stable key: ids are derived from it, so never rename an existing slug. */
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly instructor: string;
  readonly level: CourseLevel;
  readonly type: CourseType;
  /** How long ago the course was published. */
  readonly ageDays: number;
  /** Relative share of enrolments. */
  readonly popularity: number;
  readonly videoHost: 'youtube' | 'vimeo';
  /** Code block shown in the course's text lessons. */
  readonly snippet: { readonly language: string; readonly code: string };
  /** Topics attached to the course itself (`module_id` is null), before or after the modules. */
  readonly topicsBefore?: readonly TopicDef[];
  readonly modules: readonly ModuleDef[];
  readonly topicsAfter?: readonly TopicDef[];
}

export const video = (title: string, minutes: number): ClassDef => ({ kind: 'video', title, minutes });
export const text = (title: string, minutes: number): ClassDef => ({ kind: 'text', title, minutes });
export const contest = (title: string, minutes: number): ClassDef => ({ kind: 'contest', title, minutes });
