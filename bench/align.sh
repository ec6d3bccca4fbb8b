#!/usr/bin/env bash
# Whole-process benchmark for issue #4: `mediagate align` on 10 minutes of narration. The narration is made by
# `mediagate tts` in another voice and speed than the aligner's reference (bm_george at 1.1x), padded with silence.
# Reports the median wall time and peak RSS of 3 runs after a warm-up.  Usage: bench/align.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
source bench/lib.sh
require_tools /usr/bin/time:time sox:sox
bench_workspace
dotnet run -c Release --project bench/Mediagate.Benchmarks -- text 1950 > "$work/script.txt"
"$mediagate" tts --text-file "$work/script.txt" -v bm_george -s 1.1 -o "$work/speech.wav" >/dev/null
sox "$work/speech.wav" "$work/narration.wav" pad 2 3
duration=$(soxi -D "$work/narration.wav")
"$mediagate" align "$work/narration.wav" --text "$work/script.txt" -o "$work/words.json" >/dev/null
results=()
for _ in $(seq 1 "$runs"); do
  /usr/bin/time -f '%e %M' -o "$work/time" "$mediagate" align "$work/narration.wav" --text "$work/script.txt" -o "$work/words.json" >/dev/null
  results+=("$(tail -1 "$work/time")")
done
printf '%s\n' "${results[@]}" | sort -n | awk -v d="$duration" -v n="$runs" '{w[NR]=$1; m[NR]=$2} END {
  i = int((n + 1) / 2); printf "audio %.1f min: median wall %.2f s (target <= 10 s), peak RSS %.0f MiB (target <= 500 MB)\n", d / 60, w[i], m[i] / 1024 }'
