import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

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
  return { ...script, pluginClient };
}
