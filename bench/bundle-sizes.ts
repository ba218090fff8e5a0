import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTENT_SCRIPTS } from '../src/extension/content-files.ts';

export interface FileSize {
  /** Relative to the project. */
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleSizes {
  /** dist/sdk, as `scripts/bundle-size.mjs --json` reports it. */
  scriptBundle: FileSize[];
  /** What a WeCom client loads to sign in silently through the script tag, against its budget. */
  silentPath: { file: string; gzip: number | null; budget: number };
  /** The plugin's client bundles, which NocoBase's own client loads on every page. */
  pluginClient: FileSize[];
  /** The browser extension's store build (dist/extension), entry by entry; absent in results of older runs. */
  extension?: ExtensionSizes;
}

/** One entry of the extension: the files only it loads, and the shared chunks it loads besides. */
export interface ExtensionEntrySize {
  name: 'service worker' | 'content script' | 'panel script' | 'options page' | 'popup';
  /** Relative to dist/extension. */
  files: string[];
  raw: number;
  gzip: number;
  /** Shared chunks (relative to dist/extension) this entry imports. */
  shared: string[];
}

export interface ExtensionSizes {
  directory: string;
  entries: ExtensionEntrySize[];
  /** Chunks more than one entry imports, each with who uses it. */
  shared: Array<FileSize & { usedBy: ExtensionEntrySize['name'][] }>;
}

/** Required first, then the newer shell's build when it is there. */
const PLUGIN_CLIENT_FILES = [
  { file: 'dist/client/index.js', required: true },
  { file: 'dist/client-v2/index.js', required: false },
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fileSize(value: unknown, directory: string): FileSize {
  if (!isRecord(value) || typeof value.file !== 'string' || typeof value.raw !== 'number') {
    throw new Error(`bundle-size.mjs: unexpected file entry ${JSON.stringify(value)}`);
  }
  if (typeof value.gzip !== 'number') throw new Error(`bundle-size.mjs: no gzip size for ${value.file}`);
  return { file: `${directory}/${value.file}`, raw: value.raw, gzip: value.gzip };
}

function parseScriptReport(stdout: string): Pick<BundleSizes, 'scriptBundle' | 'silentPath'> {
  const report: unknown = JSON.parse(stdout);
  if (!isRecord(report) || !Array.isArray(report.files) || !isRecord(report.silentPath)) {
    throw new Error(`bundle-size.mjs --json printed an unexpected report: ${stdout.slice(0, 300)}`);
  }
  const { file, gzip, budget } = report.silentPath;
  if (typeof file !== 'string' || typeof budget !== 'number' || (gzip !== null && typeof gzip !== 'number')) {
    throw new Error(`bundle-size.mjs --json: unexpected silentPath ${JSON.stringify(report.silentPath)}`);
  }
  return {
    scriptBundle: report.files.map((entry) => fileSize(entry, 'dist/sdk')),
    silentPath: { file: `dist/sdk/${file}`, gzip, budget },
  };
}

/** The script's JSON; it exits 1 when the silent path is over budget, which is a finding here, not a failure. */
function runBundleSizeScript(projectRoot: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['scripts/bundle-size.mjs', '--json'], { cwd: projectRoot }, (error, stdout, stderr) => {
      if (stdout.trim().startsWith('{')) resolve(stdout);
      else reject(new Error(`scripts/bundle-size.mjs --json failed: ${stderr || error?.message}`));
    });
  });
}

async function gzipSize(projectRoot: string, file: string): Promise<FileSize> {
  const bytes = await readFile(join(projectRoot, file));
  // zlib's default level (6), as scripts/bundle-size.mjs measures.
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
}

const EXTENSION_DIR = 'dist/extension';

/** What a built JS file imports statically (`from"./x.js"`, `import"./x.js"`, `import './x.js'`), as paths in the build. */
function importsOf(file: string, code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = match[1];
    if (target) found.push(posix.normalize(posix.join(posix.dirname(file), target)));
  }
  return found;
}

/** The scripts and styles an extension page's HTML loads, as paths in the build (crxjs writes them from its root). */
function pageAssets(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) {
    if (match[1]) found.push(match[1]);
  }
  return found;
}

/**
 * The store build entry by entry, from its manifest (service worker, options page, popup) and the content scripts
 * the service worker registers (src/extension/content-files.ts): each entry's files with what they import, and the
 * chunks that more than one entry shares, counted once.
 */
async function measureExtension(projectRoot: string): Promise<ExtensionSizes | undefined> {
  const root = join(projectRoot, EXTENSION_DIR);
  if (!existsSync(join(root, 'manifest.json'))) return undefined;
  const read = (file: string): Promise<Buffer> => readFile(join(root, file));
  const manifest = JSON.parse((await read('manifest.json')).toString('utf8')) as {
    background?: { service_worker?: string };
    options_ui?: { page?: string };
    action?: { default_popup?: string };
  };
  const roots: Array<{ name: ExtensionEntrySize['name']; files: string[] }> = [];
  const htmlEntry = async (name: ExtensionEntrySize['name'], page: string | undefined): Promise<void> => {
    if (page) roots.push({ name, files: [page, ...pageAssets((await read(page)).toString('utf8'))] });
  };
  if (manifest.background?.service_worker)
    roots.push({ name: 'service worker', files: [manifest.background.service_worker] });
  roots.push({ name: 'content script', files: [CONTENT_SCRIPTS.page.file] });
  roots.push({ name: 'panel script', files: [CONTENT_SCRIPTS.panel.file] });
  await htmlEntry('options page', manifest.options_ui?.page);
  await htmlEntry('popup', manifest.action?.default_popup);

  const sizes = new Map<string, FileSize>();
  const size = async (file: string): Promise<FileSize> => {
    const known = sizes.get(file);
    if (known) return known;
    const measured = await gzipSize(root, file);
    sizes.set(file, { ...measured, file });
    return { ...measured, file };
  };
  // Each entry's closure over static imports.
  const closures = new Map<ExtensionEntrySize['name'], string[]>();
  for (const entry of roots) {
    const seen = new Set<string>();
    const queue = entry.files.filter((file) => existsSync(join(root, file)));
    while (queue.length > 0) {
      const file = queue.shift() ?? '';
      if (seen.has(file)) continue;
      seen.add(file);
      if (file.endsWith('.js')) queue.push(...importsOf(file, (await read(file)).toString('utf8')));
    }
    closures.set(entry.name, [...seen]);
  }
  const users = new Map<string, ExtensionEntrySize['name'][]>();
  for (const [name, files] of closures) for (const file of files) users.set(file, [...(users.get(file) ?? []), name]);
  const isShared = (file: string): boolean => (users.get(file)?.length ?? 0) > 1;

  const entries: ExtensionEntrySize[] = [];
  for (const { name } of roots) {
    const files = closures.get(name) ?? [];
    if (files.length === 0) continue;
    const own = await Promise.all(files.filter((file) => !isShared(file)).map(size));
    entries.push({
      name,
      files: own.map((file) => file.file),
      raw: own.reduce((sum, file) => sum + file.raw, 0),
      gzip: own.reduce((sum, file) => sum + file.gzip, 0),
      shared: files.filter(isShared),
    });
  }
  const shared = await Promise.all(
    [...users.keys()].filter(isShared).map(async (file) => ({ ...(await size(file)), usedBy: users.get(file) ?? [] })),
  );
  return { directory: EXTENSION_DIR, entries, shared };
}

export async function measureBundleSizes(projectRoot: string): Promise<BundleSizes> {
  const script = parseScriptReport(await runBundleSizeScript(projectRoot));
  const pluginClient: FileSize[] = [];
  for (const { file, required } of PLUGIN_CLIENT_FILES) {
    if (!existsSync(join(projectRoot, file))) {
      if (required) throw new Error(`${file} is missing: run \`npm run build\` first`);
      continue;
    }
    pluginClient.push(await gzipSize(projectRoot, file));
  }
  const extension = await measureExtension(projectRoot);
  return { ...script, pluginClient, ...(extension ? { extension } : {}) };
}
