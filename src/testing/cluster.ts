import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'redis';
import { type StartedSandbox, type StartSandboxOptions, startSandbox } from '../sandbox/index.ts';
import { type StartedNginx, startNginx } from './nginx.ts';
import type { RootAccount } from './nocobase-api.ts';
import {
  aesKeyOf,
  assertAppDirFree,
  baseAppEnv,
  lockAppDir,
  NOCOBASE_DEFAULT_ROOT,
  prepareAppDir,
  resolveAppDir,
  wipeAppDir,
} from './nocobase-app-dir.ts';
import {
  buildAndPack,
  builtInPluginEnv,
  type ExtraPlugin,
  type InstallSettings,
  installWithPlugin,
  type ProgressLog,
  step,
  storeExtraPlugins,
} from './nocobase-install.ts';
import { startServing } from './nocobase-server.ts';
import { createPostgresDatabase, postgresConnection } from './postgres.ts';
import type { GroupProcess } from './process-group.ts';
import { restoreProjectTsxBin } from './project-links.ts';
import { assertPortFree, refusedAt } from './readiness.ts';
import { REDIS_URL } from './redis.ts';
import { StopList } from './stop-list.ts';
import { createSelfSignedCertificate } from './tls-certificate.ts';

/**
 * A NocoBase cluster of real processes, as a company runs one: `nocobase start` twice (or more) on its own ports in
 * one app directory, sharing one PostgreSQL database and NocoBase's cache on Redis, behind Debian's nginx (round
 * robin), with the WeCom sandbox in this process. What the open-source edition shares between nodes, and what not,
 * is in the README ("Running as a cluster").
 */

export interface ClusterOptions {
  /** Where NocoBase is installed, absolute or relative to the project; kept between runs, its database is not. */
  appDir: string;
  /** One node on each port. */
  nodePorts: readonly number[];
  /** nginx's plain HTTP port: the cluster's address, `http://127.0.0.1:<proxyPort>`. */
  proxyPort: number;
  /** nginx's TLS port, with a self-signed certificate made for the run. */
  httpsPort?: number;
  /** The sandbox's directory and apps; their trusted domains must be the cluster's host and port. */
  sandbox: StartSandboxOptions & { port: number };
  /**
   * The Redis database (0-15 on a default server) of the nodes' cache, the cluster's alone: NocoBase takes no key
   * prefix from its environment, so a database of its own is what keeps two clusters on one Redis apart. It is
   * emptied when the cluster starts and when it stops.
   */
  redisDatabase: number;
  /**
   * Sets the app up (authenticators, users) through the first node once it is up, before the others start. Each
   * open-source node keeps the authenticators in a memory cache of its own (plugin-auth's storer, `store: 'memory'`),
   * which only the node that saves a change updates; a node started later reads them from the database.
   */
  configure?: (first: { url: string; sandbox: StartedSandbox; root: RootAccount }) => Promise<void>;
  /** Run `npm run build` before packing. @default true */
  build?: boolean;
  /** Plugins installed and enabled beside ours, e.g. the bench's floor sign-in. */
  extraPlugins?: readonly ExtraPlugin[];
  /** Wipe the app directory first. @default false */
  fresh?: boolean;
  /** @default console.log */
  log?: ProgressLog;
  /** Aborting stops whatever has started and makes `startCluster` reject. */
  signal?: AbortSignal;
  /** How long one node may take to answer its health check. @default 180000 */
  startTimeoutMs?: number;
}

/** When a node was killed: the signal sent, and the moment its port refused connections. */
export interface KilledNode {
  signalledAt: number;
  goneAt: number;
}

export interface ClusterNode {
  /** 1, 2, … */
  readonly index: number;
  /** `http://127.0.0.1:<port>`, the node itself, not through nginx. */
  readonly url: string;
  /** As nginx names the node in its log: `127.0.0.1:<port>`. */
  readonly address: string;
  running(): boolean;
  /** Resolves with the exit code when the node's current process exits, on its own or stopped; null when down. */
  exited(): Promise<number | null> | null;
  /** `nocobase-v1 start`, resolved once it is healthy and serves the plugin's actions. */
  start(): Promise<void>;
  /** SIGTERM: NocoBase shuts down as on a deploy. */
  stop(): Promise<void>;
  /** SIGKILL to every process of the node, as a crash or the OOM killer would end it; resolves once they are gone. */
  kill(): Promise<KilledNode>;
}

export interface StartedCluster {
  /** nginx: `http://127.0.0.1:<proxyPort>`. */
  url: string;
  /** nginx's TLS port: `https://127.0.0.1:<httpsPort>`. */
  httpsUrl?: string;
  /** The PEM file of the certificate nginx's TLS port shows, for a client to trust. */
  certificate?: string;
  appDir: string;
  /** The PostgreSQL database both nodes share, made for this run. */
  database: string;
  /** Where the nodes' cache is. */
  redisUrl: string;
  nodes: readonly ClusterNode[];
  nginx: StartedNginx;
  sandbox: StartedSandbox;
  root: RootAccount;
  /** False when `dist/client/index.js` was missing from the packed plugin, so NocoBase's pages cannot load. */
  pluginClientBuilt: boolean;
  /** nginx, the nodes, the sandbox; then the database is dropped and the Redis database emptied. Safe to call twice. */
  stop(): Promise<void>;
}

export function redisDatabaseUrl(database: number): string {
  const url = new URL(REDIS_URL);
  url.pathname = `/${database}`;
  return url.href;
}

async function emptyRedisDatabase(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    await client.flushDb();
  } finally {
    client.destroy();
  }
}

/**
 * The `.env` both nodes read. All nodes need the same keys (NocoBase's cluster documentation): APP_KEY signs tokens,
 * APP_AES_SECRET_KEY encrypts secrets such as the WeCom one; both are kept in `.env` between runs.
 */
function clusterEnv(
  appDir: string,
  database: string,
  redisUrl: string,
  extraPlugins: readonly ExtraPlugin[],
): Record<string, string> {
  return {
    ...baseAppEnv(appDir),
    APP_AES_SECRET_KEY: aesKeyOf(appDir),
    DB_DIALECT: 'postgres',
    DB_HOST: postgresConnection.host,
    DB_PORT: String(postgresConnection.port),
    DB_DATABASE: database,
    DB_USER: postgresConnection.user,
    DB_PASSWORD: postgresConnection.password,
    ...builtInPluginEnv(extraPlugins.map((plugin) => plugin.name)),
    CACHE_DEFAULT_STORE: 'redis',
    CACHE_REDIS_URL: redisUrl,
    REDIS_URL: redisUrl,
    // Each node's console goes to a log file of its own: two processes must not rotate one file.
    LOGGER_TRANSPORT: 'console',
  };
}

/** What differs between the nodes of one app directory: the port, and the CLI's socket, which each start replaces. */
function nodeEnv(index: number, port: number): Record<string, string> {
  return {
    APP_PORT: String(port),
    SOCKET_PATH: `storage/gateway-node-${index}.sock`,
    PM2_HOME: `storage/.pm2-node-${index}`,
  };
}

function createNode(index: number, port: number, serve: (logName: string) => Promise<GroupProcess>): ClusterNode {
  let current: GroupProcess | null = null;
  let runs = 0;
  const take = (): GroupProcess => {
    if (!current) throw new Error(`node ${index} is not running`);
    const taken = current;
    current = null;
    return taken;
  };
  return {
    index,
    url: `http://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    running: () => current !== null,
    exited: () => current?.exited ?? null,
    start: async () => {
      if (current) throw new Error(`node ${index} is running already`);
      runs += 1;
      // A log per run, so that what the node said before it was killed stays readable.
      current = await serve(runs === 1 ? `node-${index}` : `node-${index}-run-${runs}`);
    },
    stop: () => take().stop(),
    kill: async () => {
      const server = take();
      const signalledAt = Date.now();
      const exited = server.kill();
      const goneAt = await refusedAt(port);
      await exited;
      return { signalledAt, goneAt };
    },
  };
}

interface Settings extends InstallSettings {
  options: ClusterOptions;
  startTimeoutMs: number;
}

async function assertPortsFree(options: ClusterOptions): Promise<void> {
  for (const [index, port] of options.nodePorts.entries()) await assertPortFree(port, `node ${index + 1}`, 'its port');
  await assertPortFree(options.proxyPort, 'nginx', 'its port');
  if (options.httpsPort !== undefined) await assertPortFree(options.httpsPort, "nginx's TLS", 'its port');
  await assertPortFree(options.sandbox.port, 'the WeCom sandbox', 'its port');
}

function createNodes(settings: Settings, env: Record<string, string>): ClusterNode[] {
  const { appDir, signal } = settings;
  return settings.options.nodePorts.map((port, offset) =>
    createNode(offset + 1, port, (logName) =>
      startServing({
        appDir,
        env: { ...env, ...nodeEnv(offset + 1, port) },
        url: `http://127.0.0.1:${port}`,
        logName,
        timeoutMs: settings.startTimeoutMs,
        signal,
      }),
    ),
  );
}

/** The first node alone, configured, then the others, which read the configuration from the database as they start. */
async function startNodes(
  settings: Settings,
  nodes: readonly ClusterNode[],
  configure: (first: ClusterNode) => Promise<void>,
): Promise<void> {
  const [first, ...others] = nodes;
  const startOne = (node: ClusterNode): Promise<void> =>
    step(settings, `starting node ${node.index} on ${node.url} (nocobase-v1 start)`, () => node.start());
  if (!first) throw new Error('a cluster needs a node');
  await startOne(first);
  await step(settings, `configuring the app through node ${first.index}`, () => configure(first));
  await Promise.all(others.map(startOne));
}

/**
 * Starts the cluster: a new PostgreSQL database, NocoBase installed into it from `appDir` with the plugin packed and
 * built in, the sandbox, the first node (then `configure`), the others, then nginx in front of them. Rejects, with
 * everything stopped and the database dropped, when a step fails or `signal` aborts.
 */
export async function startCluster(options: ClusterOptions): Promise<StartedCluster> {
  const log = options.log ?? console.log;
  const appDir = resolveAppDir(options.appDir);
  const stops = new StopList(log);
  try {
    await assertPortsFree(options);
    assertAppDirFree(appDir);
    if (options.fresh) {
      log(`• --fresh: removing ${appDir}`);
      wipeAppDir(appDir);
    }
    const redisUrl = redisDatabaseUrl(options.redisDatabase);
    const progress = { log, signal: options.signal };
    const database = await step(progress, 'creating a PostgreSQL database for the cluster', async () => {
      const created = await createPostgresDatabase('wecom_cluster');
      stops.add(() => created.drop());
      return String(created.options.database);
    });
    await step(progress, `emptying Redis database ${options.redisDatabase} (${redisUrl})`, async () => {
      await emptyRedisDatabase(redisUrl);
      stops.add(() => emptyRedisDatabase(redisUrl));
    });
    const extraPlugins = options.extraPlugins ?? [];
    const env = clusterEnv(appDir, database, redisUrl, extraPlugins);
    prepareAppDir(appDir, env);
    storeExtraPlugins(appDir, extraPlugins);
    const unlock = lockAppDir(appDir);
    stops.add(async () => unlock());
    const settings: Settings = {
      appDir,
      build: options.build ?? true,
      log,
      signal: options.signal,
      database: `PostgreSQL (database ${database})`,
      options,
      startTimeoutMs: options.startTimeoutMs ?? 180_000,
    };
    const packed = await buildAndPack(settings);
    await installWithPlugin(settings, env, packed);
    const sandbox = await step(settings, `starting the WeCom sandbox on port ${options.sandbox.port}`, () =>
      startSandbox(options.sandbox),
    );
    stops.add(() => sandbox.close());
    const nodes = createNodes(settings, env);
    stops.add(async () => {
      await Promise.all(nodes.filter((node) => node.running()).map((node) => node.stop()));
    });
    const root: RootAccount = {
      account: NOCOBASE_DEFAULT_ROOT.account,
      email: NOCOBASE_DEFAULT_ROOT.email,
      password: NOCOBASE_DEFAULT_ROOT.password,
    };
    await startNodes(settings, nodes, async (first) => {
      await options.configure?.({ url: first.url, sandbox, root });
    });
    // nginx's prefix: its configuration, logs and temporary files, made anew on every start and kept after a stop,
    // so that its log can be read after a failed run.
    const nginxDir = join(appDir, 'nginx');
    rmSync(nginxDir, { recursive: true, force: true });
    mkdirSync(nginxDir, { recursive: true });
    const https =
      options.httpsPort === undefined
        ? undefined
        : { port: options.httpsPort, ...(await createSelfSignedCertificate(nginxDir)) };
    const nginx = await step(settings, `starting nginx on http://127.0.0.1:${options.proxyPort}`, () =>
      startNginx({
        dir: nginxDir,
        upstreams: nodes.map((node) => node.address),
        port: options.proxyPort,
        https,
        // A root master would run its workers as `nobody`, who may not write the temporary files here.
        user: process.getuid?.() === 0 ? 'root' : undefined,
      }),
    );
    stops.add(() => nginx.stop());
    return {
      url: nginx.url,
      httpsUrl: nginx.httpsUrl,
      certificate: https?.certificate,
      appDir,
      database,
      redisUrl,
      nodes,
      nginx,
      sandbox,
      root,
      pluginClientBuilt: packed.clientBuilt,
      stop: () => stops.stopAll(),
    };
  } catch (error) {
    await stops.stopAll();
    restoreProjectTsxBin();
    throw error;
  }
}
