/**
 * `npm run bench [-- options]`: WeCom API calls per sign-in, and the WeCom callback's throughput and latency
 * against NocoBase's password sign-in and a floor sign-in, on one NocoBase app. Writes bench/results.{json,md}.
 *
 *   --db sqlite|postgres     default: PostgreSQL when reachable (PGHOST/PGPORT, 127.0.0.1:5432), else SQLite
 *   --iterations N           timed sign-ins per flow, split across the rounds (default 800)
 *   --rounds N               rounds of all flows in turn (default 8)
 *   --concurrency N          requests in flight (default 8 on PostgreSQL, 1 on SQLite)
 *   --warmup N               untimed sign-ins per flow first (default 60)
 *   --sandbox process|inline the WeCom sandbox in a child process (default) or in this process
 *
 * NocoBase reads its logging and module-path variables when its modules load, so they are set here and the
 * bench proper (which imports NocoBase) is loaded only afterwards.
 */
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
process.env.LOGGER_SILENT ??= 'true';
// createConsoleLogger (used by the database) ignores LOGGER_SILENT but honours the level.
process.env.LOGGER_LEVEL ??= 'error';
process.env.NODE_MODULES_PATH ??= `${projectRoot}node_modules`;

async function main(): Promise<void> {
  const { parseBenchOptions } = await import('./options.ts');
  const { runBench } = await import('./bench.ts');
  await runBench(parseBenchOptions(process.argv.slice(2)), projectRoot);
}

main().then(
  // NocoBase leaves timers behind after destroy(); the bench is done, so do not wait for them.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
