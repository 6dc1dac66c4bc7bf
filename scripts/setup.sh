#!/usr/bin/env bash
# Installs what the tests and the demo need on a Debian machine. Safe to run again: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the real parts come from (docs/design.md, "Real parts, and how each starts").
DEBIAN_PACKAGES=(python3-fastapi python3-uvicorn python3-psycopg2 openssl postgresql alembic python3-alembic shellcheck chromium)

missing_debian_packages() {
  local package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || echo "$package"
  done
}

install_debian_packages() {
  local missing
  mapfile -t missing < <(missing_debian_packages)
  [[ ${#missing[@]} -eq 0 ]] && return
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages. Install them, then run this again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

install_node_modules() {
  # npm rewrites node_modules/.package-lock.json on every install, after package-lock.json: a reliable "installed at".
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund
  fi
}

build_emulator() {
  # The emulator's CLI runs compiled JavaScript (tests use its TypeScript source directly).
  npm run --silent build
}

install_debian_packages
install_node_modules
build_emulator
