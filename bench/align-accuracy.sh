#!/usr/bin/env bash
# Forced-alignment accuracy for issue #18: builds the flite benchmark set (cached), runs pocketsphinx (the anchor) and
# `mediagate align` on every case, one process at a time, and prints both aligners' figures side by side, with the wall seconds
# each took per minute of audio. MEDIAGATE=PATH measures that build instead of the Release build in the repo.
# --fixtures scores the suite's ten committed cases (tests/Mediagate.Core.Tests/Fixtures/align) instead of the built set.
# Usage: bench/align-accuracy.sh [--quick | --fixtures] [--detail] [--json]
set -euo pipefail
cd "$(dirname "$0")/.."
quick=() score=() fixtures=
for arg in "$@"; do
  case $arg in
    --quick) quick=(--quick) ;;
    --fixtures) fixtures=tests/Mediagate.Core.Tests/Fixtures/align ;;
    --detail|--json) score+=("$arg") ;;
    *) echo "usage: bench/align-accuracy.sh [--quick | --fixtures] [--detail] [--json]" >&2; exit 2 ;;
  esac
done
source bench/lib.sh
require_tools pocketsphinx_batch:pocketsphinx
if [ -n "${MEDIAGATE:-}" ]; then
  mediagate=$MEDIAGATE
else
  dotnet build -c Release src/Mediagate.Cli -v q -nologo >/dev/null
  mediagate=src/Mediagate.Cli/bin/Release/net10.0/mediagate
fi
cache="${XDG_CACHE_HOME:-$HOME/.cache}/mediagate-align-bench"
if [ -n "$fixtures" ]; then
  cases=$fixtures
else
  cases=$(bench/align/cases.sh "${quick[@]}")
fi
results="$cache/runs/$(date -u +%Y%m%dT%H%M%SZ)"
"$mediagate" align tests/Mediagate.Core.Tests/Fixtures/align/f01-slt-base.wav --text tests/Mediagate.Core.Tests/Fixtures/align/f01-slt-base.txt \
  -o "$cache/warm-up.json" >/dev/null
python3 bench/align/run_cases.py "$cases" "$results" "$mediagate"
echo "cases: $cases; outputs: $results" >&2
python3 bench/align/score.py "$cases" pocketsphinx="$results/pocketsphinx" "mediagate align"="$results/mediagate" --skip-missing "${score[@]}"
