import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { LOOPBACK_IPS, type SandboxApp, type StartedSandbox } from '../../../sandbox/index.ts';
import { startCluster } from '../../../testing/cluster.ts';
import { type ServedControl, serveClusterControl } from '../../../testing/cluster-control.ts';
import { seconds } from '../../../testing/log-text.ts';
import { NocoBaseAdmin } from '../../../testing/nocobase-admin.ts';
import type { RootAccount } from '../../../testing/nocobase-api.ts';
import { PROJECT_ROOT } from '../../../testing/project-links.ts';
import {
  AUTHENTICATOR,
  type ClusterInfo,
  CORP_ID,
  TEST_CLUSTER,
  TLS_AUTHENTICATOR,
  TLS_WECOM_APP,
  WECOM_APP,
} from './cluster-info.ts';

const HTTP_ORIGIN = `http://127.0.0.1:${TEST_CLUSTER.proxyPort}`;
const TLS_ORIGIN = `https://127.0.0.1:${TEST_CLUSTER.httpsPort}`;

/** A WeCom app created today: it trusts this machine's IPs, and its user/get hides the mobile. */
function weComApp(app: { agentId: number; secret: string }, origin: string): SandboxApp {
  return {
    ...app,
    name: 'NocoBase cluster',
    trustedDomain: new URL(origin).host,
    trustedIps: [...LOOPBACK_IPS],
    createdBefore20220620: false,
    disabled: false,
  };
}

/** Both authenticators as an admin saves them, pointing the three WeCom hosts at the sandbox. */
async function configureAuthenticators(node: {
  url: string;
  sandbox: StartedSandbox;
  root: RootAccount;
}): Promise<void> {
  const admin = await NocoBaseAdmin.signIn({ appUrl: node.url, root: node.root });
  const wecomHosts = {
    apiBaseUrl: node.sandbox.url,
    oauthBaseUrl: node.sandbox.url,
    loginBaseUrl: node.sandbox.url,
  };
  const authenticators = [
    { name: AUTHENTICATOR, app: WECOM_APP, origin: HTTP_ORIGIN, autoLogin: true },
    { name: TLS_AUTHENTICATOR, app: TLS_WECOM_APP, origin: TLS_ORIGIN, autoLogin: false },
  ];
  for (const { name, app, origin, autoLogin } of authenticators) {
    await admin.call('authenticators:create', {
      body: {
        name,
        authType: 'wecom',
        title: name,
        enabled: true,
        options: {
          corpId: CORP_ID,
          agentId: String(app.agentId),
          secret: app.secret,
          origin,
          redirectPath: '/admin',
          autoLogin,
          autoSignup: true,
          ...wecomHosts,
        },
      },
    });
  }
}

/**
 * One cluster for the whole directory (vitest.cluster.config.mts): started before the first file, stopped after the
 * last, its database dropped. The files run one at a time, since they kill nodes and count what the whole cluster did.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The nodes load the packed plugin, so what is tested is the build (npm test builds first).
  if (!existsSync(join(PROJECT_ROOT, 'dist/server/index.js'))) {
    throw new Error('dist/server/index.js is missing: run `npm run build` before the cluster tests');
  }
  const started = Date.now();
  const log = (line: string): void => console.log(`[cluster] ${line}`);
  const cluster = await startCluster({
    appDir: TEST_CLUSTER.appDir,
    nodePorts: TEST_CLUSTER.nodePorts,
    proxyPort: TEST_CLUSTER.proxyPort,
    httpsPort: TEST_CLUSTER.httpsPort,
    redisDatabase: TEST_CLUSTER.redisDatabase,
    build: false,
    sandbox: {
      port: TEST_CLUSTER.sandboxPort,
      settings: { corpId: CORP_ID, apps: [weComApp(WECOM_APP, HTTP_ORIGIN), weComApp(TLS_WECOM_APP, TLS_ORIGIN)] },
    },
    configure: configureAuthenticators,
    log,
  });
  let control: ServedControl | undefined;
  try {
    if (!cluster.httpsUrl || !cluster.certificate) throw new Error('the cluster has no TLS port');
    control = await serveClusterControl(cluster.nodes, TEST_CLUSTER.controlPort);
    // Read by Node when a worker starts: the workers, spawned after this, trust nginx's certificate and no other.
    process.env.NODE_EXTRA_CA_CERTS = cluster.certificate;
    const info: ClusterInfo = {
      url: cluster.url,
      httpsUrl: cluster.httpsUrl,
      nodes: cluster.nodes.map(({ index, url, address }) => ({ index, url, address })),
      sandboxUrl: cluster.sandbox.url,
      controlUrl: control.url,
      root: cluster.root,
      accessLog: cluster.nginx.accessLog,
      database: cluster.database,
      redisUrl: cluster.redisUrl,
    };
    project.provide('cluster', info);
  } catch (error) {
    await control?.close();
    await cluster.stop();
    throw error;
  }
  log(
    `ready in ${seconds(started)}: nginx ${cluster.url} and ${cluster.httpsUrl}, nodes ${cluster.nodes.map((node) => node.url).join(', ')}`,
  );
  const served = control;
  return async () => {
    await served.close();
    await cluster.stop();
    log('stopped; database dropped');
  };
}
