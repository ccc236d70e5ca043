import { describe, expect, it } from '@jest/globals';
import { RequestValidationError } from '../../../common/validation/validation.js';
import type { FieldProblem } from '../../../common/errors/domain-error.js';
import { FUNNEL_ACTIONS, SERVER_ONLY_ACTIONS } from '../analytics.constants.js';
import { validateEventBatch } from './event-validator.js';

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
});
