#!/usr/bin/env bash
# Whole-process benchmark for issue #5: `mediagate sfx render --all` (every bundled sound, synthesised, normalised and
# written as 48 kHz stereo WAV), median of hyperfine runs after a warm-up.  Usage: bench/sfx.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require_tools hyperfine:hyperfine
bench_workspace
hyperfine -N --warmup 2 --runs "${1:-10}" --export-json "$work/t.json" "$mediagate sfx render --all -o $work" >/dev/null
median=$(hyperfine_stat "$work/t.json" | head -1)
echo "sfx render --all: $(ls "$work"/*.wav | wc -l) sounds, median $(awk -v m="$median" 'BEGIN {printf "%.2f", m}') s (target <= 3 s)"
