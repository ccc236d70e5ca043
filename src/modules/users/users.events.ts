import type { TrackingContext } from '../../common/tracking/tracking-context.js';

/**
 * Domain events the users module emits (Nest event emitter). Other modules (analytics) listen;
 * users never calls them. Emitted with `emitAsync` after the change is committed.
 */
export const USER_EVENTS = {
  otpRequested: 'users.otp_requested',
  loginSucceeded: 'users.login_succeeded',
  loginFailed: 'users.login_failed',
} as const;

export class OtpRequestedEvent {
  constructor(
    readonly email: string,
    readonly tracking: TrackingContext,
  ) {}
}

export class LoginSucceededEvent {
  constructor(
    readonly userId: string,
    readonly email: string,
    readonly isNewUser: boolean,
    readonly tracking: TrackingContext,
  ) {}
}

export type LoginFailureReason = 'wrong_code' | 'expired' | 'no_code' | 'too_many_attempts';

export class LoginFailedEvent {
  constructor(
    readonly email: string,
    readonly reason: LoginFailureReason,
    readonly tracking: TrackingContext,
  ) {}
}
