import { startCluster } from '../../src/testing/cluster.ts';
import { rootToken, signInAsRoot } from '../../src/testing/nocobase-api.ts';
import { logFileOf } from '../../src/testing/nocobase-cli.ts';
import { configureApp } from './configure-app.ts';
import { DEMO_AUTHENTICATOR, DEMO_CORP_ID, demoSandboxSetup } from './directory.ts';
import type { DemoOptions, StartedDemo } from './types.ts';

/**
 * `npm run demo -- --cluster`: ports of its own beside the plain demo (13000/8787), nodes on the two ports after
 * nginx's, NocoBase's cache in Redis database 13 (the test cluster has 14).
 */
export const DEMO_CLUSTER = {
  proxyPort: 13010,
  sandboxPort: 8788,
  appDir: '.demo/cluster',
  redisDatabase: 13,
} as const;

/**
 * The demo as a cluster: the same directory, authenticator and users, but two NocoBase nodes on PostgreSQL and Redis
 * behind nginx at `appPort` (src/testing/cluster.ts). The database is made for the run and dropped when it stops, so
 * every run installs NocoBase anew.
 */
export async function startDemoCluster(options: DemoOptions = {}): Promise<StartedDemo> {
  const proxyPort = options.appPort ?? DEMO_CLUSTER.proxyPort;
  const appUrl = `http://127.0.0.1:${proxyPort}`;
  const log = options.log ?? console.log;
  const { members, apps } = demoSandboxSetup(appUrl);
  const cluster = await startCluster({
    appDir: options.appDir ?? DEMO_CLUSTER.appDir,
    nodePorts: [proxyPort + 1, proxyPort + 2],
    proxyPort,
    sandbox: {
      port: options.sandboxPort ?? DEMO_CLUSTER.sandboxPort,
      settings: { corpId: DEMO_CORP_ID, apps },
      members,
    },
    redisDatabase: DEMO_CLUSTER.redisDatabase,
    // The authenticator's origin is nginx's: where people open NocoBase, and where WeCom sends them back.
    configure: async (first) =>
      configureApp(await signInAsRoot(first.url, first.root), first.sandbox, (line) => log(`  ${line}`), appUrl),
    build: options.build,
    fresh: options.fresh,
    log,
    signal: options.signal,
    startTimeoutMs: options.startTimeoutMs,
  });
  const exits = cluster.nodes.flatMap((node) => node.exited() ?? []);
  return {
    appUrl: cluster.url,
    appDir: cluster.appDir,
    sandbox: cluster.sandbox,
    root: cluster.root,
    authenticator: DEMO_AUTHENTICATOR,
    pluginClientBuilt: cluster.pluginClientBuilt,
    adminToken: () => rootToken(cluster.url, cluster.root),
    // The demo stops when a node does: a person trying it should hear of a crash, not find half a cluster.
    exited: Promise.race(exits),
    logs: cluster.nodes.map((node) => logFileOf(cluster.appDir, `node-${node.index}`)),
    cluster: {
      nodes: cluster.nodes.map((node) => node.url),
      database: cluster.database,
      redisUrl: cluster.redisUrl,
      accessLog: cluster.nginx.accessLog,
    },
    stop: () => cluster.stop(),
  };
}
