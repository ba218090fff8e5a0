import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { extensionManifest, withoutContentScriptResources } from './scripts/extension/manifest.ts';

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

/**
 * crxjs makes every `?script` chunk web-accessible to all http(s) sites, which a page could use to detect the
 * extension. The content script is one IIFE file that `chrome.scripting.registerContentScripts` loads directly,
 * so it needs no web-accessible resource at all.
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
      rmSync(new URL(`./${outDir}/.vite`, import.meta.url), { recursive: true, force: true });
    },
  };
}

export interface ExtensionBuildOptions {
  /** Origins the IT build is pinned to: required host permissions, granted silently when force-installed. */
  pinnedOrigins?: readonly string[];
}

export function extensionConfig(options: ExtensionBuildOptions = {}): UserConfig {
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
      managedSchema(),
      noWebAccessibleContentScript(),
      withoutViteManifest(EXTENSION_OUT_DIR),
    ],
    build: {
      outDir: EXTENSION_OUT_DIR,
      emptyOutDir: true,
      target: 'chrome116',
      minify: true,
      // Chrome has module preloading; vite's polyfill does not resolve under crxjs's HTML handling anyway.
      modulePreload: { polyfill: false },
      manifest: true,
    },
  };
}

export default defineConfig(extensionConfig());
