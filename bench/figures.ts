import type { Flow } from './flows.ts';
import type { BatchResult } from './load.ts';
import type { FlowRound, FlowSummary } from './report.ts';
import { median, percentile, round } from './stats.ts';

export function roundFigures(batch: BatchResult): FlowRound {
  return {
    signIns: batch.count,
    wallMs: round(batch.wallMs, 1),
    throughputPerSecond: round(batch.count / (batch.wallMs / 1000), 2),
    p50Ms: round(percentile(batch.latenciesMs, 50), 2),
    p99Ms: round(percentile(batch.latenciesMs, 99), 2),
    cpuMsPerSignIn: round(batch.cpuMs / batch.count, 2),
  };
}

export function summarise(flow: Flow, rounds: FlowRound[]): FlowSummary {
  return {
    name: flow.name,
    label: flow.label,
    request: flow.request,
    throughputPerSecond: round(median(rounds.map((r) => r.throughputPerSecond)), 2),
    p50Ms: round(median(rounds.map((r) => r.p50Ms)), 2),
    p99Ms: round(median(rounds.map((r) => r.p99Ms)), 2),
    cpuMsPerSignIn: round(median(rounds.map((r) => r.cpuMsPerSignIn)), 2),
    rounds,
  };
}

/** Each round starts with the next flow, so no flow always runs first or last (after another's garbage). */
export function rotated<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
