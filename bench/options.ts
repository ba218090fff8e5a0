import { parseArgs } from 'node:util';

export type DatabaseChoice = 'sqlite' | 'postgres';
/** `process`: the sandbox runs in a child process, as WeCom's servers are not on ours; `inline`: in this one. */
export type SandboxPlacement = 'process' | 'inline';
/**
 * `server`: sign-in throughput over HTTP on one node (bench.ts); `cluster`: the same through nginx on two real nodes
 * and on one (cluster-bench.ts); `browser`: the silent sign-in in Chromium (browser-bench.ts).
 */
export type BenchPart = 'server' | 'cluster' | 'browser';
export const BENCH_PARTS: readonly BenchPart[] = ['server', 'cluster', 'browser'];

export interface BenchOptions {
  /** null: PostgreSQL when reachable, else SQLite. */
  db: DatabaseChoice | null;
  /** Timed sign-ins per flow, split evenly across the rounds. */
  iterations: number;
  /** null: 8 on PostgreSQL, 1 on SQLite. */
  concurrency: number | null;
  rounds: number;
  /** Untimed sign-ins per flow before the first round. */
  warmup: number;
  sandbox: SandboxPlacement;
  /** The parts to run, in this order. */
  parts: BenchPart[];
  /** Timed sign-ins per flow and target on the cluster, split evenly across its rounds. */
  clusterIterations: number;
  clusterRounds: number;
  /** Timed browser runs of each kind (silent, with a session). */
  browserRuns: number;
  /** Timed runs of each kind (with the extension, without) of the sign-in page; 0 leaves the extension out. */
  extensionRuns: number;
}

const USAGE =
  'usage: npm run bench -- [--only server|cluster|browser | --skip server|cluster|browser] [--db sqlite|postgres] ' +
  '[--iterations N] [--concurrency N] [--rounds N] [--warmup N] [--sandbox process|inline] ' +
  '[--cluster-iterations N] [--cluster-rounds N] [--browser-runs N] [--extension-runs N]';

function positiveInteger(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}\n${USAGE}`);
  return value;
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T | null {
  if (raw === undefined) return null;
  const match = allowed.find((value) => value === raw);
  if (!match) throw new Error(`--${name} must be one of ${allowed.join(', ')}, got ${raw}\n${USAGE}`);
  return match;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      iterations: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      sandbox: { type: 'string' },
      only: { type: 'string' },
      skip: { type: 'string' },
      'cluster-iterations': { type: 'string' },
      'cluster-rounds': { type: 'string' },
      'browser-runs': { type: 'string' },
      'extension-runs': { type: 'string' },
    },
  });
  const only = oneOf('only', values.only, BENCH_PARTS);
  const skip = oneOf('skip', values.skip, BENCH_PARTS);
  if (only && skip) throw new Error(`--only and --skip do not go together\n${USAGE}`);
  return {
    db: oneOf('db', values.db, ['sqlite', 'postgres']),
    iterations: positiveInteger('iterations', values.iterations, 640),
    concurrency: values.concurrency === undefined ? null : positiveInteger('concurrency', values.concurrency, 1),
    rounds: positiveInteger('rounds', values.rounds, 8),
    warmup: positiveInteger('warmup', values.warmup, 60, 0),
    sandbox: oneOf('sandbox', values.sandbox, ['process', 'inline']) ?? 'process',
    parts: BENCH_PARTS.filter((part) => (only ? part === only : part !== skip)),
    clusterIterations: positiveInteger('cluster-iterations', values['cluster-iterations'], 400),
    clusterRounds: positiveInteger('cluster-rounds', values['cluster-rounds'], 4),
    // 20 of each, as the silent sign-in's goal is stated over 20 runs.
    browserRuns: positiveInteger('browser-runs', values['browser-runs'], 20),
    // Each run starts a browser of its own (about 15 s each way): 2 keep the whole bench under ten minutes.
    extensionRuns: positiveInteger('extension-runs', values['extension-runs'], 1, 0),
  };
}
