// Bundles the CLI (src/main.ts and what it imports from the workspace) into one ES module, dist/augeo.js, as
// scripts/bundle.mjs does for the actions: Node cannot run the workspace's TypeScript sources itself.
// Usage: node packages/cli/scripts/build.mjs [--outfile <file>]   (tests build into a temporary folder)
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const packageDir = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { outfile: { type: 'string' } } });
const outfile = resolve(values.outfile ?? join(packageDir, 'dist/augeo.js'));

// Some dependencies still call require(); an ES module has none, so give it one.
const REQUIRE_SHIM =
  'import{createRequire as __augeoCreateRequire}from"node:module";const require=__augeoCreateRequire(import.meta.url);';

await build({
  entryPoints: [join(packageDir, 'src/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  banner: { js: REQUIRE_SHIM },
  logLevel: 'warning',
});
// The bundle is an ES module wherever it is written.
writeFileSync(join(dirname(outfile), 'package.json'), '{"type":"module"}\n');
