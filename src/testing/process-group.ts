import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A child started in its own process group, with stdout and stderr written to a log file.
 * NocoBase's CLI runs the server through `sh -c node …`, so signalling only the child would orphan the
 * server: the whole group is signalled instead. Its own group also keeps a terminal's Ctrl-C away from it,
 * so that the demo decides the order in which things stop.
 */
export interface GroupProcess {
  pid: number;
  /** Resolves with the leader's exit code (null when killed by a signal) once every process of the group is gone. */
  exited: Promise<number | null>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the group is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the group at once, as a crash or the OOM killer would end it; resolves once the group is gone. */
  kill(): Promise<void>;
}

const running = new Set<number>();

// Last resort when the demo or a test run itself dies of an uncaught error: no NocoBase left behind.
process.on('exit', () => {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
});

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** How long processes killed with SIGKILL may take to leave the process table before the group is given up on. */
const KILLED_EXIT_LIMIT_MS = 10_000;

/**
 * The CLI (the leader) may die before the server it started has finished shutting down. After SIGKILL the group is
 * watched closely until it is empty, so that "gone" means no process of it can still take a connection.
 */
async function waitForGroupToEmpty(pid: number, limitMs: number): Promise<void> {
  let killedAt: number | null = null;
  const deadline = Date.now() + limitMs;
  while (signalGroup(pid, 0)) {
    if (killedAt === null && Date.now() >= deadline) {
      signalGroup(pid, 'SIGKILL');
      killedAt = Date.now();
    }
    if (killedAt !== null && Date.now() - killedAt > KILLED_EXIT_LIMIT_MS) return;
    await sleep(killedAt === null ? 100 : 10);
  }
}

export function startGroupProcess(
  command: string,
  args: string[],
  init: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): GroupProcess {
  const out = openSync(init.logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd: init.cwd, env: init.env, detached: true, stdio: ['ignore', out, out] });
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(out);
  }
  const { pid } = child;
  if (pid === undefined) throw new Error(`could not start ${command} ${args.join(' ')}`);
  running.add(pid);
  let graceMs = 15_000;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      waitForGroupToEmpty(pid, graceMs).then(() => {
        running.delete(pid);
        resolve(code);
      });
    });
  });
  const stop = async (grace = 15_000): Promise<void> => {
    if (!running.has(pid)) return;
    graceMs = grace;
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), grace);
    await exited;
    clearTimeout(timer);
  };
  const kill = async (): Promise<void> => {
    if (!running.has(pid)) return;
    graceMs = 0;
    signalGroup(pid, 'SIGKILL');
    await exited;
  };
  return { pid, exited, stop, kill };
}
