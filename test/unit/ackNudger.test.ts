import * as assert from 'node:assert/strict';
import { AckNudger, MAX_UNANSWERED_NUDGES } from '../../src/debug/cdp/ackNudger';
import { FakeClock } from './endpointTokensFakeClock';

/** A nudger on a fake clock whose nudges the test answers by hand. */
function nudgerOnFakeClock(intervalMs = 3): { nudger: AckNudger; clock: FakeClock; sent: () => number; answerAll: () => Promise<void> } {
  const clock = new FakeClock();
  const answers: (() => void)[] = [];
  let sent = 0;
  const nudger = new AckNudger(() => {
    sent++;
    return new Promise<void>((resolve) => answers.push(resolve));
  }, clock, intervalMs);
  return {
    nudger,
    clock,
    sent: () => sent,
    answerAll: async () => {
      for (const answer of answers.splice(0)) answer();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('the ACK nudger (a harmless command every few ms while someone waits on the target)', () => {
  it('sends nothing while nobody waits, and nothing for an answer that comes within the first interval', () => {
    const { nudger, clock, sent } = nudgerOnFakeClock();
    clock.advance(100);
    assert.equal(sent(), 0);
    const hold = nudger.hold(500);
    clock.advance(2);
    hold.dispose();
    clock.advance(100);
    assert.equal(sent(), 0);
    assert.equal(clock.pendingTimers, 0, 'no timer left behind');
    assert.equal(nudger.isNudging, false);
  });

  it('nudges once per interval while a hold lasts, and stops when it is released', async () => {
    const { nudger, clock, sent, answerAll } = nudgerOnFakeClock(3);
    const hold = nudger.hold(500);
    for (let step = 0; step < 5; step++) {
      clock.advance(3);
      await answerAll();
    }
    assert.equal(sent(), 5);
    hold.dispose();
    clock.advance(30);
    assert.equal(sent(), 5);
    assert.equal(clock.pendingTimers, 0);
  });

  it('keeps one pace for overlapping holds and nudges until the last one ends', async () => {
    const { nudger, clock, sent, answerAll } = nudgerOnFakeClock(3);
    const first = nudger.hold(500);
    clock.advance(2);
    const second = nudger.hold(500);
    clock.advance(1);
    assert.equal(sent(), 1, 'the second hold does not add nudges of its own');
    await answerAll();
    first.dispose();
    clock.advance(3);
    assert.equal(sent(), 2, 'the second hold still waits');
    await answerAll();
    second.dispose();
    clock.advance(30);
    assert.equal(sent(), 2);
    assert.equal(nudger.isNudging, false);
  });

  it('counts, for each hold, the nudges sent while it lasted', async () => {
    const { nudger, clock, answerAll } = nudgerOnFakeClock(3);
    const long = nudger.hold(500);
    clock.advance(3);
    await answerAll();
    const short = nudger.hold(500);
    clock.advance(3);
    await answerAll();
    short.dispose();
    clock.advance(3);
    await answerAll();
    long.dispose();
    assert.deepEqual([long.nudges, short.nudges], [3, 1]);
  });

  it('ends a hold nobody released after its longest time', async () => {
    const { nudger, clock, sent, answerAll } = nudgerOnFakeClock(3);
    nudger.hold(10);
    for (let step = 0; step < 10; step++) {
      clock.advance(3);
      await answerAll();
    }
    assert.equal(sent(), 3, 'nudges at 3, 6 and 9 ms, none after the hold expired at 10 ms');
    assert.equal(nudger.isNudging, false);
    assert.equal(clock.pendingTimers, 0);
  });

  it('stops nudging a target that answers none of them, and resumes once it answers', async () => {
    const { nudger, clock, sent, answerAll } = nudgerOnFakeClock(3);
    const hold = nudger.hold(500);
    for (let step = 0; step < 10; step++) clock.advance(3);
    assert.equal(sent(), MAX_UNANSWERED_NUDGES, 'a busy target gets no pile of commands');
    await answerAll();
    clock.advance(3);
    assert.equal(sent(), MAX_UNANSWERED_NUDGES + 1);
    hold.dispose();
  });

  it('a rejected nudge (the connection closed) counts as answered', async () => {
    const clock = new FakeClock();
    let sent = 0;
    const nudger = new AckNudger(() => {
      sent++;
      return Promise.reject(new Error('the CDP connection is closed'));
    }, clock, 3);
    const hold = nudger.hold(500);
    for (let step = 0; step < 6; step++) {
      clock.advance(3);
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(sent, 6);
    hold.dispose();
  });

  it('after dispose, nothing runs and new holds do nothing', () => {
    const { nudger, clock, sent } = nudgerOnFakeClock(3);
    nudger.hold(500);
    nudger.dispose();
    nudger.hold(500);
    clock.advance(100);
    assert.equal(sent(), 0);
    assert.equal(nudger.isNudging, false);
    assert.equal(clock.pendingTimers, 0);
  });
});
