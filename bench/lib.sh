#!/usr/bin/env bash
# Shared by the bench scripts: make sure the Debian packages that provide the named commands are installed.
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
