# shellcheck shell=bash
# Sourced by the operator scripts beside it: the platform's names per environment, and `augeo` itself.
# The names are those infrastructure/bicep/main.bicep gives each environment (augeo-<env>-rg, -api, -admin).

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Checks the environment argument (printing the calling script's usage when it is wrong) and names its resources.
require_environment() {
  local usage="$1" environment="${2:-}"
  case "$environment" in
    dev | staging | production) ;;
    *)
      echo "usage: $usage" >&2
      echo "  <environment> is dev, staging or production; further flags go to augeo (see docs/cli.md)." >&2
      exit 2
      ;;
  esac
  # shellcheck disable=SC2034 # read by the scripts that source this file
  resource_group="augeo-$environment-rg"
  # shellcheck disable=SC2034
  api_app="augeo-$environment-api"
  # shellcheck disable=SC2034
  admin_app="augeo-$environment-admin"
}

# The CLI of this checkout (`npm ci && npm run build` make it), or the bundle AUGEO_CLI names.
augeo() {
  node -- "${AUGEO_CLI:-$repo_root/packages/cli/bin/augeo.js}" "$@"
}
