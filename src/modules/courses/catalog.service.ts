import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { pageOffset, type Page } from '../../common/pagination/pagination.js';
import { classesInOutlineOrder, groupBy, loadCourseTree, type CourseTree } from './course-tree.js';
import { courseNotFound, itemNotFound } from './courses.errors.js';
import {
  ClassContentDto,
  ClassSummaryDto,
  CourseDto,
  ModuleDto,
  TopicDto,
  type CourseOutlineDto,
} from './dto/course.dto.js';
import type { ListCoursesQueryDto } from './dto/course-requests.dto.js';
import { CourseClass } from './entities/course-class.entity.js';
import { Course } from './entities/course.entity.js';
import { OutlineCache } from './outline-cache.js';
import type { OutlineIndex } from './outline-index.js';

/** Where a class sits: what progress and access rules need to know about it. */
export interface ClassPlacement {
  courseClass: CourseClass;
  courseId: string;
  topicId: string;
  moduleId: string | null;
}

/** Read side of the catalog: listing, outlines, and lookups other modules use. */
@Injectable()
export class CatalogService {
  private readonly outlines = new OutlineCache();

  constructor(private readonly em: EntityManager) {}

  async list(query: ListCoursesQueryDto): Promise<Page<CourseDto>> {
    const like = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const [courses, total] = await this.em.findAndCount(
      Course,
      {
        ...(query.level ? { level: query.level } : {}),
        ...(query.type ? { type: query.type } : {}),
        ...(like
          ? {
              $or: [
                { title: { $ilike: like } },
                { description: { $ilike: like } },
                { instructor: { $ilike: like } },
              ],
            }
          : {}),
      },
      {
        orderBy:
          query.sort === 'title' ? [{ title: 'asc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'asc' }],
        limit: query.pageSize,
        offset: pageOffset(query),
      },
    );
    return { items: courses.map(CourseDto.from), total, page: query.page, pageSize: query.pageSize };
  }

  async outline(courseId: string): Promise<CourseOutlineDto> {
    const tree = await this.tree(courseId);
    const classesByTopic = groupBy(tree.classes.map(ClassSummaryDto.from), (k) => k.topicId);
    const topicDtos = tree.topics.map((t) => TopicDto.from(t, classesByTopic.get(t.id) ?? []));
    const topicsByModule = groupBy(
      topicDtos.filter((t) => t.moduleId),
      (t) => t.moduleId!,
    );
    return {
      ...CourseDto.from(tree.course),
      modules: tree.modules.map((m) => ModuleDto.from(m, topicsByModule.get(m.id) ?? [])),
      topics: topicDtos.filter((t) => !t.moduleId),
      classCount: tree.classes.length,
      classDurationSeconds: tree.classes.reduce((sum, k) => sum + k.duration, 0),
    };
  }

  async tree(courseId: string): Promise<CourseTree> {
    return loadCourseTree(this.em, await this.course(courseId));
  }

  /** Class ids of a course in the order a learner meets them. */
  async classIdsInOrder(courseId: string): Promise<string[]> {
    return classesInOutlineOrder(await this.tree(courseId)).map((k) => k.id);
  }

  /**
   * Titles and outline positions of every course (or one), for reports: cached per process while
   * the catalog version is unchanged (outline-cache.ts). Read-only (frozen).
   */
  outlineIndex(courseId?: string): Promise<OutlineIndex> {
    return this.outlines.get(this.em, courseId);
  }

  async course(courseId: string): Promise<Course> {
    const course = await this.em.findOne(Course, { id: courseId });
    if (!course) throw courseNotFound(courseId);
    return course;
  }

  async courseExists(courseId: string): Promise<boolean> {
    return (await this.em.count(Course, { id: courseId })) > 0;
  }

  /** The class, or 404; with `courseId`, also 404 when the class belongs to another course. */
  async placement(classId: string, courseId?: string): Promise<ClassPlacement> {
    const courseClass = await this.em.findOne(CourseClass, { id: classId }, { populate: ['topic'] });
    if (!courseClass || (courseId && courseClass.topic.course.id !== courseId))
      throw itemNotFound('class', classId);
    return {
      courseClass,
      courseId: courseClass.topic.course.id,
      topicId: courseClass.topic.id,
      moduleId: courseClass.topic.module?.id ?? null,
    };
  }

  async content(courseId: string, classId: string): Promise<ClassContentDto> {
    const { courseClass } = await this.placement(classId, courseId);
    return ClassContentDto.withContent(courseClass, courseId);
  }
}
