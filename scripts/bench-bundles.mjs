// Bundle size and cold start of every actions/*/dist/index.js, against the budget in docs/design.md.
// Cold start = spawn -> first connection the action opens, with every URL it reads pointed at a local server:
// that is the time a job waits before an action does anything useful. Bare `node -e 0` is the baseline.
// Usage: node scripts/bench-bundles.mjs [--check]   (--check exits 1 when an action is over budget)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const RUNS = 10;
const RUN_TIMEOUT_MS = 15_000;
const BUDGET_DIST_BYTES = 1_500_000;
const BUDGET_COLD_START_ABOVE_NODE_MS = 150;
const PLACEHOLDER_GUID = '00000000-0000-4000-8000-000000000000';

const repoRoot = resolve(import.meta.dirname, '..');
const actionsDir = join(repoRoot, 'actions');

function bytesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + statSync(join(entry.parentPath, entry.name)).size, 0);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Valid inputs a placeholder cannot stand in for (an image needs a tag, migrate needs a database to plan against),
 * so that each action gets past validation to its first network call. `{server}` is the local listener.
 */
const SAMPLE_INPUTS = {
  'deploy-backend': { image: 'augeo/api:1.2.3' },
  'deploy-frontend': { 'package-storage': 'http://{server-host}/devstoreaccount1/packages' },
  migrate: {
    mode: 'plan',
    'working-directory': 'examples/api',
    'database-url': 'postgresql://bench@{server-host}/bench',
  },
  provision: { environment: 'staging', template: 'infrastructure/bicep/compiled/main.json' },
  'dr-drill': { environment: 'staging' },
  'redis-backup': { environment: 'staging', 'backup-storage': 'http://{server-host}/devstoreaccount1/backups' },
};

/** A value for every required input without a default, so the action gets past validation to its first network call. */
function inputsFor(actionDir, serverUrl) {
  const metadata = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8'));
  const env = {};
  const serverHost = new URL(serverUrl).host;
  for (const [name, value] of Object.entries(SAMPLE_INPUTS[basename(actionDir)] ?? {})) {
    env[`INPUT_${name.toUpperCase()}`] = value.replace('{server}', serverUrl).replace('{server-host}', serverHost);
  }
  for (const [name, spec] of Object.entries(metadata.inputs ?? {})) {
    if (spec?.required !== true || spec.default !== undefined) continue;
    const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
    if (key in env) continue;
    if (/url|endpoint/i.test(name)) env[key] = `${serverUrl}/healthz`;
    else if (/-id$/.test(name)) env[key] = PLACEHOLDER_GUID;
    else env[key] = 'bench';
  }
  return env;
}

function runnerEnv(serverUrl, scratch) {
  // The runner creates these files before a step starts; @actions/core refuses to write to missing ones.
  for (const file of ['output', 'summary', 'env']) writeFileSync(join(scratch, file), '');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: join(scratch, 'output'),
    GITHUB_STEP_SUMMARY: join(scratch, 'summary'),
    GITHUB_ENV: join(scratch, 'env'),
    RUNNER_TEMP: scratch,
    GITHUB_API_URL: serverUrl,
    // getIDToken appends "&audience=", so the request URL already holds a "?".
    ACTIONS_ID_TOKEN_REQUEST_URL: `${serverUrl}/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bench',
    AZURE_AUTHORITY_HOST: serverUrl,
    AZURE_RESOURCE_MANAGER_ENDPOINT: serverUrl,
    AZURE_CLIENT_ID: PLACEHOLDER_GUID,
    AZURE_TENANT_ID: PLACEHOLDER_GUID,
    AZURE_SUBSCRIPTION_ID: PLACEHOLDER_GUID,
  };
}

/** One run: resolves with {ms, connected} at the first accepted connection, or {ms, exitCode} at exit if none came. */
async function timeOneStart(args, makeEnv, cwd) {
  const server = createServer();
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  const serverUrl = `https://127.0.0.1:${server.address().port}`;
  const scratch = mkdtempSync(join(tmpdir(), 'augeo-bench-'));
  try {
    return await new Promise((settle, fail) => {
      const started = performance.now();
      const child = spawn(process.execPath, args, { cwd, env: makeEnv(serverUrl, scratch), stdio: 'ignore' });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(new Error(`${args.join(' ')} neither connected nor exited within ${RUN_TIMEOUT_MS} ms`));
      }, RUN_TIMEOUT_MS);
      server.once('connection', (socket) => {
        const ms = performance.now() - started;
        socket.destroy();
        child.kill('SIGKILL');
        clearTimeout(timer);
        settle({ ms, connected: true });
      });
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        settle({ ms: performance.now() - started, connected: false, exitCode });
      });
      child.once('error', fail);
    });
  } finally {
    await new Promise((closed) => server.close(closed));
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function medianStart(args, makeEnv, cwd) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await timeOneStart(args, makeEnv, cwd));
  const exitCodes = [...new Set(runs.filter((run) => !run.connected).map((run) => run.exitCode))];
  return { ms: median(runs.map((run) => run.ms)), connected: runs.some((run) => run.connected), exitCodes };
}

const formatKiB = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const formatMs = (ms) => `${ms.toFixed(0)} ms`;

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const bundled = readdirSync(actionsDir)
  .filter((name) => existsSync(join(actionsDir, name, 'dist/index.js')))
  .sort();

console.log(`node ${process.version}, median of ${RUNS} runs each`);
console.log(
  `budget: dist/ <= ${(BUDGET_DIST_BYTES / 1e6).toFixed(1)} MB, cold start <= ${BUDGET_COLD_START_ABOVE_NODE_MS} ms above bare node`,
);
const baseline = await medianStart(['-e', '0'], () => ({ PATH: process.env.PATH }), repoRoot);
console.log(`baseline: node -e 0 spawn -> exit ${formatMs(baseline.ms)}\n`);

const overBudget = [];
for (const name of bundled) {
  const actionDir = join(actionsDir, name);
  const indexBytes = statSync(join(actionDir, 'dist/index.js')).size;
  const distBytes = bytesUnder(join(actionDir, 'dist'));
  // As on a runner: the working directory is the checkout, the action runs from its own folder.
  const start = await medianStart(
    [join(actionDir, 'dist/index.js')],
    (serverUrl, scratch) => ({ ...runnerEnv(serverUrl, scratch), ...inputsFor(actionDir, serverUrl) }),
    repoRoot,
  );
  const aboveNode = start.ms - baseline.ms;
  const problems = [];
  if (distBytes > BUDGET_DIST_BYTES) problems.push('dist/ over budget');
  if (start.connected && aboveNode > BUDGET_COLD_START_ABOVE_NODE_MS) problems.push('cold start over budget');
  if (problems.length > 0) overBudget.push(name);

  const timing = start.connected
    ? `cold start ${formatMs(start.ms)} (+${formatMs(aboveNode)} over node)`
    : `no network call (stub, or stopped by its inputs: exit ${start.exitCodes.join('/')}): ` +
      `start -> exit ${formatMs(start.ms)} (+${formatMs(aboveNode)} over node)`;
  console.log(
    `${name.padEnd(16)} index.js ${indexBytes.toLocaleString('en')} B (${formatKiB(indexBytes)}), ` +
      `dist/ ${distBytes.toLocaleString('en')} B (${formatKiB(distBytes)})  ${timing}  ` +
      (problems.length > 0 ? `OVER BUDGET: ${problems.join(', ')}` : 'ok'),
  );
}

if (bundled.length === 0) console.log('no actions/*/dist/index.js yet: run npm run bundle');
if (values.check && overBudget.length > 0) {
  console.error(`\nover budget: ${overBudget.join(', ')}`);
  process.exit(1);
}
