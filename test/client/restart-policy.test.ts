// The client's restart policy with a fake clock: 4 restarts within 3 minutes, then one stop that is told to the user once.
import * as assert from 'node:assert/strict';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from '../../client/src/restart-policy';

const MINUTE = 60 * 1000;
const WINDOW = 3 * MINUTE;

describe('client restart policy', () => {
  it('defaults to 4 restarts within 3 minutes', () => {
    assert.deepEqual(DEFAULT_RESTART_POLICY, { maxRestarts: 4, windowMs: WINDOW });
  });

  it('restarts the first 4 crashes and stops at the 5th within the window', () => {
    const policy = new RestartPolicy();
    assert.deepEqual([0, 1000, 2000, 3000, 4000].map((t) => policy.closed(t)), ['restart', 'restart', 'restart', 'restart', 'stop']);
  });

  it('counts a restart exactly 3 minutes old as outside the window (boundary)', () => {
    const inside = new RestartPolicy();
    assert.deepEqual([0, 10, 20, 30, WINDOW - 1].map((t) => inside.closed(t)), ['restart', 'restart', 'restart', 'restart', 'stop']);
    const outside = new RestartPolicy();
    assert.deepEqual([0, 10, 20, 30, WINDOW].map((t) => outside.closed(t)), ['restart', 'restart', 'restart', 'restart', 'restart']);
    // The window slides: at WINDOW + 9 the crash at 10 still counts (4 in the window), at WINDOW + 10 it does not.
    assert.equal(outside.closed(WINDOW + 9), 'stop');
  });

  it('slides: crashes spread out over time never stop the server', () => {
    const policy = new RestartPolicy();
    const decisions = Array.from({ length: 20 }, (_, i) => policy.closed(i * (WINDOW / 4 + 1)));
    assert.deepEqual(decisions, Array(20).fill('restart'));
  });

  it('tells the user once per stop, stays stopped, and starts afresh when the user starts the server', () => {
    const policy = new RestartPolicy();
    assert.equal(policy.shouldTellUser(), false, 'nothing to tell before a stop');
    for (const t of [0, 1, 2, 3]) assert.equal(policy.closed(t), 'restart');
    assert.equal(policy.shouldTellUser(), false);
    assert.equal(policy.closed(4), 'stop');
    assert.equal(policy.shouldTellUser(), true);
    assert.equal(policy.shouldTellUser(), false, 'told once');
    // Closed again without a new start (a late close event): still stopped, still silent, even after the window.
    assert.equal(policy.closed(5), 'stop');
    assert.equal(policy.closed(10 * WINDOW), 'stop');
    assert.equal(policy.shouldTellUser(), false);

    policy.userStarted();
    assert.equal(policy.recentRestarts, 0);
    assert.deepEqual([100, 101, 102, 103, 104].map((t) => policy.closed(10 * WINDOW + t)), ['restart', 'restart', 'restart', 'restart', 'stop']);
    assert.equal(policy.shouldTellUser(), true, 'a new stop after the user restarted is told again, once');
    assert.equal(policy.shouldTellUser(), false);
  });

  it('ignores userStarted while running (automatic restarts keep their history)', () => {
    const policy = new RestartPolicy();
    for (const t of [0, 1, 2]) policy.closed(t);
    policy.userStarted();
    assert.equal(policy.recentRestarts, 3);
    assert.deepEqual([policy.closed(3), policy.closed(4)], ['restart', 'stop']);
  });

  it('takes other limits', () => {
    const policy = new RestartPolicy({ maxRestarts: 1, windowMs: 1000 });
    assert.deepEqual([0, 999, 2000, 2999, 3000].map((t) => policy.closed(t)), ['restart', 'stop', 'stop', 'stop', 'stop']);
    const spaced = new RestartPolicy({ maxRestarts: 1, windowMs: 1000 });
    assert.deepEqual([0, 1000, 1999, 2000].map((t) => spaced.closed(t)), ['restart', 'restart', 'stop', 'stop']);
  });
});
