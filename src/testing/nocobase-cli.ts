import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { errorLines, tail } from './log-text.ts';
import { LOG_DIR } from './nocobase-app-dir.ts';
import { type GroupProcess, startGroupProcess } from './process-group.ts';
import { PROJECT_NODE_MODULES, restoreProjectTsxBin } from './project-links.ts';

/** `nocobase-v1` is what the app's `nocobase` script names; run through node so no shell is involved. */
function cliEntry(appDir: string): string {
  return join(appDir, 'node_modules', '@nocobase', 'cli-v1', 'bin', 'index.js');
}

/**
 * What vitest sets in its own process (and so in a test cluster's): TEST=true, VITEST=true, NODE_ENV=test. NocoBase
 * takes VITEST for "inside vitest": `pm add` then marks no upgrade, `start` runs none, and modules are resolved
 * through a tsconfig.paths.json in the app directory.
 */
function setByTestRunner(name: string, value: string | undefined): boolean {
  return name === 'VITEST' || (name === 'TEST' && value === 'true') || (name === 'NODE_ENV' && value === 'test');
}

/**
 * The CLI calls `yarn nocobase …` itself (e.g. `pkg download-pro` before install), so yarn must be on PATH.
 * Our `.env` values win over the caller's environment, where a stray DB_DIALECT would otherwise take over.
 */
function cliEnv(env: Record<string, string>, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name, value]) => !setByTestRunner(name, value));
  return {
    ...Object.fromEntries(inherited),
    ...env,
    ...extra,
    PATH: [join(PROJECT_NODE_MODULES, '.bin'), process.env.PATH ?? ''].join(delimiter),
  };
}

export function logFileOf(appDir: string, name: string): string {
  return join(appDir, LOG_DIR, `${name}.log`);
}

/**
 * Runs one CLI command to its end. NocoBase's `pm` commands exit 0 even when they fail, so the output is
 * also searched for JSON log lines at level error.
 */
export async function runCliCommand(
  appDir: string,
  env: Record<string, string>,
  args: string[],
  init: { logName: string; timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const logFile = logFileOf(appDir, init.logName);
  const child = startGroupProcess(process.execPath, [cliEntry(appDir), ...args], {
    cwd: appDir,
    env: cliEnv(env),
    logFile,
  });
  const code = await untilExitOrAbort(child, init.timeoutMs, init.signal);
  restoreProjectTsxBin();
  const output = readFileSync(logFile, 'utf8');
  const errors = errorLines(output);
  if (code !== 0 || errors.length > 0) {
    const details = errors.length > 0 ? errors.join('\n') : tail(output, 30);
    throw new Error(`nocobase-v1 ${args.join(' ')} failed (exit ${code}); see ${logFile}:\n${details}`);
  }
}

async function untilExitOrAbort(
  child: GroupProcess,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const stopOnAbort = (): void => void child.stop(5_000);
  signal?.addEventListener('abort', stopOnAbort, { once: true });
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([child.exited, timedOut]);
    if (result === 'timeout') {
      await child.stop(5_000);
      throw new Error(`timed out after ${timeoutMs / 1000} s`);
    }
    signal?.throwIfAborted();
    return result;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stopOnAbort);
  }
}

/**
 * `nocobase-v1 start` in the foreground: APP_LAUNCH_MODE=node makes the CLI run the server with plain
 * `node` instead of `pm2-runtime` (@nocobase/cli-v1 src/commands/start.js), so the server is our child
 * and stops with us. Its output goes to `demo-logs/<logName>.log`.
 */
export function startServer(appDir: string, env: Record<string, string>, logName = 'server'): GroupProcess {
  return startGroupProcess(process.execPath, [cliEntry(appDir), 'start'], {
    cwd: appDir,
    env: cliEnv(env, { APP_LAUNCH_MODE: 'node' }),
    logFile: logFileOf(appDir, logName),
  });
}
