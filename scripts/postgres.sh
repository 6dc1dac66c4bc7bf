#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the migration tests and the demo.
#   scripts/postgres.sh start   creates it (once) and starts it; prints DATABASE_URL=... and TEST_DATABASE_URL=...
#   scripts/postgres.sh stop    stops it and deletes its data
#   scripts/postgres.sh status  exits 0 when it is running
# Both start and stop are idempotent. Port: $PGPORT (default 55432); data and socket live under /tmp.
# initdb refuses to run as root, so the cluster belongs to the `postgres` user; trust auth on loopback only.
set -euo pipefail

PORT="${PGPORT:-55432}"
ROOT="/tmp/augeo-postgres-${PORT}"
DATA="${ROOT}/data"
SOCKET_DIR="${ROOT}/socket"
LOG="${ROOT}/postgres.log"
CLUSTER_OWNER=postgres

find_pg_bin() {
  local candidate
  for candidate in "${PG_BINDIR:-}" /usr/lib/postgresql/15/bin "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
    if [[ -n "$candidate" && -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
      echo "$candidate"
      return
    fi
  done
  echo "PostgreSQL 15 server binaries not found: install Debian's postgresql-15 (apt-get install -y postgresql) or set PG_BINDIR." >&2
  exit 1
}

as_owner() {
  if [[ "$(id -un)" == "$CLUSTER_OWNER" ]]; then
    "$@"
  elif [[ "$(id -u)" == 0 ]]; then
    # runuser keeps the argument vector intact (no shell re-quoting) and needs no password as root.
    runuser -u "$CLUSTER_OWNER" -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [[ -f "$DATA/postmaster.pid" ]] && as_owner "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

print_urls() {
  echo "DATABASE_URL=postgresql+psycopg2://postgres@127.0.0.1:${PORT}/postgres"
  echo "TEST_DATABASE_URL=postgresql+psycopg2://postgres@127.0.0.1:${PORT}/postgres"
}

start() {
  if is_running; then
    print_urls
    return
  fi
  mkdir -p "$ROOT"
  if [[ "$(id -u)" == 0 ]]; then chown "$CLUSTER_OWNER" "$ROOT"; fi
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    rm -rf "$DATA"
    as_owner "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust --no-sync --no-instructions -E UTF8 --locale=C.UTF-8 >"$ROOT/initdb.log" 2>&1 ||
      { cat "$ROOT/initdb.log" >&2; exit 1; }
  fi
  as_owner mkdir -p "$SOCKET_DIR"
  as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 start \
    -o "-p ${PORT} -k ${SOCKET_DIR} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { tail -n 20 "$LOG" >&2; exit 1; }
  print_urls
}

stop() {
  if is_running; then
    as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
  rm -rf "$ROOT"
}

PG_BIN="$(find_pg_bin)"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) is_running ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
