export { CoursesModule } from './courses.module.js';
export { CatalogService, type ClassPlacement } from './catalog.service.js';
export { classesInOutlineOrder, type CourseTree } from './course-tree.js';
export { COURSE_EVENTS, CourseViewedEvent } from './courses.events.js';
export { ClassContentDto, ClassSummaryDto, CourseDto } from './dto/course.dto.js';
export { Course } from './entities/course.entity.js';
export { CourseClass } from './entities/course-class.entity.js';
export type { ContentType } from './courses.constants.js';
export type { OutlineIndex } from './outline-index.js';
