import type { StartedSandbox } from '../../src/sandbox/index.ts';
import type { RootAccount } from '../../src/testing/nocobase-api.ts';
import type { ProgressLog } from '../../src/testing/nocobase-install.ts';

export type { RootAccount };

/** Where progress goes; one line per call. */
export type DemoLog = ProgressLog;

export interface DemoOptions {
  /** The NocoBase app directory, absolute or relative to the project. @default '.demo/app' */
  appDir?: string;
  /** @default 13000 */
  appPort?: number;
  /** @default 8787 */
  sandboxPort?: number;
  /**
   * Run `npm run build` before packing. Off when the caller built already (CI, or several apps started
   * at once, whose builds would empty each other's dist folders). @default true
   */
  build?: boolean;
  /** Wipe the app directory and install again. @default false */
  fresh?: boolean;
  /** @default console.log */
  log?: DemoLog;
  /** Aborting stops whatever has started and makes `startDemo` reject. */
  signal?: AbortSignal;
  /** How long NocoBase may take to answer its health check. @default 180000 */
  startTimeoutMs?: number;
}

export interface StartedDemo {
  /** `http://127.0.0.1:<appPort>`, also the authenticator's `origin` and the sandbox app's trusted domain. */
  appUrl: string;
  /** Absolute path of the app directory. */
  appDir: string;
  sandbox: StartedSandbox;
  root: RootAccount;
  /** The authenticator's name, `wecom`. */
  authenticator: string;
  /** False when `dist/client/index.js` was missing from the packed plugin, so NocoBase's pages cannot load. */
  pluginClientBuilt: boolean;
  /** A fresh token of the root user, for NocoBase's HTTP API. */
  adminToken(): Promise<string>;
  /** Resolves with NocoBase's exit code when it exits: after `stop()`, or on its own (a crash). */
  readonly exited: Promise<number | null>;
  /** Where NocoBase's output goes: `demo-logs/server.log`, or one file per node of a cluster. */
  logs: string[];
  /** The cluster behind `appUrl`, for `npm run demo -- --cluster`. */
  cluster?: DemoCluster;
  /** Stops NocoBase and the sandbox; safe to call twice. */
  stop(): Promise<void>;
}

/** What `--cluster` adds to the demo: nginx at `appUrl`, round robin over the nodes. */
export interface DemoCluster {
  nodes: string[];
  /** The PostgreSQL database the nodes share, dropped when the demo stops. */
  database: string;
  /** The Redis database of NocoBase's cache. */
  redisUrl: string;
  /** nginx's access log: which node answered each request. */
  accessLog: string;
}
