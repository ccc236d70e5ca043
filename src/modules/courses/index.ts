export { CoursesModule } from './courses.module.js';
export { AuthoringService } from './authoring.service.js';
export { CatalogService, type ClassPlacement } from './catalog.service.js';
export { classesInOutlineOrder, type CourseTree } from './course-tree.js';
export { COURSE_EVENTS, CourseViewedEvent } from './courses.events.js';
export { ClassContentDto, ClassSummaryDto, CourseDto } from './dto/course.dto.js';
export {
  CreateClassDto,
  CreateModuleDto,
  CreateTopicDto,
  UpdateClassDto,
  UpdateModuleDto,
  UpdateTopicDto,
} from './dto/structure-requests.dto.js';
export { Course } from './entities/course.entity.js';
export { CatalogVersion } from './entities/catalog-version.entity.js';
export { CourseClass } from './entities/course-class.entity.js';
export {
  CONTENT_TYPES,
  COURSE_LEVELS,
  COURSE_TYPES,
  type ContentType,
  type CourseLevel,
  type CourseType,
} from './courses.constants.js';
export { assertNonNegativeInt } from './courses.rules.js';
export { CourseModule } from './entities/course-module.entity.js';
export { Topic } from './entities/topic.entity.js';
export type { CatalogItemKind } from './courses.errors.js';
export type { OutlineIndex } from './outline-index.js';
export { outlineRelation } from './outline.relation.js';
export { COURSES_TABLE_COMMENTS } from './courses.table-comments.js';
