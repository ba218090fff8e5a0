// `npm run build:extension [-- --origin https://nocobase.example.com ...] [--out-dir DIR]`: the extension,
// unpacked in dist/extension (with the development key, for loading it and for tests) and zipped in
// dist-extension/ (without); with --out-dir, unpacked in DIR only.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build } from 'vite';
import pkg from '../package.json' with { type: 'json' };
import { CONTENT_SCRIPTS } from '../src/extension/content-files.ts';
import { EXTENSION_OUT_DIR, extensionConfig } from '../vite.config.ts';
import { parseBuildArgs } from './extension/args.ts';
import { broadAccess, type ManifestJson } from './extension/manifest.ts';
import { storeZip, zipName } from './extension/store-zip.ts';

const ZIP_DIR = 'dist-extension';

function filesUnder(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split(sep).join('/'), readFileSync(path));
  }
  return files;
}

/** crxjs once pointed the worker's loader at the content script (same file name): the worker must register it. */
function assertWorkerIsBackground(files: ReadonlyMap<string, Uint8Array>): void {
  const loader = new TextDecoder().decode(files.get('service-worker-loader.js'));
  const chunk = /import '\.\/(.+?)'/.exec(loader)?.[1];
  const code = chunk ? new TextDecoder().decode(files.get(chunk)) : '';
  if (!code.includes('registerContentScripts'))
    throw new Error(`the service worker loader imports ${chunk}, not the worker`);
}

/**
 * The files the worker registers and injects are there, and @wecom/jssdk is only in the panel's: the page's script
 * runs on every NocoBase page (an attribute only the SDK's login panel sets tells it apart).
 */
function assertContentScripts(files: ReadonlyMap<string, Uint8Array>): void {
  for (const { file } of Object.values(CONTENT_SCRIPTS)) if (!files.has(file)) throw new Error(`${file} was not built`);
  const page = new TextDecoder().decode(files.get(CONTENT_SCRIPTS.page.file));
  if (page.includes('local-network-access')) throw new Error(`${CONTENT_SCRIPTS.page.file} carries @wecom/jssdk`);
}

async function main(): Promise<void> {
  const parsed = parseBuildArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exitCode = 2;
    return;
  }
  const { origins, outDir = EXTENSION_OUT_DIR } = parsed.args;
  await build({ ...extensionConfig({ pinnedOrigins: origins, outDir }), configFile: false });
  const files = filesUnder(outDir);
  const manifest: ManifestJson = JSON.parse(new TextDecoder().decode(files.get('manifest.json')));
  assertWorkerIsBackground(files);
  assertContentScripts(files);
  const broad = broadAccess(manifest);
  if (broad.length > 0) throw new Error(`the built manifest asks for access to every site: ${broad.join(', ')}`);
  const pinned = origins.length > 0 ? `, pinned to ${origins.join(', ')}` : '';
  if (parsed.args.outDir !== undefined) {
    // A copy for loading beside the store build; the zips stay those of `npm run build`.
    console.log(`${outDir} (unpacked, development key)${pinned}`);
    return;
  }
  mkdirSync(ZIP_DIR, { recursive: true });
  const zip = join(ZIP_DIR, zipName(pkg.version, origins.length > 0));
  writeFileSync(zip, storeZip(files));
  console.log(`${EXTENSION_OUT_DIR} (unpacked, development key) and ${zip} (no key)${pinned}`);
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
