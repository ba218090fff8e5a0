import { performance } from 'node:perf_hooks';
import { round } from './stats.ts';

/** Seconds since the process started (performance.now() counts from then), so loading NocoBase counts too. */
export function elapsedSeconds(): number {
  return round(performance.now() / 1000, 1);
}

export function progress(message: string): void {
  const seconds = elapsedSeconds().toFixed(1).padStart(6);
  console.log(`[${seconds}s] ${message}`);
}
