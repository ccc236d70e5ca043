import { DriverException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isDatabaseError } from '../../common/errors/database-errors.js';
import { courseNotFound, itemNotFound, type CatalogItemKind } from './courses.errors.js';
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
import { applyOrder, closeGap, lockCourse, nextOrder, placeAt } from './ordering.js';

/**
 * Staff authoring of the course tree, for every writer (REST API, back office). Every structural
 * change runs in one transaction under the course's row lock; positions stay 1..n within each
 * parent; a new child goes last or at the position asked for, and the ones after it move down.
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
      placeAt(siblings, module, dto.order);
      await em.flush();
      return ModuleDto.from(module);
    });
  }

  /** `order` moves the module to that position (the others shift to keep 1..n). */
  updateModule(courseId: string, moduleId: string, dto: UpdateModuleDto): Promise<ModuleDto> {
    return this.inCourse(courseId, async (em) => {
      const module = await this.module(em, courseId, moduleId);
      const { order, ...fields } = dto;
      em.assign(module, fields);
      if (order !== undefined) placeAt(await em.find(CourseModule, { course: courseId }), module, order);
      await em.flush();
      return ModuleDto.from(module);
    });
  }

  deleteModule(courseId: string, moduleId: string): Promise<void> {
    return this.inCourse(courseId, async (em) => {
      const module = await this.module(em, courseId, moduleId);
      closeGap(await em.find(CourseModule, { course: courseId }), module);
      em.remove(module);
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
      const module = dto.moduleId ? await this.module(em, courseId, dto.moduleId, 'moduleId') : null;
      const siblings = await em.find(Topic, { course: courseId, module });
      const topic = em.create(Topic, {
        course: courseId,
        module,
        title: dto.title,
        order: nextOrder(siblings),
      });
      placeAt(siblings, topic, dto.order);
      await em.flush();
      return TopicDto.from(topic);
    });
  }

  /**
   * `moduleId` moves the topic (the old parent closes the gap); `order` puts it at that position
   * of its (new) parent, otherwise a moved topic goes last.
   */
  updateTopic(courseId: string, topicId: string, dto: UpdateTopicDto): Promise<TopicDto> {
    return this.inCourse(courseId, async (em) => {
      const topic = await this.topic(em, courseId, topicId);
      if (dto.title !== undefined) topic.title = dto.title;
      const from = topic.module;
      if (dto.moduleId !== undefined && dto.moduleId !== (from?.id ?? null)) {
        const to = dto.moduleId ? await this.module(em, courseId, dto.moduleId, 'moduleId') : null;
        closeGap(await em.find(Topic, { course: courseId, module: from }), topic);
        placeAt(await em.find(Topic, { course: courseId, module: to }), topic, dto.order);
        topic.module = to;
      } else if (dto.order !== undefined) {
        placeAt(await em.find(Topic, { course: courseId, module: from }), topic, dto.order);
      }
      await em.flush();
      return TopicDto.from(topic);
    });
  }

  deleteTopic(courseId: string, topicId: string): Promise<void> {
    return this.inCourse(courseId, async (em) => {
      const topic = await this.topic(em, courseId, topicId);
      closeGap(await em.find(Topic, { course: courseId, module: topic.module }), topic);
      em.remove(topic);
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
      placeAt(siblings, courseClass, dto.order);
      await em.flush();
      return ClassContentDto.withContent(courseClass, courseId);
    });
  }

  /** `topicId` moves the class within the course, `order` positions it: as for topics. */
  updateClass(courseId: string, classId: string, dto: UpdateClassDto): Promise<ClassContentDto> {
    return this.inCourse(courseId, async (em) => {
      const courseClass = await this.courseClass(em, courseId, classId);
      const { topicId, order, ...fields } = dto;
      em.assign(courseClass, fields);
      const from = courseClass.topic;
      if (topicId !== undefined && topicId !== from.id) {
        const to = await this.topic(em, courseId, topicId, 'topicId');
        closeGap(await em.find(CourseClass, { topic: from }), courseClass);
        placeAt(await em.find(CourseClass, { topic: to }), courseClass, order);
        courseClass.topic = to;
      } else if (order !== undefined) {
        placeAt(await em.find(CourseClass, { topic: from }), courseClass, order);
      }
      await em.flush();
      return ClassContentDto.withContent(courseClass, courseId);
    });
  }

  deleteClass(courseId: string, classId: string): Promise<void> {
    return this.inCourse(courseId, async (em) => {
      const courseClass = await this.courseClass(em, courseId, classId);
      closeGap(await em.find(CourseClass, { topic: courseClass.topic }), courseClass);
      em.remove(courseClass);
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

  /**
   * The course a module, topic or class belongs to, for writers that know an item but not its
   * course (the back office). Items never change course, so it may be read before the lock.
   * `field` names the request field the id came from in the 404.
   */
  async courseOf(kind: CatalogItemKind, id: string, field?: string): Promise<string> {
    const em = this.em.fork();
    const item =
      kind === 'module'
        ? await em.findOne(CourseModule, { id }, { fields: ['course'] })
        : kind === 'topic'
          ? await em.findOne(Topic, { id }, { fields: ['course'] })
          : (await em.findOne(CourseClass, { id }, { populate: ['topic'], fields: ['topic.course'] }))?.topic;
    if (!item) throw itemNotFound(kind, id, field);
    return item.course.id;
  }

  private async inCourse<T>(courseId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.em.transactional(async (em) => {
        await lockCourse(em, courseId);
        return work(em);
      });
    } catch (error) {
      // Positions are unique per parent, checked at COMMIT (deferred): MikroORM passes a failed
      // COMMIT on as pg's raw error. Converted like a statement's, it is a 409 / a form error
      // (only a writer that skips the lock can cause it), not a 500.
      if (isDatabaseError(error) && !(error instanceof DriverException))
        throw this.em.getDriver().convertException(error);
      throw error;
    }
  }

  private async module(
    em: EntityManager,
    courseId: string,
    moduleId: string,
    field?: string,
  ): Promise<CourseModule> {
    const module = await em.findOne(CourseModule, { id: moduleId, course: courseId });
    if (!module) throw itemNotFound('module', moduleId, field);
    return module;
  }

  private async topic(em: EntityManager, courseId: string, topicId: string, field?: string): Promise<Topic> {
    const topic = await em.findOne(Topic, { id: topicId, course: courseId });
    if (!topic) throw itemNotFound('topic', topicId, field);
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
