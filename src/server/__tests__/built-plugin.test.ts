import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PluginWeComAuthServer from '../plugin';
import { Browser, bindZhangSan, type Harness, startHarness, tokenOf, UA, whoAmI } from './harness';

const bundle = new URL('../../../dist/server/index.js', import.meta.url).pathname;

describe('the built plugin (dist/server/index.js)', () => {
  let harness: Harness;

  afterEach(async () => {
    await harness.close();
  });

  it('loads into NocoBase as a CommonJS default export and signs a member in', async () => {
    // `npm test` builds first; alone, this test needs `npm run build`.
    expect(existsSync(bundle), 'dist/server/index.js is missing: run npm run build').toBe(true);
    const built = createRequire(import.meta.url)(bundle) as { default: typeof PluginWeComAuthServer };
    harness = await startHarness({ plugin: built.default });
    await bindZhangSan(harness);
    const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
    expect(await whoAmI(harness, tokenOf(result))).toMatchObject({
      nickname: 'Zhang San',
    });

    // The script-tag bundle is served from dist/sdk beside dist/server, cacheable and revalidated by ETag.
    const script = await harness.app.agent().get('/wecom:script');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(script.text).toBe(readFileSync(new URL('../../../dist/sdk/wecom-login.js', import.meta.url), 'utf8'));
    const again = await harness.app
      .agent()
      .get('/wecom:script')
      .set('If-None-Match', script.headers.etag ?? '');
    expect(again.status).toBe(304);
    const panel = await harness.app.agent().get('/wecom:scriptPanel');
    expect(panel.status).toBe(200);
    expect(panel.text).toContain('WeComLoginPanel');
  });

  it('ships its migrations where NocoBase runs them from, in the packed plugin, and each runs', async () => {
    const built = createRequire(import.meta.url)(bundle) as { default: typeof PluginWeComAuthServer };
    harness = await startHarness({ plugin: built.default });
    const root = new URL('../../../', import.meta.url).pathname;
    // NocoBase reads <package>/dist/server/migrations: the package's main is dist/server/index.js.
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }));
    const files: string[] = packed[0].files.map((file: { path: string }) => file.path);
    expect(files.filter((path) => path.startsWith('dist/server/migrations/'))).toEqual([
      'dist/server/migrations/20261202000000-unique-binding-per-identity.js',
    ]);
    // As NocoBase's upgrade loads a plugin's migrations.
    const migrations = await harness.app.loadMigrations({
      directory: `${root}dist/server/migrations`,
      namespace: '@open-wecom/plugin-auth-wecom',
      context: {},
    });
    expect(migrations.afterLoad.map((migration: { name: string }) => migration.name)).toEqual([
      '20261202000000-unique-binding-per-identity/@open-wecom/plugin-auth-wecom',
    ]);
    const bindings = harness.app.db.getCollection('usersAuthenticators');
    const queries = harness.app.db.sequelize.getQueryInterface();
    await queries.removeIndex(
      bindings.getTableNameWithSchema(),
      `${bindings.model.tableName}_authenticator_uuid_unique`,
    );
    await migrations.afterLoad[0].up();
    const indexes = (await queries.showIndex(bindings.getTableNameWithSchema())) as Array<{ name: string }>;
    expect(indexes.map((index) => index.name)).toContain(`${bindings.model.tableName}_authenticator_uuid_unique`);
  });
});
