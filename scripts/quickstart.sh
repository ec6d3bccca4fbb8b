#!/usr/bin/env bash
# The README's first command: set Mediagate up on a fresh Debian 12 machine and run the main job offline.
# Until the soundtrack job lands, the main job is the preflight (auth status: which credential and which
# provider each capability will use) followed by offline narration with word timings and captions (tts).
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
echo
echo "\$ mediagate doctor"
"$mediagate" doctor
echo
echo "\$ mediagate tts \"…\" -o out/quickstart.wav --srt out/quickstart.srt --vtt out/quickstart.vtt"
mkdir -p out
"$mediagate" tts "Welcome to Mediagate. It gives your video its sound: narration with exact word timings, music, and effects, all offline." \
  -o out/quickstart.wav --srt out/quickstart.srt --vtt out/quickstart.vtt
"$mediagate" music --prompt "calm cinematic underscore" --duration 20 -o out/quickstart-music.wav
"$mediagate" sfx render whoosh -o out/quickstart-whoosh.wav
echo
echo "Listen with: play out/quickstart.wav   (sox), or open it in any audio player."
echo "Word timings: out/quickstart.words.json; captions: out/quickstart.srt and out/quickstart.vtt;"
echo "music: out/quickstart-music.wav (local composer); a sound effect: out/quickstart-whoosh.wav."
echo "mediagate is installed at $mediagate (add ~/.dotnet/tools to PATH to call it as 'mediagate')."
