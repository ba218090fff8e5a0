import { describeApiCalls } from './call-counts.ts';
import { CPU_PARTS, type CpuByPart } from './process-cpu.ts';
import { AIM_WECOM_TO_FLOOR, type FlowSummary, type Machine, table } from './report.ts';
import { round } from './stats.ts';

/** Through nginx over both nodes, or through a second nginx over node 1 alone. */
export type ClusterTarget = 'two-nodes' | 'one-node';

export type ClusterFlow = FlowSummary & {
  target: ClusterTarget;
  /**
   * CPU ms per sign-in of each part of the machine (medians across rounds); `cpuMsPerSignIn` is the bench's alone.
   * Absent from results written before it was measured.
   */
  cpuByPart?: CpuByPart;
};

export interface ClusterRatios {
  /** Two nodes: WeCom callback ÷ floor throughput, the goal's figure. */
  twoNodesWecomToFloor: number;
  oneNodeWecomToFloor: number;
  /** Sign-ins per second on two nodes ÷ on one, for each flow. */
  twoNodesToOneNodeWecom: number;
  twoNodesToOneNodeFloor: number;
  aimWecomToFloor: number;
  aimMet: boolean;
}

export interface ClusterResults {
  machine: Machine;
  settings: { rounds: number; perRound: number; concurrency: number; warmup: number; nodes: number };
  flows: ClusterFlow[];
  ratios: ClusterRatios;
  /** Every WeCom API call both nodes made during the timed rounds (preparing each sign-in included). */
  weComCalls: { signIns: number; api: Record<string, number> };
  durationSeconds: number;
}

function throughput(flows: readonly ClusterFlow[], target: ClusterTarget, name: 'wecom' | 'floor'): number {
  return flows.find((flow) => flow.target === target && flow.name === name)?.throughputPerSecond ?? Number.NaN;
}

export function clusterRatios(flows: readonly ClusterFlow[]): ClusterRatios {
  const twoNodesWecomToFloor = round(
    throughput(flows, 'two-nodes', 'wecom') / throughput(flows, 'two-nodes', 'floor'),
    3,
  );
  return {
    twoNodesWecomToFloor,
    oneNodeWecomToFloor: round(throughput(flows, 'one-node', 'wecom') / throughput(flows, 'one-node', 'floor'), 3),
    twoNodesToOneNodeWecom: round(throughput(flows, 'two-nodes', 'wecom') / throughput(flows, 'one-node', 'wecom'), 3),
    twoNodesToOneNodeFloor: round(throughput(flows, 'two-nodes', 'floor') / throughput(flows, 'one-node', 'floor'), 3),
    aimWecomToFloor: AIM_WECOM_TO_FLOOR,
    aimMet: twoNodesWecomToFloor >= AIM_WECOM_TO_FLOOR,
  };
}

const TARGET_LABELS: Record<ClusterTarget, string> = {
  'two-nodes': 'two nodes (nginx round robin)',
  'one-node': 'one node (nginx over node 1)',
};

/** The CPU table's lines, for the flows that have the figures. */
function cpuTable(flows: readonly ClusterFlow[]): string[] {
  const measured = flows.flatMap((flow) => (flow.cpuByPart ? [{ flow, cpu: flow.cpuByPart }] : []));
  if (measured.length === 0) return [];
  return [
    'CPU ms per sign-in, by what used it (the bench is the load generator and, here, the WeCom sandbox):',
    '',
    table(
      ['Flow', 'Through', ...CPU_PARTS, 'all'],
      measured.map(({ flow, cpu }) => [
        flow.label,
        TARGET_LABELS[flow.target],
        ...CPU_PARTS.map((part) => round(cpu[part], 2)),
        round(
          CPU_PARTS.reduce((sum, part) => sum + cpu[part], 0),
          2,
        ),
      ]),
    ),
    '',
  ];
}

export function renderClusterMarkdown(results: ClusterResults): string {
  const { settings: s, ratios: r, machine: m } = results;
  const verdict = r.aimMet ? 'met' : 'NOT met';
  return [
    '## Two nodes through nginx',
    '',
    `${s.nodes} NocoBase processes (\`nocobase start\`) on one PostgreSQL database and NocoBase's cache on Redis, behind Debian's nginx, ` +
      `on the same ${m.cores}-core machine as everything else (${m.date}). ${s.rounds} rounds × ${s.perRound} sign-ins per flow and target ` +
      `(after ${s.warmup} warm-up), concurrency ${s.concurrency}, flows and targets interleaved; medians across rounds. ` +
      `${results.durationSeconds} s with the cluster's install and start.`,
    '',
    table(
      ['Flow', 'Through', 'Sign-ins/s', 'p50 ms', 'p99 ms'],
      results.flows.map((flow) => [
        flow.label,
        TARGET_LABELS[flow.target],
        round(flow.throughputPerSecond, 1),
        round(flow.p50Ms, 1),
        round(flow.p99Ms, 1),
      ]),
    ),
    '',
    ...cpuTable(results.flows),
    `- two nodes, wecom/floor throughput: **${r.twoNodesWecomToFloor.toFixed(2)}** (aim ≥ ${r.aimWecomToFloor.toFixed(2)}: ${verdict}); ` +
      `one node through nginx: ${r.oneNodeWecomToFloor.toFixed(2)}`,
    `- two nodes ÷ one node: wecom **${r.twoNodesToOneNodeWecom.toFixed(2)}**, floor **${r.twoNodesToOneNodeFloor.toFixed(2)}** ` +
      `(both nodes, nginx, PostgreSQL, Redis, the sandbox and the load generator share ${m.cores} cores)`,
    `- WeCom API calls of both nodes during the timed rounds (${results.weComCalls.signIns} WeCom sign-ins): ` +
      describeApiCalls(results.weComCalls.api),
    '',
  ].join('\n');
}
