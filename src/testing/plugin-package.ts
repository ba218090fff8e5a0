import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tail } from './log-text.ts';
import { PROJECT_ROOT } from './project-links.ts';

const execFileAsync = promisify(execFile);

/** NocoBase's v1 pages load this file of every enabled plugin; without it they show "App error: Script error". */
export const CLIENT_ENTRY = 'dist/client/index.js';

export interface PackedPlugin {
  /** Absolute path of the tarball. */
  file: string;
  /** npm's sha1 of the tarball; npm packs with fixed timestamps, so the same files give the same sum. */
  sha1: string;
  /** Whether the tarball holds `dist/client/index.js`. */
  clientBuilt: boolean;
}

async function npm(args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('npm', args, { cwd: PROJECT_ROOT, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `npm ${args.join(' ')} failed:\n${tail(`${failed.stdout ?? ''}${failed.stderr ?? failed.message}`, 30)}`,
    );
  }
}

export async function buildPlugin(): Promise<void> {
  await npm(['run', 'build']);
}

/** `npm pack` into `destination` (created first: npm pack fails on a missing directory). */
export async function packPlugin(destination: string): Promise<PackedPlugin> {
  mkdirSync(destination, { recursive: true });
  const stdout = await npm(['pack', '--json', '--pack-destination', destination]);
  const report = parsePackReport(stdout);
  return {
    file: join(destination, report.filename),
    sha1: report.shasum,
    clientBuilt: report.files.includes(CLIENT_ENTRY),
  };
}

interface PackReport {
  filename: string;
  shasum: string;
  files: string[];
}

function parsePackReport(stdout: string): PackReport {
  // npm prints the JSON array last; lifecycle scripts may print before it.
  const json: unknown = JSON.parse(stdout.slice(stdout.indexOf('[')));
  const first: unknown = Array.isArray(json) ? json[0] : undefined;
  if (typeof first !== 'object' || first === null) throw new Error(`npm pack printed no report: ${tail(stdout, 10)}`);
  const record = first as Record<string, unknown>;
  const files = Array.isArray(record.files) ? record.files : [];
  if (typeof record.filename !== 'string' || typeof record.shasum !== 'string') {
    throw new Error(`npm pack's report has no filename or shasum: ${tail(stdout, 10)}`);
  }
  return {
    // Scoped names are packed as `scope-name-version.tgz`.
    filename: record.filename.replace(/^@/, '').replace('/', '-'),
    shasum: record.shasum,
    files: files.map((file: unknown) =>
      typeof file === 'object' && file !== null ? String((file as Record<string, unknown>).path) : '',
    ),
  };
}
