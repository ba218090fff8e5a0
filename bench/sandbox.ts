import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import {
  createSandboxControl,
  DEFAULT_SANDBOX_SETTINGS,
  LOOPBACK_IPS,
  type SandboxApp,
  type SandboxControl,
  type SandboxMember,
  startSandbox,
} from '../src/sandbox/index.ts';
import type { SandboxPlacement } from './options.ts';

/** The sandbox's own default corp and app; only its trusted domain changes, to the app's real host:port. */
export const CORP_ID = DEFAULT_SANDBOX_SETTINGS.corpId;
export const SANDBOX_APP: SandboxApp = defaultApp();

/** `returning` is bound during the call-count phase (its first login) and then signs in in every timed round. */
export const MEMBERS = {
  returning: { userid: 'zhangsan', name: '张三', mobile: '+86 138-0000-0001' },
  firstLogin: { userid: 'lisi', name: '李四', mobile: '13900000002' },
} as const satisfies Record<string, SandboxMember>;

function defaultApp(): SandboxApp {
  const [app] = DEFAULT_SANDBOX_SETTINGS.apps;
  if (!app) throw new Error('the sandbox has no default app');
  return app;
}

export interface BenchSandbox {
  url: string;
  control: SandboxControl;
  placement: SandboxPlacement;
  /** CPU time the sandbox process has used so far, or null when it shares ours or the OS will not say. */
  cpuMs(): Promise<number | null>;
  close(): Promise<void>;
}

/** Linux's count of a process's user + system CPU time, in ms (/proc/PID/stat fields 14 and 15, in clock ticks). */
async function processCpuMs(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces; the first is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // USER_HZ is 100 on every Linux Node.js runs on.
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/** The project's own CLI in a child process: WeCom's CPU time is not ours, so it should not share our event loop. */
async function startSandboxProcess(projectRoot: string): Promise<BenchSandbox> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/sandbox/cli.ts', '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await listeningUrl(child);
  return {
    url,
    control: createSandboxControl(url),
    placement: 'process',
    cpuMs: () => processCpuMs(child.pid),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Reads the CLI's first line, `WeCom sandbox listening on http://127.0.0.1:PORT`. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        child.stdout?.off('data', onData);
        // Keep draining its output so the pipe never fills.
        child.stdout?.resume();
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code} before listening: ${output}`)));
  });
}

async function startSandboxInline(): Promise<BenchSandbox> {
  const sandbox = await startSandbox();
  return { ...sandbox, placement: 'inline', cpuMs: async () => null };
}

/** Starts the sandbox with the bench's members; its app trusts the IPs of this machine, where NocoBase runs. */
export async function startBenchSandbox(placement: SandboxPlacement, projectRoot: string): Promise<BenchSandbox> {
  const sandbox = placement === 'process' ? await startSandboxProcess(projectRoot) : await startSandboxInline();
  await sandbox.control.seed(Object.values(MEMBERS));
  // The app is a new one, which trusts no IP (60020) until it is told to.
  await sandbox.control.configure({ apps: [{ agentId: SANDBOX_APP.agentId, trustedIps: [...LOOPBACK_IPS] }] });
  return sandbox;
}

/** The sandbox checks redirect_uri's host:port against the app's trusted domain, so it must be the app's real one. */
export async function trustAppHost(sandbox: BenchSandbox, appHost: string): Promise<void> {
  await sandbox.control.configure({ apps: [{ agentId: SANDBOX_APP.agentId, trustedDomain: appHost }] });
}
