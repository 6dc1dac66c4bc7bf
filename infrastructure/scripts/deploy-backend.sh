#!/usr/bin/env bash
# Blue-green deploy of an API image to an environment: staged in the staging slot, verified, swapped, verified again,
# swapped back by itself if production fails.
#   infrastructure/scripts/deploy-backend.sh <environment> <image> [augeo deploy-backend flags...]
set -euo pipefail
# shellcheck source=platform.sh source-path=SCRIPTDIR
source "$(dirname "$0")/platform.sh"
require_environment "deploy-backend.sh <environment> <image> [flags...]" "${1:-}"
environment="$1"
image="${2:-}"
if [[ -z "$image" || "$image" == --* ]]; then
  echo "usage: deploy-backend.sh <environment> <image> [flags...], e.g. myacr.azurecr.io/augeo/api:1.4.2" >&2
  exit 2
fi
shift 2
augeo deploy-backend --resource-group "$resource_group" --app-name "$api_app" --image "$image" \
  --environment "$environment" "$@"
