#!/usr/bin/env bash
# Whole-process benchmark for issue #5: `mediagate music` rendering 60 s of music (arrangement, FluidSynth with TimGM6mb,
# loudness normalisation, WAV), median of hyperfine runs after a warm-up, for three styles.  Usage: bench/music.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require_tools hyperfine:hyperfine
bench_workspace
for prompt in "calm cinematic underscore" "upbeat corporate" "tense"; do
  hyperfine -N --warmup 1 --runs "${1:-5}" --export-json "$work/t.json" \
    "$mediagate music --prompt '$prompt' --duration 60 -o $work/track.wav" >/dev/null
  median=$(hyperfine_stat "$work/t.json" | head -1)
  awk -v p="$prompt" -v m="$median" 'BEGIN {printf "%-26s 60 s of music: median %.2f s wall = %.0fx real time (target <= 2 s, >= 30x)\n", p, m, 60 / m}'
done
