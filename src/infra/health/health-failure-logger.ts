import { ConsoleLogger, Injectable, Logger } from '@nestjs/common';

/** While the database stays down, one line a minute is news; one stack trace per probe is a flood. */
const REPEAT_AFTER_MS = 60_000;

/**
 * Terminus's logger for failed checks: a failure is logged on one line without a stack (the
 * reason is in the check's JSON), and again only once a minute while checks keep failing, however
 * often the load balancer probes.
 */
@Injectable()
export class HealthFailureLogger extends ConsoleLogger {
  private readonly logger = new Logger('Health');
  private lastLogged = 0;
  private suppressed = 0;

  override error(message: unknown): void {
    const now = Date.now();
    if (now - this.lastLogged < REPEAT_AFTER_MS) {
      this.suppressed++;
      return;
    }
    const repeats = this.suppressed ? ` (${this.suppressed} more failed checks since the last line)` : '';
    this.lastLogged = now;
    this.suppressed = 0;
    this.logger.warn(`${String(message).replace(/\s+/g, ' ')}${repeats}`);
  }
}
