#!/usr/bin/env bash
# Builds the admin frontend and deploys it to the environment's Static Web App, waiting until the new build is
# served. Pass --package-storage (where packages are kept for rollback) and the build's flags, e.g.
#   infrastructure/scripts/deploy-frontend.sh staging --app-location ../augeo-web --build-command "npm ci && npm run build" \
#     --package-storage https://augeostagingpkgs.blob.core.windows.net/frontend-packages
# `--mode rollback` redeploys the previous package.
set -euo pipefail
# shellcheck source=platform.sh source-path=SCRIPTDIR
source "$(dirname "$0")/platform.sh"
require_environment "deploy-frontend.sh <environment> [flags...]" "${1:-}"
shift
augeo deploy-frontend --resource-group "$resource_group" --static-web-app-name "$admin_app" "$@"
