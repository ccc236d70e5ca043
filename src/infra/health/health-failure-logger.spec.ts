import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { HealthFailureLogger } from './health-failure-logger.js';

describe('HealthFailureLogger', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('logs a failing check on one line, then once a minute with the count it left out', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const logger = new HealthFailureLogger();
    const failure =
      'Health Check has failed! {"database":{"status":"down",\n "message":"connect ECONNREFUSED"}}';
    for (let i = 0; i < 30; i++) {
      logger.error(failure);
      now += 1000; // a probe a second
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe(
      'Health Check has failed! {"database":{"status":"down", "message":"connect ECONNREFUSED"}}',
    );
    now += 31_000;
    logger.error(failure);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1]?.[0]).toMatch(/\(29 more failed checks since the last line\)$/);
  });
});
