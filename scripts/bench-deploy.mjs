// Deploy benchmark on the emulator with fixed, stated Azure latencies: our overhead against Azure's own waits,
// and how fast a release that fails in production is swapped back. Prints figures only; not a test.
// Usage: node scripts/bench-deploy.mjs   (needs the bundled actions/deploy-backend/dist and the emulator's CA)
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator } from '../packages/emulator/dist/index.js';
import { loadWorld } from '../packages/emulator/dist/world.js';

const repoRoot = resolve(import.meta.dirname, '..');
const LATENCY = { restart: 2000, swap: 3000, appStart: 0, slotCreate: 0 };
const GATE = {
  samples: '5',
  interval: '200ms',
  'consecutive-successes': '2',
  deadline: '60s',
  timeout: '3s',
  'max-p95': '2s',
};
const RG = 'augeo-staging-rg';

const world = await loadWorld(undefined);
const group = world.subscriptions[0].resourceGroups.find((candidate) => candidate.name === RG);
const template = group.sites[0];
group.sites = ['bench-good-api', 'bench-bad-api'].map((name) => ({
  ...template,
  name,
  slots: template.slots.map((slot) => ({ ...slot, image: 'augeo/api:1.0.0' })),
}));
world.subscriptions[0].resourceGroups = [group];
world.latencies = LATENCY;
const emulator = await startEmulator({
  world,
  repoRoot,
  caDir: process.env.AUGEO_EMULATOR_CA_DIR ?? join(repoRoot, '.augeo/ca'),
});

async function deploy(site, image) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-'));
  const env = {
    PATH: process.env.PATH,
    ...emulator.env,
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_RUN_ID: String(Date.now()),
    AUGEO_LOCK_SETTLE_MS: '100',
  };
  await writeFile(env.GITHUB_OUTPUT, '');
  for (const [name, value] of Object.entries({ 'resource-group': RG, 'app-name': site, image, ...GATE }))
    env[`INPUT_${name.toUpperCase()}`] = value;
  const started = performance.now();
  const child = spawn(process.execPath, [join(repoRoot, 'actions/deploy-backend/dist/index.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const code = await new Promise((done) => child.on('close', done));
  const wallMs = performance.now() - started;
  const outputs = await readFile(env.GITHUB_OUTPUT, 'utf8');
  await rm(dir, { recursive: true, force: true });
  return { code, wallMs, stdout, outputs };
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
try {
  console.log(
    `Emulated Azure latencies: restart ${LATENCY.restart} ms, swap ${LATENCY.swap} ms. Gates: ${JSON.stringify(GATE)}.`,
  );

  // Azure's own waits on a good deploy's critical path, as the emulator models App Service: the slot restarts
  // once for its new app settings and once for its new image; a swap waits `swap`, restarts the source under the
  // target's slot settings (they differ: SLOT_NAME, APP_ENV) and restarts the new source under its own. Add the
  // gates' probe spacing (`interval`, a wait we choose). Everything above that is our overhead.
  const good = await deploy('bench-good-api', 'augeo/api:1.1.0');
  const interval = Number.parseInt(GATE.interval, 10);
  const slotGate = (Number(GATE['consecutive-successes']) - 1 + Number(GATE.samples) - 1) * interval;
  const productionGate = (Number(GATE.samples) - 1) * interval;
  const stage = 2 * LATENCY.restart;
  const swap = LATENCY.swap + 2 * LATENCY.restart;
  const critical = stage + swap + slotGate + productionGate;
  console.log(
    `good deploy: exit ${good.code}; wall ${seconds(good.wallMs)}; Azure latencies + gate spacing on the critical path ` +
      `${seconds(critical)} (stage restarts ${stage} + swap ${swap} + gate spacing ${slotGate + productionGate} ms); ` +
      `our overhead ${seconds(good.wallMs - critical)} = ${(((good.wallMs - critical) / critical) * 100).toFixed(1)} %`,
  );

  // Time from the first failed production probe to production serving the previous version again.
  emulator.injectFrontFault({ site: 'bench-bad-api', image: 'augeo/api:1.2.0', path: '^/healthz$', status: 500 });
  const watch = { restored: undefined };
  const productionUrl = emulator.slotUrl('bench-bad-api', 'production', RG);
  let swapped = false;
  const poller = setInterval(async () => {
    const response = await fetch(`${productionUrl}/version`).catch(() => undefined);
    const version = response?.ok ? (await response.json()).version : undefined;
    if (version === '1.2.0') swapped = true;
    if (swapped && version === '1.0.0' && watch.restored === undefined) watch.restored = performance.now();
  }, 20);
  const result = await deploy('bench-bad-api', 'augeo/api:1.2.0');
  clearInterval(poller);
  const failedProbe = /sample 1: status 500/.test(result.stdout);
  // The first production probe runs the moment the first swap completes (its operationresults 200) and fails.
  const journal = emulator.journal();
  const swaps = journal.filter(
    (entry) => entry.method === 'POST' && entry.path.includes('bench-bad-api') && /slotsswap$/.test(entry.path),
  );
  const firstSwapDone = journal.find(
    (entry) => entry.path.includes('bench-bad-api') && /operationresults/.test(entry.path) && entry.status === 200,
  );
  if (swaps.length === 2 && firstSwapDone && watch.restored !== undefined) {
    const firstFailureAt = Date.parse(firstSwapDone.time);
    const swapBackStarted = Date.parse(swaps[1].time);
    const restoredAt = Date.now() - (performance.now() - watch.restored);
    console.log(
      `bad release: exit ${result.code}; first failed production probe${failedProbe ? '' : ' (not seen!)'} → production serves 1.0.0 again: ${seconds(restoredAt - firstFailureAt)} (detection + start of swap back ${seconds(swapBackStarted - firstFailureAt)}); goal < interval ${interval} ms + swap until routing moves (${LATENCY.swap} ms + one source restart ${LATENCY.restart} ms) + 1 s = ${seconds(interval + LATENCY.swap + LATENCY.restart + 1000)}`,
    );
  } else {
    console.log(`bad release: exit ${result.code}; could not time the swap back (swaps ${swaps.length})`);
  }
} finally {
  await emulator.stop();
}
