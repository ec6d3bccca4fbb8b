#!/usr/bin/env bash
# Whole-process benchmark for issue #6: `mediagate audio examples/product-launch.json -o OUT`, offline, on this machine.
#  cold: every run starts with an empty cache (XDG_CACHE_HOME emptied by hyperfine's --prepare), so voice, music, the
#        effects and the mix are all made;   warm: the same command again with everything cached.
# Median of hyperfine runs after a warm-up, plus peak RSS from GNU time.  Usage: bench/audio.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require_tools hyperfine:hyperfine /usr/bin/time:time
bench_workspace
command="$mediagate audio examples/product-launch.json -o $work/out --json"
runs=${1:-5}
XDG_CACHE_HOME=$work/cold hyperfine -N --warmup 1 --runs "$runs" --prepare "rm -rf $work/cold $work/out" \
  --export-json "$work/cold.json" "$command" >/dev/null
XDG_CACHE_HOME=$work/warm hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/warm.json" "$command" >/dev/null
cold=$(hyperfine_stat "$work/cold.json" | head -1)
warm=$(hyperfine_stat "$work/warm.json" | head -1)
rm -rf "$work/cold" "$work/out"
cold_kb=$(XDG_CACHE_HOME=$work/cold /usr/bin/time -f %M $command 2>&1 >/dev/null | tail -1)
warm_kb=$(XDG_CACHE_HOME=$work/cold /usr/bin/time -f %M $command 2>&1 >/dev/null | tail -1)
length=$(grep -o '"total_duration_s": *[0-9.]*' "$work/out/audio_meta.json" | tail -1 | sed 's/.*: *//')
awk -v c="$cold" -v w="$warm" -v ck="$cold_kb" -v wk="$warm_kb" -v l="$length" 'BEGIN {
  printf "example request (%.1f s soundtrack), cold cache: median %.2f s wall, peak %.0f MiB (target <= 5 s)\n", l, c, ck / 1024
  printf "example request, warm cache:                median %.2f s wall, peak %.0f MiB (target <= 1 s)\n", w, wk / 1024 }'
