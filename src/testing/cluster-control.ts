import { createServer } from 'node:http';
import { z } from 'zod';
import type { ClusterNode, KilledNode } from './cluster.ts';

/**
 * The nodes of a cluster are children of the process that started it (vitest's global setup), while tests run in
 * workers; this small HTTP API on 127.0.0.1 lets a test stop, kill and start a node. Nothing else is reachable.
 */

const ACTIONS = ['start', 'stop', 'kill'] as const;
type NodeAction = (typeof ACTIONS)[number];

export interface ClusterControl {
  start(node: number): Promise<void>;
  stop(node: number): Promise<void>;
  kill(node: number): Promise<KilledNode>;
}

export interface ServedControl {
  url: string;
  close(): Promise<void>;
}

const answerSchema = z.union([
  z.object({ ok: z.literal(true), killed: z.object({ signalledAt: z.number(), goneAt: z.number() }).optional() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

async function act(node: ClusterNode, action: NodeAction): Promise<KilledNode | undefined> {
  if (action === 'kill') return node.kill();
  await node[action]();
  return undefined;
}

/** Serves `POST /nodes/<index>/<start|stop|kill>` until closed. */
export async function serveClusterControl(nodes: readonly ClusterNode[], port: number): Promise<ServedControl> {
  const server = createServer((request, response) => {
    const match = /^\/nodes\/(\d+)\/(start|stop|kill)$/.exec(request.url ?? '');
    const node = nodes.find((candidate) => candidate.index === Number(match?.[1]));
    const action = ACTIONS.find((candidate) => candidate === match?.[2]);
    const reply = (status: number, body: z.input<typeof answerSchema>): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || !node || !action) {
      reply(404, { ok: false, error: `no such control: ${request.method} ${request.url}` });
      return;
    }
    act(node, action).then(
      (killed) => reply(200, { ok: true, killed }),
      (error: unknown) => reply(500, { ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The typed client of `serveClusterControl`; a node's start waits until it is healthy, minutes at worst. */
export function createClusterControl(url: string): ClusterControl {
  const call = async (node: number, action: NodeAction): Promise<KilledNode | undefined> => {
    const response = await fetch(`${url}/nodes/${node}/${action}`, {
      method: 'POST',
      signal: AbortSignal.timeout(300_000),
    });
    const answer = answerSchema.parse(await response.json());
    if (!answer.ok) throw new Error(`node ${node} ${action}: ${answer.error}`);
    return answer.killed;
  };
  return {
    start: async (node) => {
      await call(node, 'start');
    },
    stop: async (node) => {
      await call(node, 'stop');
    },
    kill: async (node) => {
      const killed = await call(node, 'kill');
      if (!killed) throw new Error(`node ${node} kill: the answer says nothing of when it was gone`);
      return killed;
    },
  };
}
