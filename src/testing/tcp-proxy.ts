import { connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP hop in front of a real server, to take it away, stall it and bring it back while a client is connected. */
export interface TcpProxy {
  readonly port: number;
  /** Closes every connection and stops listening, as a server that went down. */
  cut(): Promise<void>;
  /** Listens again on the same port and forwards. */
  restore(): Promise<void>;
  /** Keeps connections open but forwards nothing either way, as a server that hangs. */
  stall(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let stalled = false;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.on('data', (chunk) => {
      if (!stalled) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!stalled) client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  const port = await listen(0);
  return {
    port,
    cut: stop,
    restore: async () => {
      stalled = false;
      await listen(port);
    },
    stall: () => {
      stalled = true;
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
}
