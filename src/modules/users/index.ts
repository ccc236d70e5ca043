export { UsersModule } from './users.module.js';
export { UsersService } from './users.service.js';
export { AccessTokenVerifier } from './auth/access-token.verifier.js';
export { StaffAuthService, type StaffUser } from './auth/staff-auth.service.js';
export { User } from './entities/user.entity.js';
export * from './users.events.js';
export { UserLookupModule, UserLookupService } from './user-lookup.service.js';
