import { jest } from '@jest/globals';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../../../..');
export const TEST_WORLD = join(here, '../fixtures/test-world.json');
export const CA_DIR = process.env.AUGEO_EMULATOR_CA_DIR ?? join(REPO_ROOT, '.augeo/ca');

export const TENANT = '0c6b1a9e-7d24-4f3b-8e51-a2c9d7f04b18';
export const SUBSCRIPTION = '6e2f9c14-58ab-4d7e-91c3-0b4a7e2d5f86';
export const STAGING_CLIENT = '2f7e4b91-c3a8-4d56-9e12-7b0a5c3d8f41';
export const STAGING_OBJECT = '8a1c5e37-9b2d-4f64-a0e8-3d7b1c9f5e22';
export const PRODUCTION_CLIENT = 'd5b08c63-1e9f-47a2-b3d4-6c2e8f0a9b15';
export const AZURE_AUDIENCE = 'api://AzureADTokenExchange';

/** Starts the emulator on the test world and gives this process the environment a runner step would have. */
export async function startTestEmulator(): Promise<Emulator> {
  const emulator = await startEmulator({ world: TEST_WORLD, caDir: CA_DIR, repoRoot: REPO_ROOT });
  Object.assign(process.env, emulator.env);
  return emulator;
}

/** getIDToken prints `::add-mask::<token>` on stdout; keep the test output readable. */
export function silenceWorkflowCommands(): void {
  const write = process.stdout.write.bind(process.stdout);
  jest
    .spyOn(process.stdout, 'write')
    .mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) =>
      String(chunk).startsWith('::') ? true : write(chunk, ...rest)) as typeof process.stdout.write);
}

/** Fetches a path from a slot's HTTPS front (trusted through NODE_EXTRA_CA_CERTS). */
export async function fetchSlot(url: string, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, body: await response.text() };
}

/** Polls until `check` holds, for things the emulator does in the background (app restarts). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolvePause) => setTimeout(resolvePause, 50));
    value = await read();
  }
  return value;
}
