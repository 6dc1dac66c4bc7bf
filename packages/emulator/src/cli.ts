import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator, type Emulator } from './emulator.js';
import { ensureTestCa } from './test-ca.js';

const USAGE = `Usage:
  augeo-emulator start [--world FILE] [--env-file FILE] [--ca-dir DIR]
      Runs the local Azure + GitHub in the foreground until SIGTERM or SIGINT.
      --env-file writes the KEY=VALUE lines a runner step needs once everything listens.
  augeo-emulator ca --dir DIR
      Creates (or reuses) the test CA in DIR and prints the path of ca.pem.`;

async function writeEnvFile(path: string, env: Record<string, string>): Promise<void> {
  const text = Object.entries(env)
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');
  // Renamed into place so a reader polling for the file never sees half of it.
  await writeFile(`${path}.partial`, text);
  await rename(`${path}.partial`, path);
}

function banner(emulator: Emulator): string {
  const state = emulator.env;
  const lines = [
    'augeo emulator ready',
    `  control  ${emulator.controlUrl}`,
    `  entra    ${state.AZURE_AUTHORITY_HOST}`,
    `  arm      ${emulator.armUrl}`,
    `  github   ${state.GITHUB_API_URL}`,
    `  CA       ${state.NODE_EXTRA_CA_CERTS}`,
  ];
  return lines.join('\n');
}

async function slotLines(emulator: Emulator): Promise<string> {
  const response = await fetch(`${emulator.controlUrl}/_emulator/state`);
  const state = (await response.json()) as {
    sites: { resourceGroup: string; name: string; slots: Record<string, { url: string; app: { status: string } }> }[];
  };
  return state.sites
    .flatMap((site) =>
      Object.values(site.slots).map(
        (slot, index) =>
          `  ${site.resourceGroup}/${site.name}/${Object.keys(site.slots)[index]}  ${slot.url}  (${slot.app.status})`,
      ),
    )
    .join('\n');
}

async function start(options: { world?: string; envFile?: string; caDir?: string }): Promise<number> {
  const emulator = await startEmulator({
    ...(options.world ? { world: resolve(options.world) } : {}),
    ...(options.caDir ? { caDir: resolve(options.caDir) } : {}),
  });
  const stopped = new Promise<void>((resolveStop) => {
    const stop = () => void emulator.stop().then(resolveStop);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  console.log(banner(emulator));
  console.log('slots:');
  console.log(await slotLines(emulator));
  if (options.envFile) {
    await writeEnvFile(resolve(options.envFile), emulator.env);
    console.log(`environment written to ${resolve(options.envFile)}`);
  }
  await stopped;
  console.log('augeo emulator stopped');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      world: { type: 'string' },
      'env-file': { type: 'string' },
      'ca-dir': { type: 'string' },
      dir: { type: 'string' },
    },
    strict: true,
  });
  if (command === 'start') {
    return start({
      ...(values.world ? { world: values.world } : {}),
      ...(values['env-file'] ? { envFile: values['env-file'] } : {}),
      ...(values['ca-dir'] ? { caDir: values['ca-dir'] } : {}),
    });
  }
  if (command === 'ca' && values.dir) {
    const { caCertPath } = await ensureTestCa(resolve(values.dir));
    console.log(caCertPath);
    return 0;
  }
  console.error(USAGE);
  return 2;
}
