#!/usr/bin/env bash
# The local demo: the release story of issue 7, told by this repository's own workflows (staging.yml, production.yml,
# rollback.yml → deploy.yml) against the local Azure and GitHub emulator and a throwaway PostgreSQL. Prints the
# timeline as it happens and the key lines of every job summary. The emulator lives inside the rehearsal and stops
# with it; PostgreSQL is stopped by the EXIT trap when this script started it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"

started_postgres=false
# shellcheck disable=SC2317 # reached through the EXIT trap
stop_postgres() {
  if [[ "$started_postgres" == true ]]; then
    echo "demo: stopping PostgreSQL"
    bash scripts/postgres.sh stop >/dev/null
  fi
}
trap stop_postgres EXIT

# A cluster someone else already runs (a test run, another shell) is used and left running.
if ! bash scripts/postgres.sh status; then
  started_postgres=true
  echo "demo: starting PostgreSQL"
fi
database_url="$(bash scripts/postgres.sh start | sed -n 's/^DATABASE_URL=//p')"

echo "demo: rehearsing the release story (databases on $database_url)"
node --import ./packages/workflow-tools/src/hooks/register.ts packages/workflow-tools/src/rehearse.ts \
  --story --database-url "$database_url"
