import { parseArgs } from 'node:util';
import { seconds } from '../../src/testing/log-text.ts';
import { DEMO_CLUSTER, startDemoCluster } from './cluster.ts';
import { describeDemo } from './guide.ts';
import { startDemo } from './index.ts';
import type { DemoOptions, StartedDemo } from './types.ts';

const USAGE = `npm run demo -- [--cluster] [--port 13000] [--sandbox-port 8787] [--dir .demo/app] [--fresh]

Starts NocoBase (npm packages, SQLite) with this plugin, a configured "wecom" authenticator and demo users,
and the WeCom sandbox, then prints what to try. A second run reuses the app; --fresh installs it again.

--cluster: the same behind nginx, as a company runs it: two NocoBase nodes sharing a PostgreSQL database
made for the run and NocoBase's cache in Redis, nginx on --port (default 13010, nodes on the next two
ports), the sandbox on 8788, in .demo/cluster. Each run installs NocoBase anew; Ctrl-C drops the database.`;

interface CliOptions extends DemoOptions {
  cluster: boolean;
}

function parsePort(value: string, option: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${option} must be 1-65535, got ${value}`);
  return port;
}

function parseOptions(): CliOptions | 'help' {
  const { values } = parseArgs({
    options: {
      cluster: { type: 'boolean', default: false },
      port: { type: 'string' },
      'sandbox-port': { type: 'string' },
      dir: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const defaults = values.cluster
    ? { port: DEMO_CLUSTER.proxyPort, sandboxPort: DEMO_CLUSTER.sandboxPort, dir: DEMO_CLUSTER.appDir }
    : { port: 13000, sandboxPort: 8787, dir: '.demo/app' };
  const options: CliOptions = {
    cluster: values.cluster,
    appPort: values.port === undefined ? defaults.port : parsePort(values.port, '--port'),
    sandboxPort:
      values['sandbox-port'] === undefined ? defaults.sandboxPort : parsePort(values['sandbox-port'], '--sandbox-port'),
    appDir: values.dir ?? defaults.dir,
    fresh: values.fresh,
  };
  if (options.appPort === options.sandboxPort) throw new Error('--port and --sandbox-port must differ');
  return options;
}

/**
 * Ctrl-C while starting aborts the start (which stops whatever already runs); once running, it stops
 * NocoBase and the sandbox. A second Ctrl-C is ignored rather than leaving NocoBase half stopped.
 * Returns whether a stop was asked for, so that NocoBase exiting then is not taken for a crash.
 */
function stopOnSignals(controller: AbortController, running: () => StartedDemo | undefined): () => boolean {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping NocoBase and the WeCom sandbox…`);
    const demo = running();
    if (!demo) {
      controller.abort(new Error(`stopped by ${signal}`));
      return;
    }
    demo.stop().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => stopping;
}

/** Set in main, read when it fails: an abort by Ctrl-C is not an error to report. */
let aborted: AbortSignal | undefined;

async function main(): Promise<void> {
  const options = parseOptions();
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const controller = new AbortController();
  aborted = controller.signal;
  let demo: StartedDemo | undefined;
  const stopRequested = stopOnSignals(controller, () => demo);
  const started = Date.now();
  const { cluster, ...demoOptions } = options;
  demo = await (cluster ? startDemoCluster : startDemo)({ ...demoOptions, signal: controller.signal });
  console.log(`• ready in ${seconds(started)}`);
  console.log(describeDemo(demo));
  const code = await demo.exited;
  // After Ctrl-C the signal handler finishes the stop and exits.
  if (stopRequested()) return;
  console.error(`NocoBase exited (code ${code}); see ${demo.logs.join(', ')}. Stopping the rest.`);
  await demo.stop();
  process.exit(1);
}

main().catch((error: unknown) => {
  if (aborted?.aborted) {
    console.log('Stopped before the demo was ready; nothing is left running.');
    process.exit(130);
  }
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
