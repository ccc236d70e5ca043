/** Enum values from the spec's data dictionary. Columns stay `text`; these are enforced on write. */
export const COURSE_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

export const COURSE_TYPES = ['role-specific', 'skill-based', 'certification'] as const;
export type CourseType = (typeof COURSE_TYPES)[number];

export const CONTENT_TYPES = ['video', 'text', 'contest'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
