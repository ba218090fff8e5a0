import { rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LOOPBACK_IPS, type SandboxApp, type StartedSandbox } from '../src/sandbox/index.ts';
import { type StartedCluster, startCluster } from '../src/testing/cluster.ts';
import { type StartedNginx, startNginx } from '../src/testing/nginx.ts';
import { NocoBaseAdmin } from '../src/testing/nocobase-admin.ts';
import type { RootAccount } from '../src/testing/nocobase-api.ts';
import { BENCH_USER, FLOOR_AUTH_TYPE, FLOOR_AUTHENTICATOR } from './app-names.ts';
import { type ClusterResults, type ClusterTarget, clusterRatios } from './cluster-report.ts';
import { rotated, roundFigures, summarise } from './figures.ts';
import { writeFloorPackage } from './floor-package.ts';
import { createFlows, type Flow, tokenOwner } from './flows.ts';
import { runBatch } from './load.ts';
import type { BenchOptions } from './options.ts';
import { CPU_PARTS, type CpuByPart, type CpuPart, cpuByPart, cpuPerSignIn } from './process-cpu.ts';
import { progress } from './progress.ts';
import { describeMachine, type FlowRound } from './report.ts';
import { writeResults } from './results-file.ts';
import { CORP_ID, MEMBERS } from './sandbox.ts';
import { median, round } from './stats.ts';
import { splitCalls } from './wecom-calls.ts';

/** Ports and databases of the bench's cluster, apart from the demo's, the tests' and the one-node bench's. */
export const BENCH_CLUSTER = {
  appDir: '.demo/bench-cluster',
  nodePorts: [13411, 13412],
  /** nginx, round robin over both nodes. */
  proxyPort: 13410,
  /** A second nginx in front of node 1 alone, so that one node is measured through a proxy too. */
  oneNodePort: 13413,
  sandboxPort: 8811,
  redisDatabase: 12,
} as const;

/** An app trusts one domain (host and port), so each nginx has a WeCom app and an authenticator of its own. */
const TARGETS = {
  'two-nodes': { authenticator: 'wecom', app: { agentId: 1000002, secret: 'bench-cluster-secret-2' } },
  'one-node': { authenticator: 'wecom-one-node', app: { agentId: 1000003, secret: 'bench-cluster-secret-1' } },
} as const satisfies Record<ClusterTarget, unknown>;

function originOf(target: ClusterTarget): string {
  return `http://127.0.0.1:${target === 'two-nodes' ? BENCH_CLUSTER.proxyPort : BENCH_CLUSTER.oneNodePort}`;
}

function weComApp(target: ClusterTarget): SandboxApp {
  return {
    ...TARGETS[target].app,
    name: `NocoBase bench (${target})`,
    trustedDomain: new URL(originOf(target)).host,
    trustedIps: [...LOOPBACK_IPS],
    createdBefore20220620: false,
    disabled: false,
  };
}

/** Through the first node: both WeCom authenticators, the floor's, and the bench user bound to all three. */
async function configure(first: { url: string; sandbox: StartedSandbox; root: RootAccount }): Promise<void> {
  const admin = await NocoBaseAdmin.signIn({ appUrl: first.url, root: first.root });
  for (const target of ['two-nodes', 'one-node'] as const) {
    const { authenticator, app } = TARGETS[target];
    await admin.call('authenticators:create', {
      body: {
        name: authenticator,
        authType: 'wecom',
        enabled: true,
        options: {
          corpId: CORP_ID,
          agentId: String(app.agentId),
          secret: app.secret,
          origin: originOf(target),
          redirectPath: '/admin',
          autoLogin: target === 'two-nodes',
          autoSignup: false,
          apiBaseUrl: first.sandbox.url,
          oauthBaseUrl: first.sandbox.url,
          loginBaseUrl: first.sandbox.url,
          timeoutMs: 5000,
        },
      },
    });
  }
  await admin.call('authenticators:create', {
    body: { name: FLOOR_AUTHENTICATOR, authType: FLOOR_AUTH_TYPE, enabled: true, options: {} },
  });
  const user = await admin.createUser({ ...BENCH_USER });
  const uuid = MEMBERS.returning.userid;
  for (const authenticator of [TARGETS['two-nodes'].authenticator, TARGETS['one-node'].authenticator]) {
    await admin.bind({ authenticator, uuid, userId: user.id });
  }
  await admin.bind({ authenticator: FLOOR_AUTHENTICATOR, uuid, userId: user.id });
  await first.sandbox.control.seed([MEMBERS.returning]);
}

interface Measured {
  target: ClusterTarget;
  flow: Flow;
}

/** The WeCom callback and the floor, each through both proxies. */
function measuredFlows(concurrency: number): Measured[] {
  return (['two-nodes', 'one-node'] as const).flatMap((target) =>
    createFlows(originOf(target), concurrency, TARGETS[target].authenticator)
      .filter((flow) => flow.name === 'wecom' || flow.name === 'floor')
      .map((flow) => ({ target, flow })),
  );
}

const keyOf = ({ target, flow }: Measured): string => `${target} ${flow.name}`;

async function warmUp(measured: Measured[], warmup: number, concurrency: number): Promise<void> {
  for (const { target, flow } of measured) {
    const batch = await runBatch(await flow.prepare(Math.max(1, warmup), concurrency), concurrency);
    const owner = await tokenOwner(originOf(target), flow, batch.sampleToken);
    if (owner === null) throw new Error(`${target} ${flow.name}: the token is nobody's`);
    progress(`cluster warm-up ${target} ${flow.name}: ${batch.count} sign-ins, token checked with auth:check`);
  }
}

interface Settings {
  rounds: number;
  perRound: number;
  concurrency: number;
  warmup: number;
}

interface Measurements {
  measured: Measured[];
  figures: Map<string, FlowRound[]>;
  cpu: Map<string, CpuByPart[]>;
  api: Record<string, number>;
  signIns: number;
}

/** Each part's median CPU per sign-in across the rounds. */
function medianCpu(rounds: readonly CpuByPart[]): CpuByPart {
  const of = (part: CpuPart): number => round(median(rounds.map((cpu) => cpu[part])), 2);
  return Object.fromEntries(CPU_PARTS.map((part) => [part, of(part)])) as CpuByPart;
}

async function measure(cluster: StartedCluster, settings: Settings): Promise<Measurements> {
  const measured = measuredFlows(settings.concurrency);
  await warmUp(measured, settings.warmup, settings.concurrency);
  const figures = new Map<string, FlowRound[]>(measured.map((item) => [keyOf(item), []]));
  const cpu = new Map<string, CpuByPart[]>(measured.map((item) => [keyOf(item), []]));
  await cluster.sandbox.control.resetCalls();
  let signIns = 0;
  for (let index = 0; index < settings.rounds; index++) {
    const prepared = new Map(
      await Promise.all(
        measured.map(
          async (item) => [keyOf(item), await item.flow.prepare(settings.perRound, settings.concurrency)] as const,
        ),
      ),
    );
    for (const item of rotated(measured, index)) {
      const cpuBefore = cpuByPart(cluster.appDir);
      const batch = await runBatch(prepared.get(keyOf(item)) ?? [], settings.concurrency);
      cpu.get(keyOf(item))?.push(cpuPerSignIn(cpuBefore, cpuByPart(cluster.appDir), batch.count));
      const round = roundFigures(batch);
      figures.get(keyOf(item))?.push(round);
      if (item.flow.name === 'wecom') signIns += batch.count;
      progress(
        `cluster round ${index + 1}/${settings.rounds} ${keyOf(item).padEnd(16)} ${round.throughputPerSecond.toFixed(1).padStart(7)} sign-ins/s  ` +
          `p50 ${round.p50Ms.toFixed(1)} ms  p99 ${round.p99Ms.toFixed(1)} ms`,
      );
    }
  }
  // Includes the setup of each sign-in (getAuthUrl's WeCom side is none): every call both nodes made to WeCom.
  return { measured, figures, cpu, api: splitCalls(await cluster.sandbox.control.calls()).api, signIns };
}

/**
 * `npm run bench -- --only cluster`: the WeCom callback and the floor sign-in through nginx on two real NocoBase
 * nodes (PostgreSQL, NocoBase's cache and the plugin's coordination on Redis) and through nginx on one of them.
 */
export async function runClusterBench(options: BenchOptions): Promise<void> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const settings: Settings = {
    rounds: options.clusterRounds,
    perRound: Math.ceil(options.clusterIterations / options.clusterRounds),
    concurrency: options.concurrency ?? 8,
    warmup: options.warmup,
  };
  const floor = writeFloorPackage();
  let cluster: StartedCluster | null = null;
  let oneNode: StartedNginx | null = null;
  const onInterrupt = (): void => {
    console.error('\ninterrupted: stopping the cluster');
    void Promise.allSettled([oneNode?.stop(), cluster?.stop()]).finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    cluster = await startCluster({
      appDir: BENCH_CLUSTER.appDir,
      nodePorts: BENCH_CLUSTER.nodePorts,
      proxyPort: BENCH_CLUSTER.proxyPort,
      redisDatabase: BENCH_CLUSTER.redisDatabase,
      build: false,
      extraPlugins: [floor],
      sandbox: {
        port: BENCH_CLUSTER.sandboxPort,
        settings: { corpId: CORP_ID, apps: [weComApp('two-nodes'), weComApp('one-node')] },
      },
      configure,
      log: (line) => progress(`cluster ${line.trim()}`),
    });
    const [first] = cluster.nodes;
    if (!first) throw new Error('the cluster has no node');
    oneNode = await startNginx({
      dir: join(cluster.appDir, 'nginx-one-node'),
      upstreams: [first.address],
      port: BENCH_CLUSTER.oneNodePort,
      user: process.getuid?.() === 0 ? 'root' : undefined,
    });
    progress(`cluster: nginx ${cluster.url} over ${cluster.nodes.length} nodes, ${oneNode.url} over node 1`);
    const { measured, figures, cpu, api, signIns } = await measure(cluster, settings);
    const flows = measured.map((item) => ({
      target: item.target,
      ...summarise(item.flow, figures.get(keyOf(item)) ?? []),
      cpuByPart: medianCpu(cpu.get(keyOf(item)) ?? []),
    }));
    const results: ClusterResults = {
      machine: describeMachine('PostgreSQL (shared by the nodes), Redis', loadAtStart),
      settings: { ...settings, nodes: cluster.nodes.length },
      flows,
      ratios: clusterRatios(flows),
      weComCalls: { signIns, api },
      durationSeconds: round((performance.now() - started) / 1000, 1),
    };
    const files = await writeResults(new URL('./', import.meta.url), { cluster: results });
    progress(`wrote ${files.join(' and ')}`);
  } finally {
    process.off('SIGINT', onInterrupt);
    await oneNode?.stop().catch((error: unknown) => console.error('stopping the one-node nginx:', error));
    await cluster?.stop().catch((error: unknown) => console.error('stopping the cluster:', error));
    rmSync(floor.dir, { recursive: true, force: true });
    progress('cluster stopped, its database dropped');
  }
}
