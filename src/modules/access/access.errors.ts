import { DomainError } from '../../common/errors/domain-error.js';

export const noAccess = (courseId: string) =>
  new DomainError('forbidden', 'no_course_access', `You are not enrolled in course ${courseId}`);

export const unknownUser = (userId: string) =>
  new DomainError('not_found', 'user_not_found', `No user with id ${userId}`, [
    { field: 'userId', messages: ['no such user'] },
  ]);
