import { describe, expect, it } from '@jest/globals';
import { applyHeartbeat, type ProgressState } from './heartbeat.js';

const rules = { completionThreshold: 0.9, heartbeatSlackSeconds: 30, maxWatchMultiple: 3 };
const video = { contentType: 'video' as const, duration: 100 };
const now = new Date('2026-01-01T00:00:00Z');
const fresh: ProgressState = { watched: 0, isCompleted: false, completedAt: null, secondsSinceLast: null };

describe('applyHeartbeat', () => {
  it('adds what was watched, at most wall-clock time since the last heartbeat plus slack', () => {
    expect(applyHeartbeat(fresh, { watchedSeconds: 20 }, video, rules, now).watched).toBe(20);
    expect(applyHeartbeat(fresh, { watchedSeconds: 500 }, video, rules, now).watched).toBe(30);
    const later = { ...fresh, watched: 10, secondsSinceLast: 15 };
    expect(applyHeartbeat(later, { watchedSeconds: 60 }, video, rules, now).watched).toBe(10 + 45);
  });

  it('never lets the total exceed the multiple of the duration', () => {
    const long = { ...fresh, watched: 290, secondsSinceLast: 100 };
    expect(applyHeartbeat(long, { watchedSeconds: 50 }, video, rules, now).watched).toBe(300);
  });

  it('completes a video at the threshold, once, with its timestamp never moved', () => {
    const near = { ...fresh, watched: 80, secondsSinceLast: 20 };
    const done = applyHeartbeat(near, { watchedSeconds: 10 }, video, rules, now);
    expect(done).toMatchObject({ watched: 90, isCompleted: true, completedNow: true, completedAt: now });
    const after = applyHeartbeat(
      { watched: 90, isCompleted: true, completedAt: now, secondsSinceLast: 5 },
      { watchedSeconds: 5 },
      video,
      rules,
      new Date('2026-02-01T00:00:00Z'),
    );
    expect(after).toMatchObject({ isCompleted: true, completedNow: false, completedAt: now });
  });

  it('ignores `completed` for videos and uses it for text and contests', () => {
    expect(applyHeartbeat(fresh, { watchedSeconds: 1, completed: true }, video, rules, now).isCompleted).toBe(
      false,
    );
    const text = { contentType: 'text' as const, duration: 300 };
    expect(applyHeartbeat(fresh, { watchedSeconds: 1, completed: true }, text, rules, now).completedNow).toBe(
      true,
    );
    expect(applyHeartbeat(fresh, { watchedSeconds: 300 }, text, rules, now).isCompleted).toBe(false);
  });

  it('reports each video milestone once, when crossed', () => {
    const first = applyHeartbeat(
      { ...fresh, watched: 20, secondsSinceLast: 40 },
      { watchedSeconds: 35 },
      video,
      rules,
      now,
    );
    expect(first.milestones).toEqual([25, 50]);
    const second = applyHeartbeat(
      { ...fresh, watched: 55, secondsSinceLast: 40 },
      { watchedSeconds: 5 },
      video,
      rules,
      now,
    );
    expect(second.milestones).toEqual([]);
    const third = applyHeartbeat(
      { ...fresh, watched: 74, secondsSinceLast: 40 },
      { watchedSeconds: 1 },
      video,
      rules,
      now,
    );
    expect(third.milestones).toEqual([75]);
  });
});
