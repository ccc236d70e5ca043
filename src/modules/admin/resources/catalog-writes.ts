import { Injectable, type Type } from '@nestjs/common';
import { DomainError, InvalidFieldError, type FieldProblem } from '../../../common/errors/domain-error.js';
import { createValidationPipe } from '../../../common/validation/validation.js';
import {
  AuthoringService,
  CreateClassDto,
  CreateModuleDto,
  CreateTopicDto,
  UpdateClassDto,
  UpdateModuleDto,
  UpdateTopicDto,
  type CatalogItemKind,
} from '../../courses/index.js';

/** The form's values, typed per column by the resource; only the fields the form sent. */
type Changes = Record<string, unknown>;

/** The API's body fields → the back office's form fields (errors land on the field shown). */
const FORM_FIELD: Record<string, string> = { moduleId: 'module', topicId: 'topic', courseId: 'course' };

const MODULE_FIELDS = ['title', 'description', 'learningOutcomes'] as const;
const CLASS_FIELDS = [
  'title',
  'description',
  'contentType',
  'videoUrl',
  'textContent',
  'contestUrl',
  'duration',
] as const;

/**
 * Back-office writes of modules, topics and classes, through the courses module's authoring
 * service, as the REST API writes them: the body checked by the API's own validation, then the
 * same course lock, positions (an `order` inserts there and shifts the siblings; left empty: last;
 * a move or a delete closes the gap it leaves), consistency rules and errors. This only translates
 * the form (its reference fields, the `order` an edit sends back unchanged) and puts the errors on
 * the form's fields.
 */
@Injectable()
export class CatalogWrites {
  constructor(private readonly authoring: AuthoringService) {}

  createModule(changes: Changes): Promise<string> {
    return onForm(async () => {
      const courseId = required(changes, 'course');
      const dto = await asBody(CreateModuleDto, {
        ...pick(changes, MODULE_FIELDS),
        order: position(changes),
      });
      return (await this.authoring.createModule(courseId, dto)).id;
    });
  }

  updateModule(id: string, changes: Changes, previous: Changes): Promise<void> {
    return onForm(async () => {
      const dto = await asBody(UpdateModuleDto, {
        ...pick(changes, MODULE_FIELDS),
        order: changedOrder(changes, previous),
      });
      const courseId = await this.authoring.courseOf('module', id);
      keepCourse(changes, courseId, 'A module stays in its course (its topics and classes belong to it)');
      await this.authoring.updateModule(courseId, id, dto);
    });
  }

  /** The course is the module's when one is picked (a different course is refused), else required. */
  createTopic(changes: Changes): Promise<string> {
    return onForm(async () => {
      const dto = await asBody(CreateTopicDto, {
        title: changes.title,
        moduleId: text(changes, 'module'),
        order: position(changes),
      });
      const picked = text(changes, 'course');
      const courseId = dto.moduleId
        ? await this.authoring.courseOf('module', dto.moduleId, 'moduleId')
        : picked;
      if (!courseId) throw new InvalidFieldError('course', 'course is required (or pick a module)');
      if (picked !== undefined && picked !== courseId)
        throw new InvalidFieldError('course', 'course must be the course of the topic’s module');
      return (await this.authoring.createTopic(courseId, dto)).id;
    });
  }

  updateTopic(id: string, changes: Changes, previous: Changes): Promise<void> {
    return onForm(async () => {
      const dto = await asBody(UpdateTopicDto, {
        title: changes.title,
        moduleId: 'module' in changes ? (text(changes, 'module') ?? null) : undefined,
        order: changedOrder(changes, previous, 'module'),
      });
      const courseId = await this.authoring.courseOf('topic', id);
      keepCourse(changes, courseId, 'A topic stays in its course: pick a module of this course');
      await this.authoring.updateTopic(courseId, id, dto);
    });
  }

  createClass(changes: Changes): Promise<string> {
    return onForm(async () => {
      const topicId = required(changes, 'topic');
      const dto = await asBody(CreateClassDto, {
        ...pick(changes, CLASS_FIELDS),
        order: position(changes),
      });
      const courseId = await this.authoring.courseOf('topic', topicId, 'topicId');
      return (await this.authoring.createClass(courseId, topicId, dto)).id;
    });
  }

  /** A topic of another course is refused on the topic field, as the API refuses its `topicId`. */
  updateClass(id: string, changes: Changes, previous: Changes): Promise<void> {
    return onForm(async () => {
      const dto = await asBody(UpdateClassDto, {
        ...pick(changes, CLASS_FIELDS),
        topicId: text(changes, 'topic'),
        order: changedOrder(changes, previous, 'topic'),
      });
      const courseId = await this.authoring.courseOf('class', id);
      await this.authoring.updateClass(courseId, id, dto);
    });
  }

  /** Deletes like the API: the database cascades to the children, the siblings close the gap. */
  delete(kind: CatalogItemKind, id: string): Promise<void> {
    return onForm(async () => {
      const courseId = await this.authoring.courseOf(kind, id);
      if (kind === 'module') await this.authoring.deleteModule(courseId, id);
      else if (kind === 'topic') await this.authoring.deleteTopic(courseId, id);
      else await this.authoring.deleteClass(courseId, id);
    });
  }
}

const pipe = createValidationPipe();

/** The values as the REST route's body: the API's own validation pipe (the same rules and messages). */
async function asBody<T>(dto: Type<T>, body: Changes): Promise<T> {
  const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  return (await pipe.transform(sent, { type: 'body', metatype: dto })) as T;
}

/** Runs a write and renames the fields in its errors to the form's. */
async function onForm<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const problems: FieldProblem[] = Array.isArray(error.details)
      ? error.details.map((p: FieldProblem) => ({ ...p, field: FORM_FIELD[p.field] ?? p.field }))
      : error.code === 'course_not_found'
        ? [{ field: 'course', messages: [error.message] }]
        : [];
    throw new DomainError(error.kind, error.code, error.message, problems.length ? problems : error.details);
  }
}

/**
 * The form sends the current `order` back with every edit: within the same parent only a changed
 * one is a move. Moved to another parent, the `order` shown is the position there (left empty: last).
 */
function changedOrder(changes: Changes, previous: Changes, parent?: string): number | undefined {
  const order = position(changes);
  const moved = parent !== undefined && parent in changes && (changes[parent] ?? null) !== previous[parent];
  return moved || order !== previous.order ? order : undefined;
}

function keepCourse(changes: Changes, courseId: string, message: string): void {
  const course = text(changes, 'course');
  if (course !== undefined && course !== courseId) throw new InvalidFieldError('course', message);
}

function text(changes: Changes, field: string): string | undefined {
  const value = changes[field];
  return typeof value === 'string' ? value : undefined;
}

function number(changes: Changes, field: string): number | undefined {
  const value = changes[field];
  return typeof value === 'number' ? value : undefined;
}

/**
 * The `order` field: AdminJS turns an emptied number field into 0 (`Number('')`) before the
 * resource sees it, so 0 is the field left empty (last, or unchanged); negatives go to validation.
 */
function position(changes: Changes): number | undefined {
  const order = number(changes, 'order');
  return order === 0 ? undefined : order;
}

function required(changes: Changes, field: string): string {
  const value = text(changes, field);
  if (value === undefined) throw new InvalidFieldError(field, `${field} is required`);
  return value;
}

/** The listed fields the form sent. */
function pick(changes: Changes, fields: readonly string[]): Changes {
  return Object.fromEntries(fields.filter((f) => f in changes).map((f) => [f, changes[f]]));
}
