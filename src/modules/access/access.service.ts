import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CourseAccess } from './entities/course-access.entity.js';

/** Who may open which course. */
@Injectable()
export class AccessService {
  constructor(private readonly em: EntityManager) {}

  countEnrolments(userId: string): Promise<number> {
    return this.em.count(CourseAccess, { user: userId });
  }
}
