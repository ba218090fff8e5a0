import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Model } from '@nocobase/database';
import type { MockServer } from '@nocobase/test';
import type { Harness } from './harness';

type Agent = ReturnType<MockServer['agent']>;

/** What a listener on another host received: method, URL and body of each request. */
export interface HeardRequest {
  method: string;
  url: string;
  body: string;
}

/** A stranger's server: answers every request with an empty JSON object, and remembers what it was sent. */
export interface Listener {
  url: string;
  heard: HeardRequest[];
  close(): Promise<void>;
}

export async function startListener(): Promise<Listener> {
  const heard: HeardRequest[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      heard.push({ method: request.method ?? '', url: request.url ?? '', body: Buffer.concat(chunks).toString() });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // "localhost" rather than 127.0.0.1: another host name than the sandbox's, as an attacker's would be.
    url: `http://localhost:${port}`,
    heard,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A NocoBase user holding only `role`, signed in. */
export async function asNewUserWithRole(harness: Harness, role: string): Promise<Agent> {
  const user: Model = await harness.app.db.getRepository('users').create({
    values: { nickname: `A ${role}`, username: `user_${role}_${Date.now()}`, roles: [{ name: role }] },
  });
  return harness.app.agent().login(user, role);
}

/** The stored options of an authenticator, straight from its row. */
export async function storedOptions(harness: Harness, name: string): Promise<Record<string, unknown> | undefined> {
  const row: Model | null = await harness.app.db.getRepository('authenticators').findOne({ filter: { name } });
  return row?.get('options') as Record<string, unknown> | undefined;
}

/** Every row of these collections' tables, as text, as a database dump would have them. */
export async function databaseText(harness: Harness, collections: string[]): Promise<string> {
  const dumps = await Promise.all(
    collections.map(async (name) =>
      JSON.stringify(await harness.app.db.getCollection(name).model.findAll({ raw: true })),
    ),
  );
  return dumps.join('\n');
}
