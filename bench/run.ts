/**
 * `npm run bench [-- options]`, in two parts written to bench/results.{json,md}:
 *
 * server: WeCom API calls per sign-in, and the WeCom callback's throughput and latency against NocoBase's
 * password sign-in and a floor sign-in, on one NocoBase app in this process.
 *   --db sqlite|postgres     default: PostgreSQL when reachable (PGHOST/PGPORT, 127.0.0.1:5432), else SQLite
 *   --iterations N           timed sign-ins per flow, split across the rounds (default 640)
 *   --rounds N               rounds of all flows in turn (default 8)
 *   --concurrency N          requests in flight (default 8 on PostgreSQL, 1 on SQLite)
 *   --warmup N               untimed sign-ins per flow first (default 60)
 *   --sandbox process|inline the WeCom sandbox in a child process (default) or in this process
 *
 * cluster: the WeCom callback and the floor through nginx on two NocoBase processes (`nocobase start`, PostgreSQL,
 * Redis; .demo/bench-cluster, ports 13410-13413 and 8811) and through nginx on one of them; needs dist/ built.
 *   --cluster-iterations N   timed sign-ins per flow and target, split across the rounds (default 400)
 *   --cluster-rounds N       (default 4)
 *
 * browser: the silent sign-in in Debian's Chromium as the WeCom iOS app, against opening the same page with a
 * session, its page loads and WeCom calls, and the bundle sizes; against the demo app (.demo/bench, ports
 * 13400 and 8810), whose dist/ must be built (`npm run build`).
 *   --browser-runs N         timed runs of each kind (default 20)
 *   --extension-runs N       timed runs with and without the extension of its sign-in page cost (default 1; 0: none)
 *
 *   --only server|cluster|browser   run one part; the others of the previous results are kept
 *   --skip server|cluster|browser   run the others
 *
 * NocoBase reads its logging and module-path variables when its modules load, so they are set before the
 * server part (which imports NocoBase) is loaded, and put back for the browser part, whose NocoBase is the
 * demo's child process with its own settings.
 */
import { fileURLToPath } from 'node:url';
import { type BenchOptions, parseBenchOptions } from './options.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const SERVER_ENV = ['LOGGER_SILENT', 'LOGGER_LEVEL', 'NODE_MODULES_PATH', 'DB_DIALECT'] as const;

async function runServerPart(options: BenchOptions): Promise<void> {
  const inherited = new Map(SERVER_ENV.map((name) => [name, process.env[name]]));
  process.env.LOGGER_SILENT ??= 'true';
  // createConsoleLogger (used by the database) ignores LOGGER_SILENT but honours the level.
  process.env.LOGGER_LEVEL ??= 'error';
  process.env.NODE_MODULES_PATH ??= `${projectRoot}node_modules`;
  try {
    const { runBench } = await import('./bench.ts');
    await runBench(options, projectRoot);
  } finally {
    for (const [name, value] of inherited) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.parts.includes('server')) await runServerPart(options);
  if (options.parts.includes('cluster')) {
    const { runClusterBench } = await import('./cluster-bench.ts');
    await runClusterBench(options);
  }
  if (options.parts.includes('browser')) {
    const { runBrowserBench } = await import('./browser-bench.ts');
    await runBrowserBench(options, projectRoot);
  }
}

main().then(
  // NocoBase leaves timers behind after destroy(); the bench is done, so do not wait for them.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
