import os from 'node:os';
import { describeApiCalls } from './call-counts.ts';
import type { FlowName } from './flows.ts';
import { round } from './stats.ts';
import type { CallCount } from './wecom-calls.ts';

/** Issue 8: the WeCom callback at least 0.9 of the floor on one node. */
export const AIM_WECOM_TO_FLOOR = 0.9;

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  database: string;
  date: string;
  /** 1-minute load average when the bench started and when it ended: others' work on a shared machine. */
  loadAverage: { start: number; end: number };
}

export interface FlowRound {
  signIns: number;
  wallMs: number;
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Less sensitive than wall time to other work on a shared machine. */
  cpuMsPerSignIn: number;
}

export interface FlowSummary {
  name: FlowName;
  label: string;
  request: string;
  /** Medians across rounds. */
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerSignIn: number;
  rounds: FlowRound[];
}

export interface LoadCalls {
  signIns: number;
  api: Record<string, number>;
  apiPerSignIn: number;
  /** The sandbox process's CPU per timed WeCom sign-in (median of rounds): WeCom's side, which shares this machine. */
  sandboxCpuMsPerSignIn: number | null;
}

export interface BenchResults {
  machine: Machine;
  settings: {
    rounds: number;
    iterationsPerRound: number;
    concurrency: number;
    warmup: number;
    sandbox: string;
    note: string;
  };
  callsPerSignIn: CallCount[];
  callsUnderLoad: LoadCalls;
  flows: FlowSummary[];
  ratios: {
    wecomToFloorThroughput: number;
    /** Against the floor answered in the callback's shape: the plugin's own overhead. */
    wecomToFloorRedirectThroughput: number;
    wecomToPasswordThroughput: number;
    /** floor CPU / wecom CPU per sign-in: what the throughput ratio would be if CPU were all that limited it. */
    wecomToFloorByCpu: number;
    aimWecomToFloor: number;
    aimMet: boolean;
  };
  durationSeconds: number;
}

export function describeMachine(database: string, loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    database,
    date: new Date().toISOString(),
    loadAverage: { start: round(loadAtStart, 2), end: round(os.loadavg()[0] ?? 0, 2) },
  };
}

function flowNamed(results: BenchResults, name: FlowName): FlowSummary | undefined {
  return results.flows.find((flow) => flow.name === name);
}

export function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function flowTable(results: BenchResults): string {
  const floor = flowNamed(results, 'floor');
  return table(
    ['Flow', 'Timed request', 'Sign-ins/s', 'p50 ms', 'p99 ms', 'CPU ms/sign-in', 'Throughput vs floor'],
    results.flows.map((flow) => [
      flow.label,
      `\`${flow.request}\``,
      round(flow.throughputPerSecond, 1),
      round(flow.p50Ms, 1),
      round(flow.p99Ms, 1),
      round(flow.cpuMsPerSignIn, 1),
      floor ? round(flow.throughputPerSecond / floor.throughputPerSecond, 2).toFixed(2) : '–',
    ]),
  );
}

function ratioLines(results: BenchResults): string {
  const wecom = flowNamed(results, 'wecom');
  const floor = flowNamed(results, 'floor');
  const shaped = flowNamed(results, 'floor-redirect');
  const password = flowNamed(results, 'password');
  if (!wecom || !floor || !shaped || !password) return '';
  const { ratios } = results;
  const verdict = ratios.aimMet ? 'met' : 'NOT met';
  const side = (pick: (flow: FlowSummary) => number): string =>
    [wecom, floor, shaped, password].map((flow) => round(pick(flow), 1)).join(' / ');
  return [
    `- wecom/floor throughput: **${ratios.wecomToFloorThroughput.toFixed(2)}** (aim ≥ ${ratios.aimWecomToFloor.toFixed(2)}: ${verdict})`,
    `- wecom/floor (callback-shaped) throughput: **${ratios.wecomToFloorRedirectThroughput.toFixed(2)}**`,
    `- wecom/password throughput: **${ratios.wecomToPasswordThroughput.toFixed(2)}**`,
    `- wecom/floor by CPU per sign-in (floor CPU ÷ wecom CPU): **${ratios.wecomToFloorByCpu.toFixed(2)}**`,
    `- p50 ms, wecom / floor / floor callback-shaped / password: ${side((flow) => flow.p50Ms)}`,
    `- p99 ms, wecom / floor / floor callback-shaped / password: ${side((flow) => flow.p99Ms)}`,
    `- CPU ms per sign-in, same order: ${side((flow) => flow.cpuMsPerSignIn)}` +
      (results.callsUnderLoad.sandboxCpuMsPerSignIn === null
        ? ''
        : `; the sandbox process (WeCom’s side) used another ${results.callsUnderLoad.sandboxCpuMsPerSignIn} ms per WeCom sign-in`),
  ].join('\n');
}

function callTable(results: BenchResults): string {
  const { callsUnderLoad: load } = results;
  return table(
    ['Sign-in', 'WeCom API calls', 'Calls', 'Expected', 'Browser pages on WeCom'],
    [
      ...results.callsPerSignIn.map((count) => [
        count.scenario,
        count.apiTotal,
        describeApiCalls(count.api),
        count.expected,
        count.browserHops,
      ]),
      [
        `Returning member inside WeCom, timed rounds (${load.signIns} sign-ins)`,
        `${round(load.apiPerSignIn, 3)} per sign-in`,
        describeApiCalls(load.api),
        'getuserinfo 1 per sign-in',
        '–',
      ],
    ],
  );
}

export function renderMarkdown(results: BenchResults): string {
  const { machine: m, settings: s } = results;
  return [
    '# WeCom sign-in benchmark',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.database}, ${m.date} ` +
      `(1-minute load average ${m.loadAverage.start} before the bench, ${m.loadAverage.end} at its end, the bench included).`,
    '',
    `One NocoBase app over HTTP on 127.0.0.1; WeCom sandbox ${s.sandbox === 'process' ? 'in a child process' : 'in the same process'}. ` +
      `${s.rounds} rounds × ${s.iterationsPerRound} sign-ins per flow (after ${s.warmup} warm-up), concurrency ${s.concurrency}, ` +
      `flows interleaved; figures are medians across rounds. ${results.durationSeconds} s from start to results.` +
      (s.note ? ` ${s.note}` : ''),
    '',
    '## Callback throughput and latency (same user, token issued by NocoBase each time)',
    '',
    flowTable(results),
    '',
    ratioLines(results),
    '',
    '## WeCom API calls per sign-in (counted by the sandbox)',
    '',
    callTable(results),
    '',
    '## How to read this',
    '',
    '- Every flow signs in the same NocoBase user and NocoBase issues each token the same way; the flows differ only in how the user is identified.',
    '- The floor (`bench-floor`, registered by the bench) looks up the binding (`usersAuthenticators`) and the user, nothing else. ' +
      'Through `auth:signIn` it answers with the user as JSON; the callback-shaped floor answers a bodiless 302 like the WeCom callback, ' +
      'so wecom/floor (callback-shaped) is the plugin’s own overhead: the sign-in state, one `getuserinfo` round trip, the redirect.',
    '- The WeCom callback’s setup (getAuthUrl, WeCom’s authorize 302) is not timed. WeCom here is the sandbox on 127.0.0.1, ' +
      'so the real network round trip to qyapi.weixin.qq.com is not in the latencies (it adds to them, not to CPU).',
    `- CPU ms/sign-in is this process’s CPU time (NocoBase and the load generator${s.sandbox === 'inline' ? ', and the sandbox' : '; not the sandbox'}) ` +
      'per sign-in: steadier than wall time when other work shares the machine (see the load averages).',
    '- Password sign-in is dominated by NocoBase’s scrypt password check, by design.',
    '',
  ].join('\n');
}
