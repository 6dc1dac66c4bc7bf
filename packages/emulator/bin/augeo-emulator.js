#!/usr/bin/env -S node --
// "node --": without it Node itself takes our --env-file flag (it has one of its own) even after the script name.
import { main } from '../dist/cli.js';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`augeo-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
