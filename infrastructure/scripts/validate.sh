#!/usr/bin/env bash
# Everything a template change must pass before it is merged, from a terminal: the Bicep build and linter (the real
# compiler, scripts/bicep.sh), then the offline policy checks, ARM validation and a what-if against the environment,
# on what was just compiled rather than on the committed JSON.
#   infrastructure/scripts/validate.sh <environment> [augeo provision flags...]
set -euo pipefail
# shellcheck source=platform.sh source-path=SCRIPTDIR
source "$(dirname "$0")/platform.sh"
require_environment "validate.sh <environment> [flags...]" "${1:-}"
environment="$1"
shift
compiled="$(mktemp -d)"
trap 'rm -rf "$compiled"' EXIT

bash "$repo_root/scripts/bicep.sh" build-all --out-dir "$compiled"
cd "$repo_root"
augeo provision --environment "$environment" --mode what-if --policy true \
  --template "$compiled/main.json" --parameters "$compiled/$environment.parameters.json" "$@"
