import { logFileOf, startServer } from './nocobase-cli.ts';
import type { GroupProcess } from './process-group.ts';
import { linkPluginIntoProject, pluginPackageName, restoreProjectTsxBin } from './project-links.ts';
import { isWeComActionServed, logSummary, waitForHealth } from './readiness.ts';

export interface ServeInit {
  appDir: string;
  /** The app's `.env` values, with what differs for this process (`APP_PORT`, …) merged in. */
  env: Record<string, string>;
  /** Where it answers: `http://127.0.0.1:<APP_PORT>`. */
  url: string;
  /** Its output goes to `demo-logs/<logName>.log`. */
  logName: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * `nocobase-v1 start` in the foreground, resolved once NocoBase is healthy and serves the plugin's actions; a server
 * that does not get there is stopped before the error is thrown, so a failed start leaves nothing running.
 */
export async function startServing(init: ServeInit): Promise<GroupProcess> {
  // Another app on this machine may have pointed the project's link at its own copy since, or removed it.
  linkPluginIntoProject(init.appDir, pluginPackageName());
  const server = startServer(init.appDir, init.env, init.logName);
  const logFile = logFileOf(init.appDir, init.logName);
  try {
    await waitForHealth(init.url, { timeoutMs: init.timeoutMs, exited: server.exited, logFile, signal: init.signal });
    restoreProjectTsxBin();
    if (!(await isWeComActionServed(init.url))) {
      throw new Error(
        `NocoBase started, but the plugin's server did not load (/api/wecom:* is 404).\n${logSummary(logFile)}`,
      );
    }
    return server;
  } catch (error) {
    await server.stop(5_000);
    restoreProjectTsxBin();
    throw error;
  }
}
