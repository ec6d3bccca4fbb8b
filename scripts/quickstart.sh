#!/usr/bin/env bash
# The README's first command: set Mediagate up on a fresh Debian 12 machine and run the main job offline.
# Until the soundtrack job lands, the main job is the preflight: which credential and which provider
# each capability will use (auth status), shown signed in or not.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mediagate="$HOME/.dotnet/tools/mediagate"
echo
echo "\$ mediagate auth status"
status=0
"$mediagate" auth status || status=$?
echo
json=$("$mediagate" auth status --json 2>/dev/null || true)
if [ "$status" -eq 1 ] && grep -q '"configured": false' <<<"$json" && ! grep -q '"error"' <<<"$json"; then
  echo "Not signed in is a normal state: Mediagate falls back to local engines. Sign in with: mediagate auth login"
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
echo "mediagate is installed at $mediagate (add ~/.dotnet/tools to PATH to call it as 'mediagate')."
