#!/usr/bin/env bash
# Installs what Mediagate needs on Debian 12: the packages in scripts/debian-packages.txt (as root),
# then builds the mediagate tool and installs it into ~/.dotnet/tools.
# Usage: scripts/setup.sh [--packages-only]
set -euo pipefail
cd "$(dirname "$0")/.."

install_packages() {
  local wanted missing=()
  wanted=$(grep -v '^\s*#' scripts/debian-packages.txt | tr -s ' \n' ' ' | xargs || true)
  [ -z "$wanted" ] && return 0
  for package in $wanted; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Debian packages: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Mediagate needs these Debian packages. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

install_tool() {
  rm -rf artifacts/nupkg
  dotnet pack src/Mediagate.Cli -c Release -o artifacts/nupkg -v quiet -nologo >&2
  # `dotnet tool update` keeps an installed tool of the same version, so a rebuilt 0.1.0 would never replace the old one:
  # uninstall first, then install what was just packed.
  dotnet tool uninstall --global Mediagate >/dev/null 2>&1 || true
  dotnet tool install --global --add-source artifacts/nupkg Mediagate >&2
}

install_packages
if [ "${1:-}" != "--packages-only" ]; then
  install_tool
fi
