import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LoginFailedEvent, LoginSucceededEvent, OtpRequestedEvent, USER_EVENTS } from '../../users/index.js';
import { AnalyticsService, type ServerEvent } from '../analytics.service.js';
import { SessionKeys } from '../sessions/session-keys.js';
import { describeErrorForLog } from '../../../common/errors/database-errors.js';

/**
 * Records `auth_event` rows from the users module's domain events. Analytics must never break a
 * login: failures are logged, not thrown back to the emitter.
 */
@Injectable()
export class AuthEventsListener {
  private readonly logger = new Logger(AuthEventsListener.name);

  constructor(
    private readonly analytics: AnalyticsService,
    private readonly sessions: SessionKeys,
  ) {}

  @OnEvent(USER_EVENTS.otpRequested, { async: true, promisify: true })
  onOtpRequested(event: OtpRequestedEvent): Promise<void> {
    return this.safely('otp_requested', () =>
      this.analytics.record(
        authEvent('otp_requested', event, { userEmail: event.email, customData: { channel: 'email' } }),
      ),
    );
  }

  @OnEvent(USER_EVENTS.loginFailed, { async: true, promisify: true })
  onLoginFailed(event: LoginFailedEvent): Promise<void> {
    return this.safely('login_failed', () =>
      this.analytics.record(
        authEvent('login_failed', event, { userEmail: event.email, customData: { reason: event.reason } }),
      ),
    );
  }

  @OnEvent(USER_EVENTS.loginSucceeded, { async: true, promisify: true })
  onLoginSucceeded(event: LoginSucceededEvent): Promise<void> {
    return this.safely('login_success', async () => {
      const { sessionId, sessionKey } = event.tracking;
      // Link first: the success event itself is not anonymous and must not be matched. Only the
      // client that was issued the session may claim its events: a known session id is not enough.
      if (sessionId && this.sessions.verify(sessionId, sessionKey))
        await this.analytics.linkSessionToUser(sessionId, event.userId, event.email);
      await this.analytics.record(
        authEvent('login_success', event, {
          userId: event.userId,
          userEmail: event.email,
          isLoggedIn: true,
          customData: { method: 'email_otp', new_user: event.isNewUser },
        }),
      );
    });
  }

  private async safely(action: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`could not record ${action}: ${describeErrorForLog(error)}`);
    }
  }
}

function authEvent(
  action: string,
  source: { tracking: ServerEvent['tracking'] },
  fields: Omit<ServerEvent, 'eventType' | 'eventAction' | 'tracking'>,
): ServerEvent {
  return { eventType: 'auth_event', eventAction: action, tracking: source.tracking, ...fields };
}
