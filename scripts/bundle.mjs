// Bundles each action (actions/<name>/src/index.ts) into actions/<name>/dist/index.js, the file action.yml runs.
// Usage: node scripts/bundle.mjs [--out-dir <dir>] [action-name...]
//   --out-dir writes <dir>/<name>/ instead, so test/check-dist.test.ts can compare a fresh build with what is committed.
//
// Why esbuild and not ncc: ncc (webpack) does not tree-shake @azure/arm-appservice's per-operation modules, so every
// Azure action came out at ~2 MB; esbuild drops what is not imported (~1 MB), builds all actions in about a second,
// and its output is byte-for-byte repeatable. Types are checked by `npm run typecheck`, not by the bundler.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const repoRoot = resolve(import.meta.dirname, '..');
const actionsDir = join(repoRoot, 'actions');

// Some dependencies still call require(); an ES module has none, so give it one.
const REQUIRE_SHIM =
  'import{createRequire as __augeoCreateRequire}from"node:module";const require=__augeoCreateRequire(import.meta.url);';

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

async function bundle(name, outDir) {
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  try {
    await build({
      entryPoints: [join(actionsDir, name, 'src/index.ts')],
      outfile: join(outDir, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      minify: true,
      legalComments: 'none',
      banner: { js: REQUIRE_SHIM },
      // Keeps the output identical wherever the repository is checked out.
      absWorkingDir: repoRoot,
      logLevel: 'warning',
    });
    // The runner loads dist/index.js on its own: mark the folder as ES modules whatever the package around it says.
    writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
    return { name, ok: true, seconds: ((Date.now() - started) / 1000).toFixed(1) };
  } catch (error) {
    return { name, ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

const { values, positionals } = parseArgs({ options: { 'out-dir': { type: 'string' } }, allowPositionals: true });
const outRoot = values['out-dir'] === undefined ? undefined : resolve(values['out-dir']);
const outDirOf = (name) => (outRoot ? join(outRoot, name) : join(actionsDir, name, 'dist'));

const results = await Promise.all(chooseActions(positionals).map((name) => bundle(name, outDirOf(name))));
for (const result of results) {
  console.log(result.ok ? `bundled ${result.name} in ${result.seconds} s` : `FAILED ${result.name}: ${result.reason}`);
}
if (results.some((result) => !result.ok)) process.exit(1);
