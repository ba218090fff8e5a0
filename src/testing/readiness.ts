import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorLines, tailOfFile } from './log-text.ts';

/** Binds the port the way NocoBase will (all interfaces), so a busy port is reported before minutes of work. */
export async function assertPortFree(port: number, what: string, option: string): Promise<void> {
  const server = createServer();
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    server.once('error', resolve);
    server.listen(port, '0.0.0.0', () => resolve(null));
  });
  if (!error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return;
  }
  const reason =
    error.code === 'EADDRINUSE'
      ? 'is in use (a demo already running? `ss -ltnp` shows who holds it)'
      : `cannot be used: ${error.message}`;
  throw new Error(`Port ${port} for ${what} ${reason}. Choose another with ${option}.`);
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const answer = await fetch(`${url}/api/__health_check`, { signal: AbortSignal.timeout(2_000) });
    return answer.ok && (await answer.text()) === 'ok';
  } catch {
    return false;
  }
}

/**
 * Polls `/api/__health_check`, which answers `ok` only once the app is running, and gives up with the
 * log's errors when NocoBase exits first or takes longer than `timeoutMs`.
 */
export async function waitForHealth(
  url: string,
  init: { timeoutMs: number; exited: Promise<number | null>; logFile: string; signal?: AbortSignal },
): Promise<void> {
  let exitCode: number | null | undefined;
  void init.exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + init.timeoutMs;
  while (!(await isHealthy(url))) {
    init.signal?.throwIfAborted();
    if (exitCode !== undefined)
      throw new Error(`NocoBase exited (code ${exitCode}) before it was ready.\n${logSummary(init.logFile)}`);
    if (Date.now() > deadline) {
      throw new Error(
        `NocoBase did not answer ${url}/api/__health_check within ${init.timeoutMs / 1000} s.\n${logSummary(init.logFile)}`,
      );
    }
    await sleep(500);
  }
}

/**
 * While booting, NocoBase logs each health-check poll it refuses as an error (responseErrorWithCode); those say nothing, so
 * the summary shows the other errors, and the log's last lines.
 */
export function logSummary(logFile: string): string {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return `(no log at ${logFile})`;
  }
  const errors = errorLines(text, 50)
    .filter((line) => !line.includes('responseErrorWithCode'))
    .slice(0, 8);
  return [
    `Log: ${logFile}`,
    ...(errors.length > 0 ? ['Errors:', ...errors] : []),
    'Last lines:',
    tailOfFile(logFile, 15),
  ].join('\n');
}

/**
 * A plugin can be listed as enabled while its server failed to load (NocoBase logs the error and starts
 * anyway). Our action then answers 404; loaded, it refuses an unknown authenticator with 400.
 */
export async function isWeComActionServed(appUrl: string): Promise<boolean> {
  const answer = await fetch(new URL('/api/wecom:getAuthUrl', appUrl), {
    method: 'POST',
    headers: { 'X-Authenticator': 'demo-probe-no-such-authenticator', 'Content-Type': 'application/json' },
    body: '{}',
  });
  return answer.status !== 404;
}

/** Whether something listens on 127.0.0.1:`port`: a connection opened and closed, no request sent. */
export async function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Resolves with the moment 127.0.0.1:`port` refuses connections: for a killed server, when no process of it can
 * take a request any more (the kernel closes its sockets as it dies, before its parent reaps it).
 */
export async function refusedAt(port: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (await acceptsConnections(port)) {
    if (Date.now() > deadline) throw new Error(`127.0.0.1:${port} still takes connections after ${timeoutMs} ms`);
    await sleep(5);
  }
  return Date.now();
}
