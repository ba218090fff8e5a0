import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { get } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type StartedNginx, startNginx } from './nginx.ts';
import type { AccessLogEntry } from './nginx-access-log.ts';
import { createSelfSignedCertificate } from './tls-certificate.ts';

/** A node that answers every request with `status`, as a NocoBase node still starting answers 503. */
async function fakeNode(status: number): Promise<{ server: Server; address: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(status, { 'content-type': 'text/plain' }).end(String(status));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, address: `127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

async function freePort(): Promise<number> {
  const { server } = await fakeNode(200);
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function logged(nginx: StartedNginx, count: number): Promise<AccessLogEntry[]> {
  for (let tries = 0; tries < 100 && nginx.readAccessLog().length < count; tries++) await sleep(20);
  return nginx.readAccessLog();
}

describe('nginx in front of the cluster (Debian’s, run as this process’s child)', () => {
  let dir: string;
  let nginx: StartedNginx | undefined;
  const servers: Server[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wecom-nginx-test-'));
  });

  afterEach(async () => {
    await nginx?.stop();
    nginx = undefined;
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes to the other node what a starting node refused (503), and a refused POST only for getAuthUrl', async () => {
    const starting = await fakeNode(503);
    const up = await fakeNode(200);
    servers.push(starting.server, up.server);
    const cases = [
      ['GET', '/api/wecom:redirect'],
      ['POST', '/api/wecom:getAuthUrl'],
      ['POST', '/api/users:create'],
    ] as const;
    const answers: Record<string, number> = {};
    const entries: AccessLogEntry[] = [];
    // A fresh nginx for each request: round robin offers its first request to the first node, and a node that
    // failed is left out for a while, which would spare the next request the test.
    for (const [method, path] of cases) {
      const site = await startNginx({
        dir: join(dir, method + path.replace(/\W/g, '-')),
        upstreams: [starting.address, up.address],
        port: await freePort(),
      });
      nginx = site;
      const answer = await fetch(`${site.url}${path}`, { method, body: method === 'POST' ? '{}' : undefined });
      answers[`${method} ${path}`] = answer.status;
      entries.push(...(await logged(site, 1)));
      await site.stop();
      nginx = undefined;
    }

    expect(starting.requests).toEqual(cases.map(([method, path]) => `${method} ${path}`));
    expect(answers).toEqual({
      'GET /api/wecom:redirect': 200,
      'POST /api/wecom:getAuthUrl': 200,
      // A POST that reached a node may have done its work there: nginx never sends it again.
      'POST /api/users:create': 503,
    });
    expect(entries[0]).toMatchObject({
      method: 'GET',
      path: '/api/wecom:redirect',
      status: 200,
      upstreams: [starting.address, up.address],
      upstreamStatuses: ['503', '200'],
    });
    expect(entries.every((entry) => entry.startedAt <= entry.endedAt)).toBe(true);
  });

  it('terminates TLS, and sends on its own scheme and client address in place of what the client sent', async () => {
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    const node = createServer((request, response) => {
      seen.push(request.headers);
      response.end('ok');
    });
    servers.push(node);
    await new Promise<void>((resolve) => node.listen(0, '127.0.0.1', () => resolve()));
    const https = { port: await freePort(), ...(await createSelfSignedCertificate(dir)) };
    nginx = await startNginx({
      dir,
      upstreams: [`127.0.0.1:${(node.address() as AddressInfo).port}`],
      port: await freePort(),
      https,
    });
    const forged = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9', 'X-Real-IP': '203.0.113.9' };

    await fetch(`${nginx.url}/signin`, { headers: forged });

    expect(seen[0]).toMatchObject({
      'x-forwarded-proto': 'http',
      'x-forwarded-for': '127.0.0.1',
      'x-real-ip': '127.0.0.1',
      host: new URL(nginx.url).host,
    });
    const overTls = await new Promise<number | undefined>((resolve, reject) => {
      // Trusting this one certificate, as a browser would trust the site's.
      get(`${nginx?.httpsUrl}/signin`, { ca: readFileSync(https.certificate), headers: forged }, (answer) => {
        answer.resume();
        resolve(answer.statusCode);
      }).on('error', reject);
    });

    expect(overTls).toBe(200);
    expect(seen[1]).toMatchObject({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '127.0.0.1' });
  });
});
