#!/usr/bin/env bash
# The README's first command: set Mediagate up on a fresh Debian 12 machine and run the main job offline:
# the soundtrack of examples/product-launch.json (8 narration lines, music and sound effects) into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mediagate="$HOME/.dotnet/tools/mediagate"
echo
echo "\$ mediagate auth status    # which provider serves each part, and why"
status=0
"$mediagate" auth status || status=$?
json=$("$mediagate" auth status --json 2>/dev/null || true)
if [ "$status" -eq 1 ] && grep -q '"configured": false' <<<"$json" && ! grep -q '"error"' <<<"$json"; then
  echo "Not signed in is a normal state: every part comes from the local engines, offline."
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
echo
echo "\$ mediagate audio examples/product-launch.json -o out/"
"$mediagate" audio examples/product-launch.json -o out/
echo
echo "The finished soundtrack is out/mix.wav (-16 LUFS, music ducked under the narration). Listen with: play out/mix.wav"
echo "Also in out/: voice/<line>.wav, bgm/track.wav, sfx/*.wav, captions.srt, captions.vtt, words.json and audio_meta.json."
echo "mediagate is installed at $mediagate (add ~/.dotnet/tools to PATH to call it as 'mediagate')."
