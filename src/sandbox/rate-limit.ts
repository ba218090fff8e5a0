/**
 * Sliding-window limiter, one window per key (an app). Only admitted calls are recorded, so a client
 * that backs off gets through again once the window has moved on.
 */
export class SlidingWindowLimiter {
  readonly #admitted = new Map<string, number[]>();

  /** Records the call and returns true when fewer than `max` calls were admitted within the window. */
  tryAdmit(key: string, nowMs: number, limit: { max: number; windowSeconds: number }): boolean {
    const windowStart = nowMs - limit.windowSeconds * 1000;
    const recent = (this.#admitted.get(key) ?? []).filter((at) => at > windowStart);
    if (recent.length >= limit.max) {
      this.#admitted.set(key, recent);
      return false;
    }
    recent.push(nowMs);
    this.#admitted.set(key, recent);
    return true;
  }

  clear(): void {
    this.#admitted.clear();
  }
}
