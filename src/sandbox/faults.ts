import type { SandboxFault } from './types.ts';

/** What to do with one call that a fault applies to. */
export type FaultAction = Omit<SandboxFault, 'endpoint' | 'count'>;

/**
 * Faults per endpoint, applied in the order they were added: the first one serves its `count`
 * calls, then the next one takes over.
 */
export class FaultQueue {
  readonly #pending = new Map<string, { action: FaultAction; remaining: number }[]>();

  add(fault: SandboxFault): void {
    const { endpoint, count, ...action } = fault;
    const queue = this.#pending.get(endpoint) ?? [];
    queue.push({ action, remaining: count });
    this.#pending.set(endpoint, queue);
  }

  /** Consumes one call's worth of the first pending fault of the endpoint. */
  take(endpoint: string): FaultAction | undefined {
    const queue = this.#pending.get(endpoint);
    const head = queue?.[0];
    if (!queue || !head) {
      return undefined;
    }
    head.remaining -= 1;
    if (head.remaining <= 0) {
      queue.shift();
    }
    if (queue.length === 0) {
      this.#pending.delete(endpoint);
    }
    return head.action;
  }

  /** Pending faults, for the control API. */
  list(): SandboxFault[] {
    return [...this.#pending].flatMap(([endpoint, queue]) =>
      queue.map(({ action, remaining }) => ({ endpoint, count: remaining, ...action })),
    );
  }

  clear(): void {
    this.#pending.clear();
  }
}
