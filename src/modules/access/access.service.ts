import { EntityManager } from "@mikro-orm/postgresql";
import { Injectable } from "@nestjs/common";
import { newId } from "../../infra/database/base-columns.js";
import { CourseAccess } from "./entities/course-access.entity.js";

/** Who may open which course. */
@Injectable()
export class AccessService {
  constructor(private readonly em: EntityManager) {}

  countEnrolments(userId: string): Promise<number> {
    return this.em.count(CourseAccess, { user: userId });
  }

  /** Enrols the users in the course; those already enrolled keep their grant date. Returns how many were added. */
  async grant(courseId: string, userIds: readonly string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const result = await this.em
      .createQueryBuilder(CourseAccess)
      .insert(
        [...new Set(userIds)].map((userId) => ({
          id: newId(),
          user: userId,
          course: courseId,
        })),
      )
      .onConflict(["user", "course"])
      .ignore()
      .execute("run");
    return result.affectedRows;
  }

  /** Removes the users' access to the course. Returns how many enrolments were removed. */
  revoke(courseId: string, userIds: readonly string[]): Promise<number> {
    if (userIds.length === 0) return Promise.resolve(0);
    return this.em.nativeDelete(CourseAccess, {
      course: courseId,
      user: { $in: [...userIds] },
    });
  }
}
