import { connect, createServer, type Socket } from 'node:net';

/**
 * A loopback TCP proxy that resets the next `armed` connections before they reach the target: a storage
 * connection dropped mid-request, which Azurite itself cannot be made to do.
 */
export async function startResetProxy(target: URL): Promise<{
  url: string;
  resetNext(count: number): void;
  readonly resets: number;
  close(): Promise<void>;
}> {
  let armed = 0;
  let resets = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (armed > 0) {
      armed -= 1;
      resets += 1;
      // Wait for the request to start, then drop it: the client sees ECONNRESET mid-request.
      client.once('data', () => client.resetAndDestroy());
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    resetNext: (count) => void (armed = count),
    get resets() {
      return resets;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
