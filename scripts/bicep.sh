#!/usr/bin/env bash
# The real Bicep compiler, wherever it can be had: `bicep` on PATH (workstations with `az bicep install`, GitHub
# runners), else the NuGet package Azure.Bicep.CommandLine.linux-x64 restored with `dotnet` into the NuGet cache.
#
# Usage:
#   scripts/bicep.sh path                       print the compiler's path (exit 3 when no compiler can be had)
#   scripts/bicep.sh build-all [--out-dir DIR]  build main.bicep and every .bicepparam, lint them all; by default
#                                               into infrastructure/bicep/compiled/ (what is committed)
#   scripts/bicep.sh <bicep arguments...>       run the compiler itself
set -euo pipefail

BICEP_PACKAGE=Azure.Bicep.CommandLine.linux-x64
BICEP_VERSION=0.49.2
# Exit status when no compiler can be had, so callers can tell "unavailable" from "the templates are broken".
EXIT_NO_COMPILER=3

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bicep_dir="$repo_root/infrastructure/bicep"

nuget_packages_dir() {
  if [[ -n "${NUGET_PACKAGES:-}" ]]; then echo "$NUGET_PACKAGES"; else echo "$HOME/.nuget/packages"; fi
}

restored_binary() {
  local package_dir
  package_dir="$(nuget_packages_dir)/${BICEP_PACKAGE,,}/$BICEP_VERSION"
  find "$package_dir" -type f -name bicep 2>/dev/null | head -n 1
}

# A packages-only project: `dotnet restore` needs a project to hang the PackageReference on, and restoring it is all
# we want (no build, no target framework runtime needed beyond restore).
restore_with_dotnet() {
  local work_dir="${XDG_CACHE_HOME:-$HOME/.cache}/augeo-bicep-restore"
  mkdir -p "$work_dir"
  cat >"$work_dir/restore.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="$BICEP_PACKAGE" Version="$BICEP_VERSION" />
  </ItemGroup>
</Project>
CSPROJ
  echo "bicep: restoring $BICEP_PACKAGE $BICEP_VERSION with dotnet…" >&2
  dotnet restore "$work_dir/restore.csproj" --verbosity quiet >&2
}

find_compiler() {
  if command -v bicep >/dev/null 2>&1; then
    command -v bicep
    return
  fi
  local binary
  binary="$(restored_binary)"
  if [[ -z "$binary" ]]; then
    if ! command -v dotnet >/dev/null 2>&1; then
      echo "bicep: no 'bicep' on PATH and no 'dotnet' to restore $BICEP_PACKAGE $BICEP_VERSION." >&2
      return 1
    fi
    restore_with_dotnet || { echo "bicep: dotnet could not restore $BICEP_PACKAGE $BICEP_VERSION." >&2; return 1; }
    binary="$(restored_binary)"
    [[ -n "$binary" ]] || { echo "bicep: restored $BICEP_PACKAGE but found no 'bicep' binary in it." >&2; return 1; }
  fi
  chmod +x "$binary"
  echo "$binary"
}

# bicep prints linter findings and diagnostics on stderr but exits 0 for warnings; any output there is a finding.
run_checked() {
  local findings
  findings="$(mktemp)"
  if ! "$@" 2>"$findings"; then
    cat "$findings" >&2
    rm -f "$findings"
    return 1
  fi
  if [[ -s "$findings" ]]; then
    cat "$findings" >&2
    rm -f "$findings"
    return 1
  fi
  rm -f "$findings"
}

build_all() {
  local compiler="$1" out_dir="$bicep_dir/compiled"
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --out-dir) out_dir="$2"; shift 2 ;;
      *) echo "bicep: build-all: unknown argument '$1' (accepted: --out-dir DIR)." >&2; return 2 ;;
    esac
  done
  mkdir -p "$out_dir"
  local failed=0

  echo "bicep: build main.bicep → $out_dir/main.json" >&2
  run_checked "$compiler" build "$bicep_dir/main.bicep" --outfile "$out_dir/main.json" || failed=1

  local param_file environment
  for param_file in "$bicep_dir"/parameters/*.bicepparam; do
    environment="$(basename "$param_file" .bicepparam)"
    echo "bicep: build-params $environment.bicepparam → $out_dir/$environment.parameters.json" >&2
    run_checked "$compiler" build-params "$param_file" --outfile "$out_dir/$environment.parameters.json" || failed=1
  done

  # One compiler start per kind of file: starting the compiler is most of its run time.
  local pattern
  for pattern in '**/*.bicep' '**/*.bicepparam'; do
    echo "bicep: lint infrastructure/bicep/$pattern" >&2
    (cd "$bicep_dir" && run_checked "$compiler" lint --pattern "$pattern") || failed=1
  done

  if [[ $failed -ne 0 ]]; then
    echo "bicep: build-all failed: fix the errors and linter findings above." >&2
    return 1
  fi
  echo "bicep: build-all clean." >&2
}

main() {
  local compiler
  compiler="$(find_compiler)" || exit "$EXIT_NO_COMPILER"
  case "${1:-}" in
    path) echo "$compiler" ;;
    build-all) shift; build_all "$compiler" "$@" ;;
    *) exec "$compiler" "$@" ;;
  esac
}

main "$@"
