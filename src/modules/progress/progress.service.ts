import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** How far learners got. */
@Injectable()
export class ProgressService {
  constructor(private readonly em: EntityManager) {}

  /** The user's last progress heartbeat, over all classes. */
  async lastActivityAt(userId: string): Promise<Date | null> {
    const [row] = await this.em
      .getConnection()
      .execute<{ at: Date | null }[]>(`SELECT max(last_watched_at) AS at FROM user_progress WHERE user_id = ?`, [userId]);
    return row?.at ?? null;
  }
}
