import { Global, Module } from '@nestjs/common';
import { API_KEY_AUTHENTICATOR } from '../../../common/auth/api-key.js';
import { ApiKeysService } from './api-keys.service.js';

/**
 * API keys. Global because the authentication guard, registered app-wide, checks keys through
 * `API_KEY_AUTHENTICATOR`; everything else reaches `ApiKeysService` through the users module.
 */
@Global()
@Module({
  providers: [ApiKeysService, { provide: API_KEY_AUTHENTICATOR, useExisting: ApiKeysService }],
  exports: [ApiKeysService, API_KEY_AUTHENTICATOR],
})
export class ApiKeysModule {}
