import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { MockServer } from '@nocobase/test';
import PluginWeComAuthServer from '../src/server/plugin';
import { API_PREFIX, BENCH_USER, FLOOR_AUTH_TYPE, FLOOR_AUTHENTICATOR, WECOM_AUTHENTICATOR } from './app-names.ts';
import type { BenchDatabase } from './database.ts';
import { BenchFloorPlugin } from './floor-auth.ts';
import { type BenchSandbox, CORP_ID, MEMBERS, SANDBOX_APP } from './sandbox.ts';

// @nocobase/test's package points `import` at an ES build it does not ship; its CommonJS build works.
const { createMockServer } = createRequire(import.meta.url)('@nocobase/test') as typeof import('@nocobase/test');

export interface BenchApp {
  app: MockServer;
  /** `http://127.0.0.1:PORT`, the authenticator's origin. */
  origin: string;
  close(): Promise<void>;
}

/** createMockServer, then a real HTTP listener, so requests pay for sockets and parsing as in production. */
export async function startBenchApp(database: BenchDatabase): Promise<BenchApp> {
  const app = await createMockServer({
    acl: true,
    ...(database.options ? { database: database.options } : {}),
    // createMockServer serves the API without a prefix unless told; `resourcer` is what the server reads.
    resourcer: { prefix: API_PREFIX },
    // acl as in any NocoBase: linking reads the matched user's roles, and without roles everyone counts as privileged.
    plugins: [
      'error-handler',
      'field-sort',
      'users',
      'acl',
      'data-source-manager',
      'auth',
      PluginWeComAuthServer,
      BenchFloorPlugin,
    ],
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    app,
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.destroy();
    },
  };
}

/** Authenticators and users: the bench user has a password, a phone WeCom knows, and a floor binding. */
export async function seedBenchApp(bench: BenchApp, sandbox: BenchSandbox): Promise<void> {
  const { db } = bench.app;
  await db.getRepository('authenticators').create({
    values: {
      name: WECOM_AUTHENTICATOR,
      authType: 'wecom',
      enabled: true,
      options: {
        corpId: CORP_ID,
        agentId: String(SANDBOX_APP.agentId),
        secret: SANDBOX_APP.secret,
        origin: bench.origin,
        redirectPath: '/admin',
        autoSignup: false,
        autoLogin: true,
        apiBaseUrl: sandbox.url,
        oauthBaseUrl: sandbox.url,
        loginBaseUrl: sandbox.url,
        timeoutMs: 5000,
      },
    },
  });
  await db
    .getRepository('authenticators')
    .create({ values: { name: FLOOR_AUTHENTICATOR, authType: FLOOR_AUTH_TYPE, enabled: true, options: {} } });
  const user = await db.getRepository('users').create({ values: { ...BENCH_USER } });
  // The member of the first-login-by-phone warm case: linked by this phone number.
  await db.getRepository('users').create({ values: { nickname: 'Li Si', phone: MEMBERS.firstLogin.mobile } });
  await db.getRepository('usersAuthenticators').create({
    values: { authenticator: FLOOR_AUTHENTICATOR, userId: user.get('id'), uuid: MEMBERS.returning.userid },
  });
}

/** "PostgreSQL 15.20" or "SQLite 3.x (in memory)", from the database itself. */
export async function describeDatabase(bench: BenchApp): Promise<string> {
  const { sequelize } = bench.app.db;
  const version = await sequelize.databaseVersion();
  if (sequelize.getDialect() === 'postgres') return `PostgreSQL ${version}`;
  const storage: unknown = bench.app.db.options.storage;
  return `SQLite ${version} (${typeof storage === 'string' && storage !== ':memory:' ? storage : 'in memory'})`;
}
