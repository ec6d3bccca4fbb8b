#!/usr/bin/env bash
# Whole-process speed of forced alignment for issue #18: `mediagate align` (installed as the README installs it, or
# MEDIAGATE=PATH) and the pocketsphinx anchor (sox conversion plus pocketsphinx_batch, as bench/align/pocketsphinx_align.py
# times it) on the same files, one process at a time, alternating: a warm-up run of each, then RUNS of each; medians, with
# mediagate's peak RSS. The files are cases of the flite benchmark set (bench/align/README.md): a 10-second clip, files of
# 1.3, 2.3 and 2.7 minutes, and 11 minutes of five long cases joined end to end, on which both aligners are also scored.
# Usage: bench/align-speed.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
source bench/lib.sh
require_tools /usr/bin/time:time
cases=$(bench/align/cases.sh)
bench_workspace
joined="$work/joined"
python3 bench/align/concat_cases.py "$cases" "$joined" joined-11min slt-long-2 awb-long-2 rms-long-2 kal16-long-2 slt-long-1
mkdir -p "$work/ps" "$work/mg"
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}'; }
printf '| file | audio | mediagate align | pocketsphinx | mediagate / pocketsphinx | mediagate peak RSS |\n| --- | --- | --- | --- | --- | --- |\n'
for case in slt-base-1 slt-long-1 kal16-long-2 awb-long-2 joined-11min; do
  dir=$cases
  [ "$case" = joined-11min ] && dir=$joined
  audio="$dir/$case.wav" text="$dir/$case.txt" truth="$dir/$case.truth.json"
  seconds=$(soxi -D "$audio")
  : > "$work/mg.times"; : > "$work/ps.times"
  for run in $(seq 0 "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$mediagate" align "$audio" --text "$text" -o "$work/mg/$case.json" >/dev/null
    python3 bench/align/pocketsphinx_align.py "$audio" "$truth" "$work/ps/$case.json" "$work/ps.time"
    if [ "$run" -gt 0 ]; then
      tail -1 "$work/time" >> "$work/mg.times"
      cat "$work/ps.time" >> "$work/ps.times"
    fi
  done
  mg=$(cut -d' ' -f1 "$work/mg.times" | median) rss=$(cut -d' ' -f2 "$work/mg.times" | median) ps=$(median < "$work/ps.times")
  awk -v c="$case" -v d="$seconds" -v m="$mg" -v p="$ps" -v r="$rss" 'BEGIN {
    printf "| %s | %.1f s | %.2f s (%.2f s/min) | %.2f s (%.2f s/min) | %.2f | %.0f MiB |\n", c, d, m, m / (d / 60), p, p / (d / 60), m / p, r / 1024 }'
done
echo
echo "Accuracy on the 11-minute file (joined-11min):"
python3 bench/align/score.py "$joined" pocketsphinx="$work/ps" "mediagate align"="$work/mg" | cut -d'|' -f1-9 | sed 's/$/|/'
