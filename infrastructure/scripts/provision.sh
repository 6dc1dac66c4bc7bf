#!/usr/bin/env bash
# Provisions an environment from the committed compiled template: a what-if by default, `deploy` to apply it.
#   infrastructure/scripts/provision.sh <environment> [validate|what-if|deploy] [augeo provision flags...]
set -euo pipefail
# shellcheck source=platform.sh source-path=SCRIPTDIR
source "$(dirname "$0")/platform.sh"
require_environment "provision.sh <environment> [validate|what-if|deploy] [flags...]" "${1:-}"
environment="$1"
shift
mode="what-if"
if [[ $# -gt 0 && "$1" != --* ]]; then
  mode="$1"
  shift
fi
cd "$repo_root"
augeo provision --environment "$environment" --mode "$mode" "$@"
