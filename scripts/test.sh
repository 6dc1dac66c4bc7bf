#!/usr/bin/env bash
# What `npm test` and CI run: setup, the test CA, then typecheck, lint and jest, all on Node 24.
# Extra arguments go to jest (e.g. `npm test -- packages/shared`).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

# The npm package node@24 puts Node 24 in node_modules/.bin: GitHub runs node24 actions on Node 24, so we test there.
# npm scripts already put it first on PATH; this covers running the script directly.
export PATH="$PWD/node_modules/.bin:$PATH"
echo "test: node $(node --version) ($(command -v node))"

EMULATOR_CLI=packages/emulator/bin/augeo-emulator.js
CA_DIR="$PWD/.augeo/ca"
node "$EMULATOR_CLI" ca --dir "$CA_DIR" >/dev/null
export AUGEO_EMULATOR_CA_DIR="$CA_DIR"
# Node reads NODE_EXTRA_CA_CERTS once, at start: every process below trusts the emulator's CA.
export NODE_EXTRA_CA_CERTS="$CA_DIR/ca.pem"

# A throwaway PostgreSQL for the migration gate's tests; stopped (and its data deleted) however the run ends.
eval "$(bash scripts/postgres.sh start | grep '^TEST_DATABASE_URL=' | sed 's/^/export /')"
trap 'bash scripts/postgres.sh stop >/dev/null' EXIT

failed=()
step() {
  local name=$1
  shift
  echo "test: --- $name"
  "$@" || failed+=("$name")
}
step typecheck npm run --silent typecheck
step lint npm run --silent lint
rm -f .augeo/jest-results.json
step jest node --experimental-vm-modules node_modules/jest/bin/jest.js --json --outputFile=.augeo/jest-results.json "$@"
# One plain closing line for whoever reads the log (CI included): N passed, N failed.
if [[ -f .augeo/jest-results.json ]]; then
  # shellcheck disable=SC2016 # a JavaScript template literal, not shell
  node -e 'const r = require("./.augeo/jest-results.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`)'
fi

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "test: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "test: all passed"
