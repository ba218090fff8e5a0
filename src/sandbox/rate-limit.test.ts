import { SlidingWindowLimiter } from './rate-limit.ts';

describe('SlidingWindowLimiter', () => {
  const limit = { max: 2, windowSeconds: 10 };

  it('admits up to max calls per window and key', () => {
    const limiter = new SlidingWindowLimiter();
    expect(limiter.tryAdmit('a', 0, limit)).toBe(true);
    expect(limiter.tryAdmit('a', 1000, limit)).toBe(true);
    expect(limiter.tryAdmit('a', 2000, limit)).toBe(false);
    expect(limiter.tryAdmit('b', 2000, limit)).toBe(true);
  });

  it('admits again once the oldest call has left the window', () => {
    const limiter = new SlidingWindowLimiter();
    limiter.tryAdmit('a', 0, limit);
    limiter.tryAdmit('a', 5000, limit);
    expect(limiter.tryAdmit('a', 9999, limit)).toBe(false);
    expect(limiter.tryAdmit('a', 10_001, limit)).toBe(true);
  });
});
