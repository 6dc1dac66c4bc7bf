#!/usr/bin/env bash
# Puts the previous API release back into production: the staging slot holds it after a deploy; it is verified
# (the version it reports, its health gate) before it is swapped in, and production is verified after.
#   infrastructure/scripts/rollback.sh <environment> [augeo rollback flags...]   e.g. --to myacr.azurecr.io/augeo/api:1.4.1
set -euo pipefail
# shellcheck source=platform.sh source-path=SCRIPTDIR
source "$(dirname "$0")/platform.sh"
require_environment "rollback.sh <environment> [flags...]" "${1:-}"
environment="$1"
shift
augeo rollback --resource-group "$resource_group" --app-name "$api_app" --environment "$environment" \
  --reason "rollback.sh by ${USER:-an operator}" "$@"
