#!/usr/bin/env bash
# Whole-process benchmark for issue #4: `mediagate tts -o x.wav` against `espeak-ng -w x.wav` on the same text, in one
# hyperfine run (median after warm-up), for the 2,000-word text of the in-process benchmark and for one short sentence.
# Usage: bench/tts.sh   (installs hyperfine and espeak-ng when run as root)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require_tools hyperfine:hyperfine espeak-ng:espeak-ng soxi:sox
bench_workspace
dotnet run -c Release --project bench/Mediagate.Benchmarks -- text 2000 > "$work/long.txt"
echo "Mediagate gives a video pipeline its sound, with narration, music, and effects." > "$work/short.txt"
for size in long short; do
  hyperfine -N --warmup 2 --runs "${RUNS:-10}" --export-json "$work/$size.json" \
    "espeak-ng -f $work/$size.txt -w $work/espeak.wav" \
    "$mediagate tts --text-file $work/$size.txt -o $work/mediagate.wav" >/dev/null
  medians=($(hyperfine_stat "$work/$size.json"))
  awk -v s="$size" -v e="${medians[0]}" -v m="${medians[1]}" 'BEGIN {
    printf "%-5s text: espeak-ng %.3f s, mediagate tts %.3f s, ratio %.2f (target <= 1.5)\n", s, e, m, m / e }'
done
echo "audio of the long text: $(soxi -D "$work/mediagate.wav" 2>/dev/null || echo '?') s (last run was the short text)"
