#!/usr/bin/env bash
# The local demo: start the emulator, run the bundled health-check action against the staging slot of the example API
# as a runner would, print its job summary, stop the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

EMULATOR_CLI=packages/emulator/bin/augeo-emulator.js
DEMO_DIR="$PWD/.augeo/demo"
ENV_FILE="$PWD/.augeo/emulator.env"
START_TIMEOUT_SECONDS=60

if [[ ! -f "$EMULATOR_CLI" ]]; then
  echo "demo: $EMULATOR_CLI is not there yet; the demo needs the emulator CLI" >&2
  exit 1
fi
mkdir -p "$DEMO_DIR"
rm -f "$ENV_FILE" "$DEMO_DIR/summary.md" "$DEMO_DIR/output"
touch "$DEMO_DIR/summary.md" "$DEMO_DIR/output"

# `node --`: otherwise Node takes the emulator's --env-file flag for its own (nodejs/node#54232).
node -- "$EMULATOR_CLI" start --env-file "$ENV_FILE" >"$DEMO_DIR/emulator.log" 2>&1 &
emulator_pid=$!
# shellcheck disable=SC2317 # reached through the EXIT trap
stop_emulator() {
  kill -TERM "$emulator_pid" 2>/dev/null || return 0
  wait "$emulator_pid" 2>/dev/null || true
}
trap stop_emulator EXIT

echo "demo: starting the emulator (log: $DEMO_DIR/emulator.log)"
for ((waited = 0; waited < START_TIMEOUT_SECONDS * 10; waited++)); do
  [[ -s "$ENV_FILE" ]] && break
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    echo "demo: the emulator exited during start:" >&2
    cat "$DEMO_DIR/emulator.log" >&2
    exit 1
  fi
  sleep 0.1
done
[[ -s "$ENV_FILE" ]] || { echo "demo: no $ENV_FILE after ${START_TIMEOUT_SECONDS}s" >&2; exit 1; }

# The environment a runner would have (endpoints, OIDC request URL, NODE_EXTRA_CA_CERTS). Passed through `env`, not
# `source`: keys such as INPUT_APP-NAME are not valid shell names.
mapfile -t runner_env < <(grep -E '^[A-Za-z_][A-Za-z0-9_-]*=' "$ENV_FILE")
runner_env+=("GITHUB_STEP_SUMMARY=$DEMO_DIR/summary.md" "GITHUB_OUTPUT=$DEMO_DIR/output")

# The one place that knows the shape of GET /_emulator/state: the first slot named "staging", wherever it sits.
staging_slot_url() {
  env "${runner_env[@]}" node --input-type=module -e '
    const state = await (await fetch(new URL("/_emulator/state", process.env.AUGEO_EMULATOR_URL))).json();
    const find = (node) =>
      node === null || typeof node !== "object" ? undefined
        : node.name === "staging" && typeof node.url === "string" ? node.url
        : Object.values(node).map(find).find((url) => url !== undefined);
    const url = find(state);
    if (url === undefined) throw new Error("no slot named staging in GET /_emulator/state");
    console.log(url);
  '
}

url="$(staging_slot_url)/healthz"
echo "demo: health-check of $url"
status=0
env "${runner_env[@]}" "INPUT_URL=$url" node actions/health-check/dist/index.js || status=$?

echo
echo "demo: job summary ($DEMO_DIR/summary.md)"
cat "$DEMO_DIR/summary.md"
echo "demo: health-check exited with $status"
exit "$status"
