import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PluginWeComAuthServer from '../plugin';
import { Browser, bindZhangSan, type Harness, startHarness, UA, whoAmI } from './harness';

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
    expect(await whoAmI(harness, result.location.searchParams.get('token') ?? '')).toMatchObject({
      nickname: 'Zhang San',
    });
  });
});
