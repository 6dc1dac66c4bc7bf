#!/usr/bin/env -S node --
// "node --": without it Node itself takes our --env-file flag (it has one of its own) even after the script name.
// dist/augeo.js is the bundle `npm run build` makes (packages/cli/scripts/build.mjs).
await import('../dist/augeo.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('augeo.js')) throw error;
  console.error('augeo: packages/cli/dist/augeo.js is missing; run `npm run build` at the repository root first.');
  process.exit(2);
});
