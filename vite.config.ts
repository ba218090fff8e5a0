import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { extensionManifest, withoutContentScriptResources } from './scripts/extension/manifest.ts';
import { onlyShownMessages } from './scripts/vite/only-shown-messages.ts';
import { CONTENT_SCRIPTS } from './src/extension/content-files.ts';
import { signInErrorMessageKeys } from './src/sdk-shim/message-keys.ts';

/**
 * The browser extension (README, "Browser extension"). The plugin's own outputs keep their three configs
 * (vite.server.config.mts, vite.client.config.mts, vite.script.config.mts): they are libraries with their own
 * formats, and folding them in here would buy nothing but a LANE-style switch.
 */

const root = fileURLToPath(new URL('.', import.meta.url));
export const EXTENSION_OUT_DIR = 'dist/extension';

/** Chrome reads the policy schema from the extension's root; nothing in the manifest makes crxjs copy it. */
function managedSchema(): Plugin {
  return {
    name: 'wecom-extension:managed-schema',
    generateBundle() {
      const source = readFileSync(new URL('./src/background/managed-schema.json', import.meta.url), 'utf8');
      this.emitFile({ type: 'asset', fileName: baseManifest.storage.managed_schema, source });
    },
  };
}

/** One target for the pages, the service worker and the content scripts. */
const TARGET = 'chrome116';

/**
 * Each content script as one self-contained IIFE file at the path the service worker names
 * (`src/extension/content-files.ts`), built here rather than by crxjs's `?script&iife`: that build takes no plugins,
 * so the content script would carry all of `src/locale` (the admin pages' texts) instead of the error messages it
 * shows, and crxjs leaves an unused ES copy of each beside it, which would go into the store zip.
 */
function contentScripts(): Plugin {
  return {
    name: 'wecom-extension:content-scripts',
    apply: 'build',
    async generateBundle() {
      for (const [name, { entry, file }] of Object.entries(CONTENT_SCRIPTS)) {
        const built = await build({
          configFile: false,
          root,
          publicDir: false,
          logLevel: 'warn',
          plugins: [onlyShownMessages({ client: signInErrorMessageKeys() })],
          build: {
            write: false,
            target: TARGET,
            minify: true,
            lib: { entry, formats: ['iife'], name: `wecomSignIn_${name}`, fileName: () => file },
          },
        });
        const outputs = (Array.isArray(built) ? built : [built]).flatMap((result) =>
          'output' in result ? result.output : [],
        );
        const chunk = outputs.find((output) => output.type === 'chunk' && output.isEntry);
        if (chunk?.type !== 'chunk') throw new Error(`${entry} built no script`);
        this.emitFile({ type: 'asset', fileName: file, source: chunk.code });
      }
    },
  };
}

/**
 * crxjs makes every `?script` chunk web-accessible to all http(s) sites, which a page could use to detect the
 * extension. The content scripts are IIFE files that `chrome.scripting` loads directly (`contentScripts()` builds
 * them, with no `?script` import left), so none needs a web-accessible resource: kept as a guard against one coming
 * back.
 */
function noWebAccessibleContentScript(): Plugin & {
  renderCrxManifest: (manifest: chrome.runtime.ManifestV3) => chrome.runtime.ManifestV3;
} {
  return {
    name: 'wecom-extension:no-web-accessible-content-script',
    // After crxjs's own `post` plugin that adds the resources.
    enforce: 'post',
    renderCrxManifest: (manifest) => withoutContentScriptResources(manifest),
  };
}

/**
 * crxjs deletes vite's own manifest (`.vite/manifest.json`) from the bundle before vite 8's manifest plugin
 * reads it, which then fails; so vite keeps writing it (`build.manifest`) and it is removed once written.
 */
function withoutViteManifest(outDir: string): Plugin {
  return {
    name: 'wecom-extension:without-vite-manifest',
    closeBundle() {
      rmSync(join(resolve(root, outDir), '.vite'), { recursive: true, force: true });
    },
  };
}

export interface ExtensionBuildOptions {
  /** Origins the IT build is pinned to: required host permissions, granted silently when force-installed. */
  pinnedOrigins?: readonly string[];
  /** Where the unpacked build goes, relative to the project or absolute; `dist/extension` by default. */
  outDir?: string;
}

export function extensionConfig(options: ExtensionBuildOptions = {}): UserConfig {
  const outDir = options.outDir ?? EXTENSION_OUT_DIR;
  const manifest = extensionManifest(baseManifest, {
    version: pkg.version,
    pinnedOrigins: options.pinnedOrigins ?? [],
  }) as ManifestV3Export;
  return {
    root,
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic' } },
    plugins: [
      crx({ manifest }),
      contentScripts(),
      managedSchema(),
      noWebAccessibleContentScript(),
      withoutViteManifest(outDir),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: TARGET,
      minify: true,
      // Chrome has module preloading; vite's polyfill does not resolve under crxjs's HTML handling anyway.
      modulePreload: { polyfill: false },
      manifest: true,
    },
  };
}

export default defineConfig(extensionConfig());
