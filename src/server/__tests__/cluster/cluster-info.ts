import type { RootAccount } from '../../../testing/nocobase-api.ts';

/** Where the test cluster runs; ports of their own, so the demo and the lead's runs can go on beside it. */
export const TEST_CLUSTER = {
  appDir: '.demo/cluster-test',
  nodePorts: [13500, 13501],
  proxyPort: 13510,
  httpsPort: 13511,
  controlPort: 13512,
  sandboxPort: 8820,
  redisDatabase: 14,
} as const;

export const CORP_ID = 'wwclustertest001';
/** The authenticator behind nginx's plain HTTP port, with automatic sign-up. */
export const AUTHENTICATOR = 'wecom';
/** The same corp behind nginx's TLS port: a WeCom app of its own, since an app trusts one domain (host and port). */
export const TLS_AUTHENTICATOR = 'wecom-tls';
export const WECOM_APP = { agentId: 1000002, secret: 'cluster-secret-0001' } as const;
export const TLS_WECOM_APP = { agentId: 1000003, secret: 'cluster-secret-0002' } as const;

/** What the global setup hands the test files about the cluster it started. */
export interface ClusterInfo {
  /** nginx, plain HTTP. */
  url: string;
  /** nginx, TLS; the workers trust its certificate (NODE_EXTRA_CA_CERTS). */
  httpsUrl: string;
  /** The nodes themselves, and how nginx's log names them. */
  nodes: Array<{ index: number; url: string; address: string }>;
  sandboxUrl: string;
  /** Stops, kills and starts nodes (src/testing/cluster-control.ts). */
  controlUrl: string;
  root: RootAccount;
  /** nginx's access log (src/testing/nginx-access-log.ts). */
  accessLog: string;
  /** The PostgreSQL database both nodes share. */
  database: string;
  /** The Redis database of the nodes' cache. */
  redisUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: ClusterInfo;
  }
}
