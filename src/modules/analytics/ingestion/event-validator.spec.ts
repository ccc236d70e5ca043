import { describe, expect, it } from '@jest/globals';
import { RequestValidationError } from '../../../common/validation/validation.js';
import type { FieldProblem } from '../../../common/errors/domain-error.js';
import { FUNNEL_ACTIONS, SERVER_ONLY_ACTIONS } from '../analytics.constants.js';
import { isoTimestamp, validateEventBatch } from './event-validator.js';

/** The fields a rejected body is reported on (throws if the body is accepted). */
function rejectedFields(body: unknown): string[] {
  try {
    validateEventBatch(body, undefined);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestValidationError);
    return ((error as RequestValidationError).details as FieldProblem[]).map((d) => d.field);
  }
  throw new Error(`accepted: ${JSON.stringify(body)}`);
}

describe('validateEventBatch', () => {
  it('refuses keys that a plain-object lookup would find on Object.prototype', () => {
    for (const key of [
      'toString',
      'hasOwnProperty',
      'constructor',
      'valueOf',
      '__proto__',
      'isPrototypeOf',
    ]) {
      // JSON.parse, like the HTTP body parser, makes `__proto__` an own key.
      const event = JSON.parse(`{"eventType":"we_page_load","${key}":"x"}`);
      expect(rejectedFields(event)).toEqual([key]);
      expect(rejectedFields({ events: [event] })).toEqual([`events.0.${key}`]);
    }
  });

  it('does not read event fields through a smuggled prototype', () => {
    const event = JSON.parse('{"__proto__":{"eventType":"we_page_load"}}');
    expect(rejectedFields(event).sort()).toEqual(['__proto__', 'eventType']);
    const batch = JSON.parse('{"__proto__":{"events":[{"eventType":"we_page_load"}]}}');
    expect(rejectedFields(batch)).toContain('__proto__');
  });

  it('refuses every action the server records, naming events.N.eventAction', () => {
    for (const action of SERVER_ONLY_ACTIONS) {
      const events = [{ eventType: 'we_page_load' }, { eventType: 'auth_event', eventAction: action }];
      expect(rejectedFields({ events })).toEqual(['events.1.eventAction']);
    }
  });

  it('accepts the login funnel’s client steps and custom actions', () => {
    const clientSteps = FUNNEL_ACTIONS.filter((a) => !(SERVER_ONLY_ACTIONS as readonly string[]).includes(a));
    expect(clientSteps).toEqual(['login_button_clicked', 'email_entered', 'otp_entered']);
    const rows = validateEventBatch(
      {
        events: [...clientSteps, 'share_clicked'].map((eventAction) => ({
          eventType: 'auth_event',
          eventAction,
        })),
      },
      undefined,
    );
    expect(rows.map((r) => r.event_action)).toEqual([...clientSteps, 'share_clicked']);
  });

  it('stores a client timestamp exactly as Date.parse and toISOString would, in every form', () => {
    const now = Date.UTC(2028, 1, 29, 23, 59, 58, 5); // a leap day, near midnight
    const stored = (timestamp: string) =>
      validateEventBatch({ eventType: 'x', timestamp }, undefined, now)[0]!;
    const cases = [
      '2028-02-29T23:59:58.005Z',
      '2028-02-29T23:59:58.000Z',
      '2028-02-29T22:00:00.999Z',
      '2028-02-28T00:00:00.000Z',
      '2028-03-01T00:03:00.000Z',
      '2028-02-29T23:59:58Z',
      '2028-02-29T23:59:58.0051234Z',
      '2028-02-29T23:59:58.1+00:00',
      '2028-03-01T00:59:58.005+01:00',
      '2028-02-29T18:29:58.005-0530',
      '2028-02-29T23:59Z',
      // What Date.parse rolls over (the canonical reading refuses them and leaves them to it):
      '2028-02-30T00:00:00.000Z',
      '2028-02-29T24:00:00.000Z',
      '2027-02-29T00:00:00.000Z',
    ];
    for (const timestamp of cases) {
      const ms = Date.parse(timestamp);
      if (ms < now - 72 * 3600_000 || ms > now + 5 * 60_000) continue;
      expect([timestamp, stored(timestamp).timestamp]).toEqual([timestamp, new Date(ms).toISOString()]);
    }
    for (const timestamp of [
      '2028-02-29T23:60:00.000Z',
      '2028-13-01T00:00:00.000Z',
      '2028-02-29 23:59:58.005Z',
    ])
      expect(() => stored(timestamp)).toThrow();
    // Without a timestamp: the server's clock, in the same form.
    expect(validateEventBatch({ eventType: 'x' }, undefined, now)[0]!.timestamp).toBe(
      '2028-02-29T23:59:58.005Z',
    );
  });

  it('formats times as toISOString does (isoTimestamp), across seconds, days and years', () => {
    const starts = [0, Date.UTC(1999, 11, 31, 23, 59, 59), Date.UTC(2028, 1, 29, 12), Date.now()];
    for (const start of starts)
      for (let ms = start; ms < start + 2500; ms += 7)
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
    for (const ms of [-1, -86_400_000, 253402300799999, 253402300800000, 8.64e15])
      expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });
});
