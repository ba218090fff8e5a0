import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tailOfFile } from './log-text.ts';
import { type AccessLogEntry, parseAccessLog } from './nginx-access-log.ts';
import { accessLogFile, configFile, errorLogFile, type NginxSite, nginxConfig, tempDirs } from './nginx-config.ts';
import { type GroupProcess, startGroupProcess } from './process-group.ts';
import { acceptsConnections } from './readiness.ts';

/** Debian's nginx (`apt-get install nginx`); never its system service: each site runs as a process of its own. */
export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export interface StartedNginx {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `https://127.0.0.1:<https.port>`, when the site has TLS. */
  httpsUrl?: string;
  accessLog: string;
  readAccessLog(): AccessLogEntry[];
  /** Resolves when nginx exits: after `stop()`, or on its own. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Until nginx takes connections; no request is sent, which nginx would pass to a node. */
async function waitUntilListening(site: NginxSite, server: GroupProcess): Promise<void> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + 10_000;
  while (!(await acceptsConnections(site.port))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      await server.stop(1_000);
      throw new Error(
        `nginx did not start on port ${site.port} (${exitCode === undefined ? 'not listening after 10 s' : `exit ${exitCode}`}):\n` +
          `${tailOfFile(errorLogFile(site), 15)}\n${tailOfFile(join(site.dir, 'nginx.out'), 15)}`,
      );
    }
    await sleep(50);
  }
}

/**
 * nginx as this process's child in its own process group, with its configuration, logs and temporary files in
 * `site.dir` (created when missing): nothing is written elsewhere, and stopping it stops everything it started.
 */
export async function startNginx(site: NginxSite): Promise<StartedNginx> {
  if (!existsSync(NGINX_BIN)) {
    throw new Error(`${NGINX_BIN} is missing: install Debian's nginx (apt-get install nginx; .ci/run does)`);
  }
  for (const dir of Object.values(tempDirs(site))) mkdirSync(dir, { recursive: true });
  writeFileSync(configFile(site), nginxConfig(site));
  // -e: nginx opens its error log before reading the configuration, by default under /var/log/nginx.
  const server = startGroupProcess(NGINX_BIN, ['-p', site.dir, '-e', errorLogFile(site), '-c', configFile(site)], {
    cwd: site.dir,
    env: process.env,
    logFile: join(site.dir, 'nginx.out'),
  });
  await waitUntilListening(site, server);
  const url = `http://127.0.0.1:${site.port}`;
  const accessLog = accessLogFile(site);
  return {
    url,
    httpsUrl: site.https ? `https://127.0.0.1:${site.https.port}` : undefined,
    accessLog,
    readAccessLog: () => (existsSync(accessLog) ? parseAccessLog(readFileSync(accessLog, 'utf8')) : []),
    exited: server.exited,
    // SIGTERM: nginx's fast shutdown; what it had in flight is cut, as the nodes behind it stop next anyway.
    stop: () => server.stop(5_000),
  };
}
