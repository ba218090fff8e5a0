import type { ProgressLog } from './nocobase-install.ts';

/**
 * What a start has brought up, stopped the last first: the demo's and the cluster's processes, files and databases.
 * A stop that fails is logged and the others still run; stopping twice waits for the one stop.
 */
export class StopList {
  private readonly stops: Array<() => Promise<void>> = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly log: ProgressLog) {}

  add(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  stopAll(): Promise<void> {
    this.stopping ??= this.runAll();
    return this.stopping;
  }

  private async runAll(): Promise<void> {
    for (const stop of this.stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => this.log(`! ${String(error)}`));
    }
  }
}
