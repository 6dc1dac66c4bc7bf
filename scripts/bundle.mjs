// Bundles each action (actions/<name>/src/index.ts) with ncc into actions/<name>/dist, the file action.yml runs.
// Usage: node scripts/bundle.mjs [--out-dir <dir>] [action-name...]
//   --out-dir writes <dir>/<name>/ instead, so test/check-dist.test.ts can compare a fresh build with what is committed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const repoRoot = resolve(import.meta.dirname, '..');
const actionsDir = join(repoRoot, 'actions');
const nccCli = join(repoRoot, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
// ncc spends its time in one thread; CI machines have 2 cores.
const PARALLEL_BUILDS = 2;

function bundleableActions() {
  return readdirSync(actionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(actionsDir, entry.name, 'src/index.ts')))
    .map((entry) => entry.name)
    .sort();
}

function chooseActions(requested) {
  const available = bundleableActions();
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`Unknown action(s): ${unknown.join(', ')}. Actions with src/index.ts: ${available.join(', ')}.`);
    process.exit(2);
  }
  return requested.length > 0 ? requested : available;
}

function bundle(name, outDir) {
  const actionDir = join(actionsDir, name);
  rmSync(outDir, { recursive: true, force: true });
  const args = [nccCli, 'build', 'src/index.ts', '-o', outDir, '-m', '--no-source-map-register', '-q'];
  const started = Date.now();
  return new Promise((settle) => {
    const ncc = spawn(process.execPath, args, { cwd: actionDir, stdio: 'inherit' });
    ncc.on('error', (error) => settle({ name, ok: false, reason: error.message }));
    ncc.on('exit', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      settle({ name, ok: code === 0, reason: signal ?? `ncc exited with ${code}`, seconds });
    });
  });
}

async function inBatches(items, limit, task) {
  const queue = [...items];
  const results = [];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) results.push(await task(item));
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
  return results;
}

const { values, positionals } = parseArgs({ options: { 'out-dir': { type: 'string' } }, allowPositionals: true });
const outRoot = values['out-dir'] === undefined ? undefined : resolve(values['out-dir']);
const outDirOf = (name) => (outRoot ? join(outRoot, name) : join(actionsDir, name, 'dist'));

const results = await inBatches(chooseActions(positionals), PARALLEL_BUILDS, (name) => bundle(name, outDirOf(name)));
for (const result of results) {
  console.log(result.ok ? `bundled ${result.name} in ${result.seconds} s` : `FAILED ${result.name}: ${result.reason}`);
}
if (results.some((result) => !result.ok)) process.exit(1);
