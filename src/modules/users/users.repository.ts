import { EntityRepository } from '@mikro-orm/postgresql';
import type { ListUsersQueryDto } from './dto/user-requests.dto.js';
import type { User } from './entities/user.entity.js';
import { pageOffset } from '../../common/pagination/pagination.js';
import { newId } from '../../infra/database/base-columns.js';

export class UserRepository extends EntityRepository<User> {
  findByEmail(email: string): Promise<User | null> {
    return this.findOne({ email });
  }

  /** Creates the user on first login; concurrent first logins of one e-mail make one row. */
  async upsertVerified(email: string): Promise<{ user: User; created: boolean }> {
    const [inserted] = await this.getEntityManager()
      .getConnection()
      .execute<{ id: string }[]>(
        `INSERT INTO users (id, email, email_verified) VALUES (?, ?, now())
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [newId(), email],
      );
    const user = await this.findOneOrFail({ email });
    if (!user.emailVerified) user.emailVerified = new Date();
    return { user, created: Boolean(inserted) };
  }

  search(query: ListUsersQueryDto): Promise<[User[], number]> {
    const where = {
      ...(query.role ? { role: query.role } : {}),
      ...(query.search
        ? {
            $or: [
              { email: { $ilike: `%${escapeLike(query.search)}%` } },
              { name: { $ilike: `%${escapeLike(query.search)}%` } },
            ],
          }
        : {}),
    };
    const field = query.sort.replace(/^-/, '') as 'createdAt' | 'email' | 'name';
    const direction = query.sort.startsWith('-') ? 'desc' : 'asc';
    return this.findAndCount(where, {
      orderBy: [{ [field]: direction }, { id: 'asc' }],
      limit: query.pageSize,
      offset: pageOffset(query),
    });
  }
}

/** User input inside LIKE must match literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
