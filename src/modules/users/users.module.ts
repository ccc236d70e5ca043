import { EntityManager } from '@mikro-orm/postgresql';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '../../infra/config/app-config.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AccessTokenVerifier } from './auth/access-token.verifier.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { jwtKey } from './auth/jwt-key.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { LoginSessions } from './auth/login-sessions.js';
import { OtpService } from './auth/otp.service.js';
import { StaffAuthService } from './auth/staff-auth.service.js';
import { TokenService } from './auth/token.service.js';
import { User } from './entities/user.entity.js';
import { AuthPurgeJob } from './jobs/auth-purge.job.js';
import { UsersController } from './users.controller.js';
import { UserRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Accounts, roles and passwordless login (e-mail OTP → JWT access + rotating refresh tokens). */
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config.auth.jwtSecret),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    ApiKeysModule,
  ],
  controllers: [AuthController, UsersController],
  providers: [
    {
      provide: UserRepository,
      useFactory: (em: EntityManager) => em.getRepository(User),
      inject: [EntityManager],
    },
    OtpService,
    TokenService,
    AuthService,
    LoginSessions,
    JwtStrategy,
    AccessTokenVerifier,
    UsersService,
    StaffAuthService,
    AuthPurgeJob,
  ],
  exports: [UsersService, StaffAuthService, AccessTokenVerifier],
})
export class UsersModule {}
