export { UsersModule } from './users.module.js';
export { UsersService } from './users.service.js';
export { AccessTokenVerifier } from './auth/access-token.verifier.js';
export { StaffAuthService, type StaffUser } from './auth/staff-auth.service.js';
export { User } from './entities/user.entity.js';
export * from './users.events.js';
export { UserLookupModule, UserLookupService } from './user-lookup.service.js';
export { ApiKeysService, type ApiKeyActor } from './api-keys/api-keys.service.js';
export { ApiKey } from './api-keys/api-key.entity.js';
