import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { courseNotFound, itemNotFound } from './courses.errors.js';
import { ClassContentDto, CourseDto, ModuleDto, TopicDto } from './dto/course.dto.js';
import type { CreateCourseDto, UpdateCourseDto } from './dto/course-requests.dto.js';
import type {
  CreateClassDto,
  CreateModuleDto,
  CreateTopicDto,
  UpdateClassDto,
  UpdateModuleDto,
  UpdateTopicDto,
} from './dto/structure-requests.dto.js';
import { CourseClass } from './entities/course-class.entity.js';
import { CourseModule } from './entities/course-module.entity.js';
import { Course } from './entities/course.entity.js';
import { Topic } from './entities/topic.entity.js';
import { applyOrder, lockCourse, nextOrder, renumber } from './ordering.js';

/**
 * Staff authoring of the course tree. Every structural change runs in one transaction under the
 * course's row lock; positions stay 1..n within each parent; new children go last.
 */
@Injectable()
export class AuthoringService {
  constructor(private readonly em: EntityManager) {}

  async createCourse(dto: CreateCourseDto): Promise<CourseDto> {
    const course = this.em.create(Course, {
      ...dto,
      thumbnail: dto.thumbnail ?? null,
      instructor: dto.instructor ?? null,
    });
    await this.em.flush();
    return CourseDto.from(course);
  }

  async updateCourse(courseId: string, dto: UpdateCourseDto): Promise<CourseDto> {
    const course = await this.em.findOne(Course, { id: courseId });
    if (!course) throw courseNotFound(courseId);
    this.em.assign(course, dto);
    await this.em.flush();
    return CourseDto.from(course);
  }

  /** The database cascades to modules, topics, classes, enrolments and progress. */
  async deleteCourse(courseId: string): Promise<void> {
    const deleted = await this.em.nativeDelete(Course, { id: courseId });
    if (deleted === 0) throw courseNotFound(courseId);
  }

  createModule(courseId: string, dto: CreateModuleDto): Promise<ModuleDto> {
    return this.inCourse(courseId, async (em) => {
      const siblings = await em.find(CourseModule, { course: courseId });
      const module = em.create(CourseModule, {
        course: courseId,
        title: dto.title,
        description: dto.description,
        learningOutcomes: dto.learningOutcomes ?? [],
        order: nextOrder(siblings),
      });
      await em.flush();
      return ModuleDto.from(module);
    });
  }

  updateModule(courseId: string, moduleId: string, dto: UpdateModuleDto): Promise<ModuleDto> {
    return this.inCourse(courseId, async (em) => {
      const module = await this.module(em, courseId, moduleId);
      em.assign(module, dto);
      await em.flush();
      return ModuleDto.from(module);
    });
  }

  deleteModule(courseId: string, moduleId: string): Promise<void> {
    return this.inCourse(courseId, async (em) => {
      em.remove(await this.module(em, courseId, moduleId));
      await em.flush();
      renumber(await em.find(CourseModule, { course: courseId }, { orderBy: { order: 'asc' } }));
      await em.flush();
    });
  }

  reorderModules(courseId: string, ids: string[]): Promise<void> {
    return this.inCourse(courseId, async (em) => {
      applyOrder(await em.find(CourseModule, { course: courseId }), ids);
      await em.flush();
    });
  }

  createTopic(courseId: string, dto: CreateTopicDto): Promise<TopicDto> {
    return this.inCourse(courseId, async (em) => {
      const module = dto.moduleId ? await this.module(em, courseId, dto.moduleId) : null;
      const siblings = await em.find(Topic, { course: courseId, module });
      const topic = em.create(Topic, {
        course: courseId,
        module,
        title: dto.title,
        order: nextOrder(siblings),
      });
      await em.flush();
      return TopicDto.from(topic);
    });
  }

  /** `moduleId` moves the topic (last in its new module; the old one closes the gap). */
  updateTopic(courseId: string, topicId: string, dto: UpdateTopicDto): Promise<TopicDto> {
    return this.inCourse(courseId, async (em) => {
      const topic = await this.topic(em, courseId, topicId);
      if (dto.title !== undefined) topic.title = dto.title;
      if (dto.moduleId !== undefined && dto.moduleId !== (topic.module?.id ?? null)) {
        const from = topic.module;
        const to = dto.moduleId ? await this.module(em, courseId, dto.moduleId) : null;
        topic.order = nextOrder(await em.find(Topic, { course: courseId, module: to }));
        topic.module = to;
        await em.flush();
        renumber(await em.find(Topic, { course: courseId, module: from }, { orderBy: { order: 'asc' } }));
      }
      await em.flush();
      return TopicDto.from(topic);
    });
  }

  deleteTopic(courseId: string, topicId: string): Promise<void> {
    return this.inCourse(courseId, async (em) => {
      const topic = await this.topic(em, courseId, topicId);
      const module = topic.module;
      em.remove(topic);
      await em.flush();
      renumber(await em.find(Topic, { course: courseId, module }, { orderBy: { order: 'asc' } }));
      await em.flush();
    });
  }

  /** Orders the topics of one module, or the course's own topics when `moduleId` is null. */
  reorderTopics(courseId: string, moduleId: string | null, ids: string[]): Promise<void> {
    return this.inCourse(courseId, async (em) => {
      const module = moduleId ? await this.module(em, courseId, moduleId) : null;
      applyOrder(await em.find(Topic, { course: courseId, module }), ids);
      await em.flush();
    });
  }

  createClass(courseId: string, topicId: string, dto: CreateClassDto): Promise<ClassContentDto> {
    return this.inCourse(courseId, async (em) => {
      const topic = await this.topic(em, courseId, topicId);
      const siblings = await em.find(CourseClass, { topic });
      const courseClass = em.create(CourseClass, {
        topic,
        title: dto.title,
        description: dto.description ?? null,
        contentType: dto.contentType ?? 'video',
        videoUrl: dto.videoUrl ?? null,
        textContent: dto.textContent ?? null,
        contestUrl: dto.contestUrl ?? null,
        duration: dto.duration,
        order: nextOrder(siblings),
      });
      await em.flush();
      return ClassContentDto.withContent(courseClass, courseId);
    });
  }

  updateClass(courseId: string, classId: string, dto: UpdateClassDto): Promise<ClassContentDto> {
    return this.inCourse(courseId, async (em) => {
      const courseClass = await this.courseClass(em, courseId, classId);
      const { topicId, ...fields } = dto;
      em.assign(courseClass, fields);
      if (topicId && topicId !== courseClass.topic.id) {
        const from = courseClass.topic;
        const to = await this.topic(em, courseId, topicId);
        courseClass.order = nextOrder(await em.find(CourseClass, { topic: to }));
        courseClass.topic = to;
        await em.flush();
        renumber(await em.find(CourseClass, { topic: from }, { orderBy: { order: 'asc' } }));
      }
      await em.flush();
      return ClassContentDto.withContent(courseClass, courseId);
    });
  }

  deleteClass(courseId: string, classId: string): Promise<void> {
    return this.inCourse(courseId, async (em) => {
      const courseClass = await this.courseClass(em, courseId, classId);
      const topic = courseClass.topic;
      em.remove(courseClass);
      await em.flush();
      renumber(await em.find(CourseClass, { topic }, { orderBy: { order: 'asc' } }));
      await em.flush();
    });
  }

  reorderClasses(courseId: string, topicId: string, ids: string[]): Promise<void> {
    return this.inCourse(courseId, async (em) => {
      const topic = await this.topic(em, courseId, topicId);
      applyOrder(await em.find(CourseClass, { topic }), ids);
      await em.flush();
    });
  }

  private inCourse<T>(courseId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.transactional(async (em) => {
      await lockCourse(em, courseId);
      return work(em);
    });
  }

  private async module(em: EntityManager, courseId: string, moduleId: string): Promise<CourseModule> {
    const module = await em.findOne(CourseModule, { id: moduleId, course: courseId });
    if (!module) throw itemNotFound('module', moduleId);
    return module;
  }

  private async topic(em: EntityManager, courseId: string, topicId: string): Promise<Topic> {
    const topic = await em.findOne(Topic, { id: topicId, course: courseId });
    if (!topic) throw itemNotFound('topic', topicId);
    return topic;
  }

  private async courseClass(em: EntityManager, courseId: string, classId: string): Promise<CourseClass> {
    const courseClass = await em.findOne(
      CourseClass,
      { id: classId, topic: { course: courseId } },
      { populate: ['topic'] },
    );
    if (!courseClass) throw itemNotFound('class', classId);
    return courseClass;
  }
}
