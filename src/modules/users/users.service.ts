import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { Page } from '../../common/pagination/pagination.js';
import { TokenService } from './auth/token.service.js';
import { UserDetailDto, UserDto } from './dto/user.dto.js';
import type { ListUsersQueryDto, UpdateMeDto } from './dto/user-requests.dto.js';
import type { User } from './entities/user.entity.js';
import { USER_ACTIVITY, type UserActivity } from './user-activity.js';
import { UserRepository } from './users.repository.js';
import { cannotChangeSelf, userNotFound } from './users.errors.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
    @Inject(USER_ACTIVITY) private readonly activity: UserActivity,
  ) {}

  async getMe(caller: AuthUser): Promise<UserDto> {
    return UserDto.from(await this.get(caller.id));
  }

  async updateMe(caller: AuthUser, changes: UpdateMeDto): Promise<UserDto> {
    const user = await this.get(caller.id);
    if (changes.name !== undefined) user.name = changes.name;
    if (changes.image !== undefined) user.image = changes.image;
    await this.em.flush();
    return UserDto.from(user);
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const [users, total] = await this.users.search(query);
    return { items: users.map(UserDto.from), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(id: string): Promise<UserDetailDto> {
    const user = await this.get(id);
    const [enrolmentsCount, lastLoginAt, lastLearningAt] = await Promise.all([
      this.activity.enrolmentsCount(id),
      this.tokens.lastLoginAt(id),
      this.activity.lastLearningAt(id),
    ]);
    const latest = [lastLoginAt, lastLearningAt]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => +b - +a)[0];
    return {
      ...UserDto.from(user),
      enrolmentsCount,
      lastLoginAt,
      lastLearningAt,
      lastActivityAt: latest ?? null,
    };
  }

  /** Admins cannot demote themselves, so the platform never loses its last admin by accident. */
  async changeRole(caller: AuthUser, id: string, role: User['role']): Promise<UserDto> {
    if (caller.id === id) throw cannotChangeSelf('change the role of');
    const user = await this.get(id);
    if (user.role !== role) {
      user.role = role;
      await this.em.flush();
      // Sessions carry the old role in their access tokens: end them so the new role applies now.
      await this.tokens.revokeAllForUser(id);
    }
    return UserDto.from(user);
  }

  /**
   * A new e-mail is a new login identity (codes go to it): the user's sessions end so nobody stays
   * signed in on the strength of the old address, and the new address counts as unproven until its
   * first code sign-in. Callers decide who may do it (admins only).
   */
  async changeEmail(id: string, email: string): Promise<UserDto> {
    const user = await this.get(id);
    if (user.email !== email) {
      user.email = email;
      user.emailVerified = null;
      await this.em.flush();
      await this.tokens.revokeAllForUser(id);
    }
    return UserDto.from(user);
  }

  /**
   * Deletes the account; the database cascades to its enrolments, progress and tokens. Analytics
   * events keep their rows and `user_id` (no foreign key, by design): history stays countable.
   */
  async delete(caller: AuthUser, id: string): Promise<void> {
    if (caller.id === id) throw cannotChangeSelf('delete');
    const user = await this.get(id);
    await this.em.removeAndFlush(user);
  }

  private async get(id: string): Promise<User> {
    const user = await this.users.findOne({ id });
    if (!user) throw userNotFound(id);
    return user;
  }
}
