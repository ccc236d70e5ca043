import type { RateLimitRule } from '../../../infra/rate-limit/rate-limit.service.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * The limits on login codes (sliding windows in PostgreSQL, so they hold across instances). Limits
 * shared by all clients are several times the per-client ones: one client cannot use up an
 * address's allowance, so locking someone out takes many clients (IPv4 addresses or IPv6 /64s).
 *
 * Requesting codes: one a minute per address (`OtpService`), five an hour per client and address,
 * twenty an hour per address from all clients. Only codes actually sent count.
 */
export const otpRequestLimits = (client: string, email: string): RateLimitRule[] => [
  { key: `otp-request:${client}:${email}`, limit: 5, windowSeconds: HOUR },
  { key: `otp-request:${email}`, limit: 20, windowSeconds: HOUR },
];

/**
 * Guessing codes: five tries per code (`OtpService`), and wrong codes per day: ten per client and
 * address, a hundred per address from all clients — at most 100 guesses of 10⁶ a day on one
 * address. A try is counted before the code is compared (parallel guesses cannot slip past) and
 * given back when it was right.
 */
export const otpFailureLimits = (client: string, email: string): RateLimitRule[] => [
  { key: `otp-fail:${client}:${email}`, limit: 10, windowSeconds: DAY },
  { key: `otp-fail:${email}`, limit: 100, windowSeconds: DAY },
];

/**
 * The platform-wide budget of wrong codes (`AUTH_OTP_FAILURE_BUDGET_PER_HOUR`). Past it — many
 * addresses being guessed at once — a client with a wrong code in the last hour gets no more
 * tries until the budget recovers; clients without one still log in, so an attack does not take
 * login down for everyone.
 */
export const OTP_GLOBAL_FAILURES = { key: 'otp-fail-global', windowSeconds: HOUR };
export const otpClientFailures = (client: string) => ({
  key: `otp-fail-client:${client}`,
  windowSeconds: HOUR,
});
