import os from 'node:os';
import { BENCH_USER } from './app-names.ts';
import { type BenchDatabase, createBenchDatabase, POSTGRES_ADDRESS, postgresReachable } from './database.ts';
import { rotated, roundFigures, summarise } from './figures.ts';
import { createFlows, type Flow, type FlowName, tokenOwner } from './flows.ts';
import { runBatch } from './load.ts';
import { type BenchApp, describeDatabase, seedBenchApp, startBenchApp } from './nocobase-app.ts';
import type { BenchOptions, DatabaseChoice } from './options.ts';
import { elapsedSeconds, progress } from './progress.ts';
import {
  AIM_WECOM_TO_FLOOR,
  type BenchResults,
  describeMachine,
  type FlowRound,
  type FlowSummary,
  type LoadCalls,
  type Machine,
  renderMarkdown,
} from './report.ts';
import { writeResults } from './results-file.ts';
import { type BenchSandbox, startBenchSandbox, trustAppHost } from './sandbox.ts';
import { median, round } from './stats.ts';
import { type CallCount, countWeComCalls, splitCalls } from './wecom-calls.ts';

interface Setting {
  db: DatabaseChoice;
  concurrency: number;
  /** Timed sign-ins per flow per round. */
  perRound: number;
  /** Said in the output when the run is not the intended one (SQLite fallback, SQLite with concurrency). */
  note: string;
}

/**
 * PostgreSQL when reachable: NocoBase's token issuing fails under concurrent transactions on SQLite
 * ("cannot commit - no transaction is active"), so SQLite only runs one sign-in at a time.
 */
async function chooseSetting(options: BenchOptions): Promise<Setting> {
  const perRound = Math.ceil(options.iterations / options.rounds);
  if (options.db === 'postgres' || (options.db === null && (await postgresReachable()))) {
    return { db: 'postgres', concurrency: options.concurrency ?? 8, perRound, note: '' };
  }
  const why = options.db === 'sqlite' ? 'SQLite as asked' : `PostgreSQL not reachable on ${POSTGRES_ADDRESS}: SQLite`;
  const concurrency = options.concurrency ?? 1;
  const risk = concurrency > 1 ? '; concurrent sign-ins may fail on SQLite' : '';
  return { db: 'sqlite', concurrency, perRound, note: `${why}, concurrency ${concurrency}${risk}.` };
}

/** Untimed sign-ins per flow, then one token per flow checked to be the bench user's. */
async function warmUp(bench: BenchApp, flows: Flow[], options: BenchOptions, concurrency: number): Promise<void> {
  const user = await bench.app.db.getRepository('users').findOne({ filter: { username: BENCH_USER.username } });
  const userId: unknown = user?.get('id');
  for (const flow of flows) {
    const batch = await runBatch(await flow.prepare(Math.max(1, options.warmup), concurrency), concurrency);
    const owner = await tokenOwner(bench.origin, flow, batch.sampleToken);
    if (owner !== userId) throw new Error(`${flow.name}: the token belongs to user ${owner}, not ${String(userId)}`);
    progress(`warm-up ${flow.name}: ${batch.count} sign-ins, token checked with auth:check`);
  }
}

interface Measured {
  rounds: Map<FlowName, FlowRound[]>;
  loadCalls: LoadCalls;
}

async function measureRounds(
  flows: Flow[],
  sandbox: BenchSandbox,
  rounds: number,
  { perRound, concurrency }: Setting,
): Promise<Measured> {
  const figuresByFlow = new Map<FlowName, FlowRound[]>(flows.map((flow) => [flow.name, []]));
  const loadApi: Record<string, number> = {};
  let loadSignIns = 0;
  const sandboxCpuMs: number[] = [];
  for (let index = 0; index < rounds; index++) {
    // Prepared per round, not all up front: WeCom's codes live 5 minutes.
    const prepared = new Map(
      await Promise.all(flows.map(async (flow) => [flow.name, await flow.prepare(perRound, concurrency)] as const)),
    );
    for (const flow of rotated(flows, index)) {
      if (flow.name === 'wecom') await sandbox.control.resetCalls();
      const sandboxCpuBefore = await sandbox.cpuMs();
      const batch = await runBatch(prepared.get(flow.name) ?? [], concurrency);
      const sandboxCpuAfter = await sandbox.cpuMs();
      const figures = roundFigures(batch);
      figuresByFlow.get(flow.name)?.push(figures);
      if (flow.name === 'wecom') {
        if (sandboxCpuBefore !== null && sandboxCpuAfter !== null) {
          sandboxCpuMs.push((sandboxCpuAfter - sandboxCpuBefore) / batch.count);
        }
        loadSignIns += batch.count;
        for (const [path, count] of Object.entries(splitCalls(await sandbox.control.calls()).api)) {
          loadApi[path] = (loadApi[path] ?? 0) + count;
        }
      }
      progress(
        `round ${index + 1}/${rounds} ${flow.name.padEnd(14)} ${figures.throughputPerSecond.toFixed(1).padStart(7)} sign-ins/s  ` +
          `p50 ${figures.p50Ms.toFixed(1)} ms  p99 ${figures.p99Ms.toFixed(1)} ms  CPU ${figures.cpuMsPerSignIn.toFixed(1)} ms/sign-in`,
      );
    }
  }
  const apiTotal = Object.values(loadApi).reduce((sum, count) => sum + count, 0);
  return {
    rounds: figuresByFlow,
    loadCalls: {
      signIns: loadSignIns,
      api: loadApi,
      apiPerSignIn: apiTotal / loadSignIns,
      sandboxCpuMsPerSignIn: sandboxCpuMs.length ? round(median(sandboxCpuMs), 2) : null,
    },
  };
}

function ratio(
  flows: FlowSummary[],
  numerator: FlowName,
  denominator: FlowName,
  figure: (flow: FlowSummary) => number = (flow) => flow.throughputPerSecond,
): number {
  const named = (name: FlowName): number => {
    const flow = flows.find((candidate) => candidate.name === name);
    return flow ? figure(flow) : Number.NaN;
  };
  return round(named(numerator) / named(denominator), 3);
}

interface Resources {
  sandbox: BenchSandbox | null;
  database: BenchDatabase | null;
  bench: BenchApp | null;
}

/** Stops what was started, in reverse order; the throwaway database goes last, once nothing uses it. */
async function closeAll(resources: Resources): Promise<void> {
  await resources.bench?.close().catch((error: unknown) => console.error('closing NocoBase:', error));
  await resources.sandbox?.close().catch((error: unknown) => console.error('closing the sandbox:', error));
  await resources.database?.drop().catch((error: unknown) => console.error('dropping the database:', error));
}

/**
 * Ctrl-C should still stop the sandbox process and drop the throwaway database. Returns the removal of the
 * handler, so that a later part of the bench (the browser) can clean up after itself instead.
 */
function closeOnInterrupt(resources: Resources): () => void {
  const onInterrupt = (): void => {
    console.error('\ninterrupted: cleaning up');
    void closeAll(resources).finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  return () => process.off('SIGINT', onInterrupt);
}

function buildResults(input: {
  options: BenchOptions;
  setting: Setting;
  machine: Machine;
  callsPerSignIn: CallCount[];
  measured: Measured;
  flows: Flow[];
}): BenchResults {
  const { options, setting, measured } = input;
  const summaries = input.flows.map((flow) => summarise(flow, measured.rounds.get(flow.name) ?? []));
  const wecomToFloor = ratio(summaries, 'wecom', 'floor');
  return {
    machine: input.machine,
    settings: {
      rounds: options.rounds,
      iterationsPerRound: setting.perRound,
      concurrency: setting.concurrency,
      warmup: options.warmup,
      sandbox: options.sandbox,
      note: setting.note,
    },
    callsPerSignIn: input.callsPerSignIn,
    callsUnderLoad: measured.loadCalls,
    flows: summaries,
    ratios: {
      wecomToFloorThroughput: wecomToFloor,
      wecomToFloorRedirectThroughput: ratio(summaries, 'wecom', 'floor-redirect'),
      wecomToPasswordThroughput: ratio(summaries, 'wecom', 'password'),
      // Inverted on purpose: less CPU per sign-in means more sign-ins per second.
      wecomToFloorByCpu: ratio(summaries, 'floor', 'wecom', (flow) => flow.cpuMsPerSignIn),
      aimWecomToFloor: AIM_WECOM_TO_FLOOR,
      aimMet: wecomToFloor >= AIM_WECOM_TO_FLOOR,
    },
    durationSeconds: elapsedSeconds(),
  };
}

export async function runBench(options: BenchOptions, projectRoot: string): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  const setting = await chooseSetting(options);
  // What a deployment's environment says; NocoBase's token controller awaits its clean-up only when it reads sqlite.
  process.env.DB_DIALECT = setting.db;
  progress(`database ${setting.db}, concurrency ${setting.concurrency}${setting.note ? ` (${setting.note})` : ''}`);
  const resources: Resources = { sandbox: null, database: null, bench: null };
  const dropInterruptHandler = closeOnInterrupt(resources);
  try {
    const sandbox = await startBenchSandbox(options.sandbox, projectRoot);
    resources.sandbox = sandbox;
    progress(`WeCom sandbox at ${sandbox.url} (${options.sandbox === 'process' ? 'child process' : 'this process'})`);
    resources.database = await createBenchDatabase(setting.db);
    const bench = await startBenchApp(resources.database);
    resources.bench = bench;
    await trustAppHost(sandbox, new URL(bench.origin).host);
    await seedBenchApp(bench, sandbox);
    const databaseLabel = await describeDatabase(bench);
    progress(`NocoBase at ${bench.origin}, ${databaseLabel}`);

    const callsPerSignIn = await countWeComCalls(bench.origin, sandbox);
    for (const count of callsPerSignIn) progress(`${count.scenario}: ${count.apiTotal} WeCom API call(s)`);

    const flows = createFlows(bench.origin, setting.concurrency);
    await warmUp(bench, flows, options, setting.concurrency);
    const measured = await measureRounds(flows, sandbox, options.rounds, setting);
    const machine = describeMachine(databaseLabel, loadAtStart);
    const results = buildResults({ options, setting, machine, callsPerSignIn, measured, flows });
    const files = await writeResults(new URL('./', import.meta.url), { server: results });
    console.log(`\n${renderMarkdown(results)}`);
    progress(`wrote ${files.join(' and ')}`);
  } finally {
    await closeAll(resources);
    dropInterruptHandler();
    progress('stopped NocoBase and the sandbox, dropped the throwaway database');
  }
}
