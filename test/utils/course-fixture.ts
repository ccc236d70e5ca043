import request from 'supertest';
import type { TestApp } from './create-test-app.js';
import { defined } from '../../src/common/assert/defined.js';

export interface CourseFixture {
  courseId: string;
  modules: string[];
  /** topics[m] = topic ids of module m; `loose` = topics without a module. */
  topics: string[][];
  loose: string[];
  /** Class ids per topic id. */
  classes: Record<string, string[]>;
  /** Topic `k` (0-based) of module `m` (0-based, or 'loose'); throws when the fixture has none. */
  topic(m: number | 'loose', k?: number): string;
  /** Class `c` (0-based) of a topic; throws when the topic has none. */
  classOf(topicId: string, c?: number): string;
}

let n = 0;

/**
 * Builds a course through the staff API: two modules (two topics each, the first with a video, a
 * text and a contest class, the others with one video), plus a loose topic with one video.
 */
export async function createCourseFixture(
  t: TestApp,
  staffAuth: { Authorization: string },
): Promise<CourseFixture> {
  const api = () => request(t.http);
  const id = ++n;
  const course = await api()
    .post('/courses')
    .set(staffAuth)
    .send({
      title: `Course ${id}`,
      description: 'Fixture course',
      duration: 30,
      level: 'beginner',
      type: 'skill-based',
    })
    .expect(201);
  const courseId: string = course.body.id;
  const fixture: CourseFixture = {
    courseId,
    modules: [],
    topics: [],
    loose: [],
    classes: {},
    topic: (m, k = 0) =>
      defined((m === 'loose' ? fixture.loose : fixture.topics[m])?.[k], `fixture topic ${k} of module ${m}`),
    classOf: (topicId, c = 0) =>
      defined(fixture.classes[topicId]?.[c], `fixture class ${c} of topic ${topicId}`),
  };
  const addClass = async (topicId: string, body: Record<string, unknown>) => {
    const res = await api()
      .post(`/courses/${courseId}/topics/${topicId}/classes`)
      .set(staffAuth)
      .send(body)
      .expect(201);
    (fixture.classes[topicId] ??= []).push(res.body.id);
  };
  const video = (title: string, duration = 100) => ({
    title,
    contentType: 'video',
    videoUrl: 'https://video.example.com/v/1',
    duration,
  });
  for (const m of [1, 2]) {
    const module = await api()
      .post(`/courses/${courseId}/modules`)
      .set(staffAuth)
      .send({ title: `Module ${m}`, description: 'D', learningOutcomes: [`Outcome ${m}`] })
      .expect(201);
    fixture.modules.push(module.body.id);
    const topics: string[] = [];
    for (const k of [1, 2]) {
      const topic = await api()
        .post(`/courses/${courseId}/topics`)
        .set(staffAuth)
        .send({ title: `Topic ${m}.${k}`, moduleId: module.body.id })
        .expect(201);
      topics.push(topic.body.id);
      await addClass(topic.body.id, video(`Video ${m}.${k}`));
      if (m === 1 && k === 1) {
        await addClass(topic.body.id, {
          title: 'Reading',
          contentType: 'text',
          textContent: '# Notes',
          duration: 300,
        });
        await addClass(topic.body.id, {
          title: 'Quiz',
          contentType: 'contest',
          contestUrl: 'https://contests.example.com/1',
          duration: 600,
        });
      }
    }
    fixture.topics.push(topics);
  }
  const loose = await api()
    .post(`/courses/${courseId}/topics`)
    .set(staffAuth)
    .send({ title: 'Bonus' })
    .expect(201);
  fixture.loose.push(loose.body.id);
  await addClass(loose.body.id, video('Bonus video', 60));
  return fixture;
}
