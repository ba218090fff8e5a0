import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Where a process's CPU time is counted: the cluster's parts, as this machine runs them side by side. */
export type CpuPart = 'nodes' | 'postgres' | 'redis' | 'nginx' | 'bench';

export const CPU_PARTS: readonly CpuPart[] = ['nodes', 'postgres', 'redis', 'nginx', 'bench'];

export type CpuByPart = Record<CpuPart, number>;

/** user + system time of a process in ms, and its command name, from /proc/PID/stat (fields 14, 15; USER_HZ 100). */
function statOf(pid: string): { name: string; cpuMs: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return null;
  }
}

function cwdOf(pid: string): string | null {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

/**
 * The CPU time every running process of each part has used so far: the NocoBase nodes are the processes whose working
 * directory is the app directory, the bench this process (the load generator, and the sandbox when it runs here).
 * Processes that ended in between are not counted, so a part's figure is a floor, not a ceiling.
 */
export function cpuByPart(appDir: string): CpuByPart {
  const totals: CpuByPart = { nodes: 0, postgres: 0, redis: 0, nginx: 0, bench: 0 };
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const stat = statOf(pid);
    if (!stat) continue;
    const part: CpuPart | null =
      Number(pid) === process.pid
        ? 'bench'
        : stat.name === 'postgres'
          ? 'postgres'
          : stat.name === 'redis-server'
            ? 'redis'
            : stat.name === 'nginx'
              ? 'nginx'
              : cwdOf(pid) === appDir
                ? 'nodes'
                : null;
    if (part) totals[part] += stat.cpuMs;
  }
  return totals;
}

/** What each part used between two readings, per sign-in. */
export function cpuPerSignIn(before: CpuByPart, after: CpuByPart, signIns: number): CpuByPart {
  const per = (part: CpuPart): number => Math.round(((after[part] - before[part]) / signIns) * 100) / 100;
  return {
    nodes: per('nodes'),
    postgres: per('postgres'),
    redis: per('redis'),
    nginx: per('nginx'),
    bench: per('bench'),
  };
}
