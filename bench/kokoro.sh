#!/usr/bin/env bash
# Whole-process benchmark for issue 17, on a machine that has the real Kokoro-82M files: `mediagate tts PARAGRAPH --provider
# kokoro -o out.wav`, one warm-up run, then the median of RUNS (default 5) runs of wall time, × real time (audio seconds / wall
# seconds) and peak RSS (GNU time). Model loading, eSpeak, the ONNX calls, the word timings and the WAV are all in the figure.
# Usage: mediagate models pull kokoro && bash bench/kokoro.sh   (MEDIAGATE=PATH measures that build instead of installing one)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require_tools /usr/bin/time:time
bench_workspace

if ! "$mediagate" models verify kokoro >"$work/verify.txt" 2>&1; then
  cat "$work/verify.txt" >&2
  echo "bench/kokoro.sh: Kokoro-82M is not installed and verified, so there is nothing to measure." >&2
  echo "Install it first: $mediagate models pull kokoro   (or, offline: $mediagate models add kokoro FILE...)" >&2
  exit 1
fi

# About 100 words: several sentences, so Kokoro gets more than one clause and the figure is not dominated by start-up.
paragraph="Mediagate gives a video pipeline its sound, with narration, music, and effects. Every word carries an exact timing, \
so captions land on the beat. When a provider fails, the next one takes over without losing the job. On March 14th, 2025, \
the team shipped version 3.2 to forty thousand users. Quiet mornings are best for recording, before the city wakes and the \
traffic starts. She asked whether the chorus should come back once more before the closing shot. A gentle piano line carries \
the story while the voice explains each step, and the editor trims the final scene by half a second."

speak() { /usr/bin/time -f '%e %M' -o "$work/time.txt" "$mediagate" tts "$paragraph" --provider kokoro -o "$work/out.wav" --json >"$work/tts.json"; }
speak  # warm-up: page cache for the model file, the tool's first start
grep -q '"provider": *"kokoro"' "$work/tts.json" || { echo "bench/kokoro.sh: the run was not served by Kokoro:" >&2; cat "$work/tts.json" >&2; exit 1; }
audio=$(grep -o '"durationSeconds": *[0-9.]*' "$work/tts.json" | sed 's/.*: *//')

: >"$work/runs.txt"
for _ in $(seq "${RUNS:-5}"); do
  speak
  cat "$work/time.txt" >>"$work/runs.txt"
done
words=$(wc -w <<<"$paragraph")
sort -n -k1,1 "$work/runs.txt" | awk -v audio="$audio" -v words="$words" '{ wall[NR] = $1 } END { m = wall[int((NR + 1) / 2)]
  printf "kokoro tts, %d words: median wall %.2f s over %d runs, audio %.2f s, %.1f× real time\n", words, m, NR, audio, audio / m }'
sort -n -k2,2 "$work/runs.txt" | awk '{ rss[NR] = $2 } END { printf "peak RSS: median %.0f MiB (max %.0f MiB)\n", rss[int((NR + 1) / 2)] / 1024, rss[NR] / 1024 }'
