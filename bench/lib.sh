#!/usr/bin/env bash
# Shared by the bench scripts: install the Debian packages that provide the named commands, and read hyperfine exports.
# Usage: require_tools COMMAND:PACKAGE ...   (installs as root, otherwise prints the apt-get line and exits 1)
require_tools() {
  local missing=()
  for pair in "$@"; do
    local command=${pair%%:*} package=${pair#*:}
    if [[ $command == /* ]]; then [ -x "$command" ] || missing+=("$package"); else command -v "$command" >/dev/null || missing+=("$package"); fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "install the benchmark tools first: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# Usage: hyperfine_stat FILE [STAT]   prints STAT (median by default; or mean) of every command in a hyperfine JSON export,
# in seconds, one per line, in the order the commands ran.
hyperfine_stat() {
  grep -o "\"${2:-median}\": *[0-9.e+-]*" "$1" | sed 's/.*: *//'
}

# Usage: bench_workspace   installs mediagate as the README does (scripts/setup.sh), sets $mediagate to it, and makes $work,
# a scratch directory removed when the script exits. With MEDIAGATE=PATH set, that build is measured instead and nothing is
# installed (to compare two builds in one paired run).
bench_workspace() {
  if [ -n "${MEDIAGATE:-}" ]; then
    mediagate=$MEDIAGATE
  else
    scripts/setup.sh >/dev/null 2>&1
    mediagate="$HOME/.dotnet/tools/mediagate"
  fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}
