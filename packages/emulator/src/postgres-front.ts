import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Listening } from './http.js';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MAX_STARTUP_BYTES = 10_000;

/** What a server's front needs to know per connection. */
export interface PostgresFrontTarget {
  /** The cluster database behind a database name of this server, or undefined when the server has no such one. */
  clusterDatabase(database: string): string | undefined;
  /** Why the server takes no connections now (stopped, being deleted), or undefined when it does. */
  unavailable(): string | undefined;
  cluster: { host: string; port: number };
}

/**
 * One flexible server's address: a PostgreSQL wire-protocol front on its own port that passes each connection to
 * the shared local cluster, renaming the database in the startup message to the server's own copy. So a restored
 * server really is another address with the same database names, as in Azure. TLS is declined (the client's
 * SSLRequest is answered 'N'): the emulator's servers are plain loopback, unlike Azure's, which require TLS.
 */
export async function listenPostgresFront(target: PostgresFrontTarget): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 8) {
        const length = buffered.readInt32BE(0);
        if (length < 8 || length > MAX_STARTUP_BYTES) return client.destroy();
        if (buffered.length < length) return;
        const packet = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        const code = packet.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          client.write('N');
          continue;
        }
        client.off('data', onData);
        if (code === CANCEL_REQUEST) return relay(client, Buffer.concat([packet, buffered]));
        if (code !== PROTOCOL_3) return refuse(client, '08P01', 'unsupported frontend protocol');
        const parameters = startupParameters(packet);
        const database = parameters.get('database') ?? parameters.get('user') ?? '';
        const why = target.unavailable();
        if (why) return refuse(client, '57P03', why);
        const clusterDatabase = target.clusterDatabase(database);
        if (!clusterDatabase) return refuse(client, '3D000', `database "${database}" does not exist`);
        parameters.set('database', clusterDatabase);
        return relay(client, Buffer.concat([startupPacket(parameters), buffered]));
      }
    };
    client.on('data', onData);
  });

  function relay(client: Socket, first: Buffer): void {
    const upstream = connect(target.cluster.port, target.cluster.host);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.write(first);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `postgresql://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function startupParameters(packet: Buffer): Map<string, string> {
  const fields = packet.subarray(8).toString('utf8').split('\0');
  const parameters = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length && fields[index] !== ''; index += 2)
    parameters.set(fields[index] ?? '', fields[index + 1] ?? '');
  return parameters;
}

function startupPacket(parameters: Map<string, string>): Buffer {
  const body = Buffer.from(`${[...parameters].map(([name, value]) => `${name}\0${value}\0`).join('')}\0`, 'utf8');
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(PROTOCOL_3, 4);
  return Buffer.concat([header, body]);
}

/** Answers as PostgreSQL does before authentication: one FATAL ErrorResponse, then the connection closes. */
function refuse(client: Socket, sqlState: string, message: string): void {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${sqlState}\0M${message}\0\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(4 + fields.length, 1);
  client.end(Buffer.concat([header, fields]));
}
