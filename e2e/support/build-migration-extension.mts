// `tsx e2e/support/build-migration-extension.mts --origin URL … --out-dir DIR`: the IT build of the extension with one
// made-up migration, for the e2e test of migrating a stored configuration. The extension has stored version 1 since
// its first release and has no migration yet (src/background/config-store.ts, CONFIG_MIGRATIONS), so nothing real
// migrates; this build gives version 1 a step up from an unversioned shape, `{ sites: string[] }` (what a release
// before versioning might have kept), the same one the unit test makes up, so that the real chrome.storage.sync,
// the service worker and the options page can be seen migrating it and writing it back once.
import { build, type Plugin } from 'vite';
import { parseBuildArgs } from '../../scripts/extension/args.ts';
import { extensionConfig } from '../../vite.config.ts';

const MARKER = "export const CONFIG_MIGRATIONS: VersionedItem<StoredConfig>['migrations'] = {};";
const TEST_MIGRATIONS =
  "export const CONFIG_MIGRATIONS: VersionedItem<StoredConfig>['migrations'] = " +
  '{ 1: (v0) => ({ origins: (Array.isArray(v0.sites) ? v0.sites : []).map((origin: unknown) => ({ origin })) }) };';

/** Before TypeScript is stripped, so the marker is the source line itself; a changed line fails the build. */
function testMigration(): Plugin {
  let applied = false;
  return {
    name: 'e2e:test-migration',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/src/background/config-store.ts')) return null;
      if (!code.includes(MARKER)) {
        this.error(`config-store.ts no longer has \`${MARKER}\`: update e2e/support/build-migration-extension.mts`);
      }
      applied = true;
      return code.replace(MARKER, TEST_MIGRATIONS);
    },
    buildEnd() {
      if (!applied) this.error('the service worker was built without src/background/config-store.ts');
    },
  };
}

const parsed = parseBuildArgs(process.argv.slice(2));
if (!parsed.ok || parsed.args.outDir === undefined) {
  console.error(parsed.ok ? '--out-dir is required' : parsed.message);
  process.exit(2);
}
const config = extensionConfig({ pinnedOrigins: parsed.args.origins, outDir: parsed.args.outDir });
await build({ ...config, configFile: false, logLevel: 'warn', plugins: [...(config.plugins ?? []), testMigration()] });
console.log(`${parsed.args.outDir} (unpacked, with a test migration)`);
