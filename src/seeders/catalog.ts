import { createHash } from 'node:crypto';
import type { ContentType } from '../modules/courses/index.js';
import type { CourseClass } from '../modules/courses/entities/course-class.entity.js';
import type { CourseModule } from '../modules/courses/entities/course-module.entity.js';
import type { Course } from '../modules/courses/entities/course.entity.js';
import type { Topic } from '../modules/courses/entities/topic.entity.js';
import type { ClassDef, CourseDef, ModuleDef, TopicDef } from './courses/course-def.js';
import { COURSES } from './courses/index.js';
import { DEMO_SEED, hash32, rngFor, stableId, type Rng } from './random.js';
import { DAY, timeOfDay, type Timeline } from './timeline.js';
import { defined } from '../common/assert/defined.js';

/*
 * Row shapes: the columns the seeder sets, typed from the entities; relations as the referenced id.
 * Columns left out (added later by someone else) get their database default.
 */
export type CourseRow = Pick<
  Course,
  | 'id'
  | 'title'
  | 'description'
  | 'thumbnail'
  | 'instructor'
  | 'duration'
  | 'level'
  | 'type'
  | 'createdAt'
  | 'updatedAt'
>;
export type ModuleRow = Pick<CourseModule, 'id' | 'title' | 'description' | 'order' | 'learningOutcomes'> & {
  course: string;
};
export type TopicRow = Pick<Topic, 'id' | 'title' | 'order'> & { module: string | null; course: string };
export type ClassRow = Pick<
  CourseClass,
  | 'id'
  | 'title'
  | 'description'
  | 'contentType'
  | 'videoUrl'
  | 'textContent'
  | 'contestUrl'
  | 'duration'
  | 'order'
> & { topic: string };

/** What the journey simulation needs to know about a class, in the order a learner meets it. */
export interface CatalogClass {
  readonly id: string;
  readonly courseId: string;
  readonly moduleId: string | null;
  readonly contentType: ContentType;
  /** Seconds. */
  readonly duration: number;
  readonly contestUrl: string | null;
  /** First / last class of its module: where module_started / module_completed events fire. */
  readonly startsModule: boolean;
  readonly endsModule: boolean;
}

export interface CatalogCourse {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly popularity: number;
  readonly classes: readonly CatalogClass[];
}

export interface Catalog {
  readonly courses: readonly CatalogCourse[];
  readonly rows: {
    readonly courses: CourseRow[];
    readonly modules: ModuleRow[];
    readonly topics: TopicRow[];
    readonly classes: ClassRow[];
  };
}

/** Builds the rows and the learner-facing outline. Pure: ids and values depend only on the data. */
export function buildCatalog(timeline: Timeline): Catalog {
  const rows: Catalog['rows'] = { courses: [], modules: [], topics: [], classes: [] };
  const courses = COURSES.map((def) => buildCourse(def, timeline, rows));
  return { courses, rows };
}

function buildCourse(def: CourseDef, timeline: Timeline, rows: Catalog['rows']): CatalogCourse {
  const rng = rngFor(`catalog:${def.slug}`);
  const courseId = stableId(`course:${def.slug}`);
  const outline: CatalogClass[] = [];
  let courseTopicOrder = 0;

  // Topics hanging directly off the course (module_id null) are numbered among themselves.
  const addTopic = (topic: TopicDef, moduleId: string | null, order: number, module: ModuleDef | null) => {
    const topicId = stableId(`topic:${def.slug}:${moduleId ?? 'course'}:${order}`);
    rows.topics.push({ id: topicId, module: moduleId, course: courseId, title: topic.title, order });
    topic.classes.forEach((cls, index) => {
      const row = buildClass(def, topic, module, cls, topicId, index + 1, rng);
      rows.classes.push(row);
      outline.push({
        id: row.id,
        courseId,
        moduleId,
        contentType: cls.kind,
        duration: row.duration,
        contestUrl: row.contestUrl,
        startsModule: false,
        endsModule: false,
      });
    });
  };

  for (const topic of def.topicsBefore ?? []) addTopic(topic, null, ++courseTopicOrder, null);
  def.modules.forEach((module, moduleIndex) => {
    const moduleId = stableId(`module:${def.slug}:${moduleIndex + 1}`);
    rows.modules.push({
      id: moduleId,
      course: courseId,
      title: module.title,
      description: module.description,
      order: moduleIndex + 1,
      learningOutcomes: [...module.outcomes],
    });
    const first = outline.length;
    module.topics.forEach((topic, topicIndex) => addTopic(topic, moduleId, topicIndex + 1, module));
    const opening = defined(outline[first], `a class in module "${module.title}" of ${def.slug}`);
    outline[first] = { ...opening, startsModule: true };
    const closing = outline.length - 1; // the opening class itself when the module has one
    outline[closing] = { ...defined(outline[closing], 'the last class'), endsModule: true };
  });
  for (const topic of def.topicsAfter ?? []) addTopic(topic, null, ++courseTopicOrder, null);

  // The course length is the author's estimate: the sum of its classes, rounded up to 5 minutes.
  const totalMinutes = outline.reduce((sum, cls) => sum + cls.duration, 0) / 60;
  const createdAt = -def.ageDays * DAY + timeOfDay(rng);
  rows.courses.push({
    id: courseId,
    title: def.title,
    description: def.description,
    thumbnail: `https://picsum.photos/seed/${def.slug}/1280/720`,
    instructor: def.instructor,
    duration: Math.ceil(totalMinutes / 5) * 5,
    level: def.level,
    type: def.type,
    createdAt: timeline.toDate(createdAt),
    updatedAt: timeline.toDate(createdAt + rng.int(3, 40) * DAY + timeOfDay(rng)),
  });
  return { id: courseId, slug: def.slug, title: def.title, popularity: def.popularity, classes: outline };
}

function buildClass(
  course: CourseDef,
  topic: TopicDef,
  module: ModuleDef | null,
  cls: ClassDef,
  topicId: string,
  order: number,
  rng: Rng,
): ClassRow {
  const key = `${topicId}:${order}`;
  // Recorded videos are rarely a round number of minutes; readings and contests are time-boxed.
  const duration = cls.kind === 'video' ? cls.minutes * 60 + rng.int(-45, 45) : cls.minutes * 60;
  return {
    id: stableId(`class:${key}`),
    topic: topicId,
    title: cls.title,
    description: describeClass(cls, topic),
    contentType: cls.kind,
    videoUrl: cls.kind === 'video' ? videoUrl(course, key) : null,
    textContent: cls.kind === 'text' ? markdownFor(course, topic, module, cls) : null,
    contestUrl:
      cls.kind === 'contest' ? `https://contests.example.com/${course.slug}/${slugify(cls.title)}` : null,
    duration,
    order,
  };
}

function describeClass(cls: ClassDef, topic: TopicDef): string {
  switch (cls.kind) {
    case 'video':
      return `${cls.minutes}-minute video lesson on ${topic.title.toLowerCase()}. Pause and try each step in your own editor.`;
    case 'text':
      return `Reading (about ${cls.minutes} minutes) with examples you can copy into your own project.`;
    case 'contest':
      return `Timed assessment (${cls.minutes} minutes). Submit on the contest page; your best score counts.`;
  }
}

/** Placeholder links on the two hosts the spec names; the ids are derived, not real videos. */
function videoUrl(course: CourseDef, key: string): string {
  if (course.videoHost === 'vimeo')
    return `https://vimeo.com/${100_000_000 + (hash32(`vimeo:${key}`) % 800_000_000)}`;
  const id = createHash('sha256').update(`${DEMO_SEED}:youtube:${key}`).digest('base64url').slice(0, 11);
  return `https://www.youtube.com/watch?v=${id}`;
}

function markdownFor(course: CourseDef, topic: TopicDef, module: ModuleDef | null, cls: ClassDef): string {
  const points = topic.notes ?? module?.outcomes ?? [];
  return [
    `# ${cls.title}`,
    '',
    `*${course.title} · ${topic.title}* — about ${cls.minutes} minutes of reading.`,
    '',
    module?.description ?? course.description,
    '',
    '## Key ideas',
    '',
    ...points.map((point) => `- ${point}`),
    '',
    '## Example',
    '',
    '```' + course.snippet.language,
    course.snippet.code,
    '```',
    '',
    '## Check yourself',
    '',
    '1. Which of the ideas above would you apply first in your own work, and why?',
    '2. Note one question to bring to the next live Q&A session.',
    '',
  ].join('\n');
}

const slugify = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
