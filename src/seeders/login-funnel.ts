import type { Rng } from './random.js';
import type { SessionWriter, SignedInUser } from './session-writer.js';
import { SECOND } from './timeline.js';

/*
 * The seven steps the spec's funnel query (query 6) measures, in order:
 *   1 we_page_load on /login   2 login_button_clicked   3 email_entered   4 otp_requested
 *   5 otp_entered   6 login_success   7 we_page_load on /dashboard
 * Successful visits come from the learners' journeys; the visits that give up are generated
 * separately (anonymous-visits.ts) at about one per success, which gives the target shape
 * 100% → 80% → 70% → 65% → 55% → 50% → 48%.
 */

export type FunnelOutcome =
  | {
      readonly kind: 'success';
      readonly user: SignedInUser;
      readonly newUser: boolean;
      /** 96% land on the dashboard; the rest are sent back to the page they came from. */
      readonly reachDashboard: boolean;
      readonly returnTo: string;
    }
  /** Gave up after this step (1–5); step 5 means the OTP was wrong or expired. */
  | { readonly kind: 'dropped'; readonly lastStep: 1 | 2 | 3 | 4 | 5 };

/**
 * How far the visitors who do not log in get: 40% leave the login page untouched, 20% after
 * clicking, 10% after typing their e-mail, 20% never use the OTP, 10% fail to verify it.
 */
export const DROP_OFF_STEPS: readonly (readonly [1 | 2 | 3 | 4 | 5, number])[] = [
  [1, 40],
  [2, 20],
  [3, 10],
  [4, 20],
  [5, 10],
];

/** Plays the funnel from the login page on; returns the time of login_success, if reached. */
export function runLoginFunnel(w: SessionWriter, rng: Rng, outcome: FunnelOutcome): number | null {
  const lastStep = outcome.kind === 'success' ? 7 : outcome.lastStep;
  const giveUp = () => {
    // Visitors linger a little before closing the tab; some wander back to the home page.
    w.wait(rng.int(5, 90) * SECOND);
    if (rng.chance(0.3)) w.view('/');
    return null;
  };

  w.view('/login');
  if (lastStep === 1) return giveUp();

  w.wait(rng.int(3, 25) * SECOND);
  w.click('continue_with_email', null, { action: 'login_button_clicked' });
  if (lastStep === 2) return giveUp();

  w.wait(rng.int(6, 40) * SECOND);
  w.emit({ type: 'auth_event', action: 'email_entered', data: { method: 'email' } });
  if (lastStep === 3) return giveUp();

  w.wait(rng.int(1, 3) * SECOND);
  w.emit({ type: 'auth_event', action: 'otp_requested', data: { channel: 'email' } });
  w.wait(rng.int(500, 2000));
  w.view('/login/verify');
  if (lastStep === 4) return giveUp();

  w.wait(rng.int(20, 150) * SECOND);
  w.emit({ type: 'auth_event', action: 'otp_entered' });
  if (outcome.kind === 'dropped') {
    w.wait(rng.int(500, 1500));
    const reason = rng.weighted([
      ['invalid_otp', 70],
      ['otp_expired', 30],
    ] as const);
    w.emit({ type: 'auth_event', action: 'login_failed', data: { reason, attempt: 1 } });
    return giveUp();
  }

  // A few successful visitors mistype the code once before getting in.
  if (rng.chance(0.08)) {
    w.wait(rng.int(500, 1500));
    w.emit({ type: 'auth_event', action: 'login_failed', data: { reason: 'invalid_otp', attempt: 1 } });
    w.wait(rng.int(10, 45) * SECOND);
    w.emit({ type: 'auth_event', action: 'otp_entered' });
  }

  w.wait(rng.int(400, 1500));
  w.signIn(outcome.user);
  const loggedInAt = w.now;
  w.emit({
    type: 'auth_event',
    action: 'login_success',
    data: { method: 'email_otp', new_user: outcome.newUser },
  });
  w.wait(rng.int(800, 3000));
  w.view(outcome.reachDashboard ? '/dashboard' : outcome.returnTo);
  return loggedInAt;
}
