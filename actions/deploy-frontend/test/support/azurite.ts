import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Azurite's well-known development account (public, documented; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

interface BlobServer {
  start(): Promise<void>;
  close(): Promise<void>;
  clean(): Promise<void>;
  getHttpServerAddress(): string;
}

/**
 * The real Azure Storage emulator's blob service, in this process: in memory, on 127.0.0.1, on a free port.
 * `require('azurite')` is its VS Code extension, so the server is reached through deep imports.
 */
export async function startAzurite(): Promise<{ url: string; stop(): Promise<void> }> {
  const BlobServer = require('azurite/dist/src/blob/BlobServer').default;
  const BlobConfiguration = require('azurite/dist/src/blob/BlobConfiguration').default;
  // (host, port, keepAlive, metadata db, extent db, persistence, access log, log stream, debug log, debug path,
  //  loose, skipApiVersionCheck, cert, key, pwd, oauth, disableProductStyleUrl, isMemoryPersistence)
  const config = new BlobConfiguration(
    '127.0.0.1',
    0,
    5,
    undefined,
    undefined,
    undefined,
    false,
    undefined,
    false,
    undefined,
    true,
    true,
    '',
    '',
    '',
    undefined,
    true,
    true,
  );
  const server = new BlobServer(config) as BlobServer;
  await server.start();
  return {
    url: server.getHttpServerAddress(),
    stop: async () => {
      await server.close();
      await server.clean();
    },
  };
}
