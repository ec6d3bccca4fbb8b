#!/usr/bin/env bash
# Re-makes the suite's committed alignment fixtures (tests/Mediagate.Core.Tests/Fixtures/align/): ten short flite cases with
# the synthesiser's own timings as truth. Deterministic: the same Debian packages give the same files.
# Needs: flite1-dev libflite1 sox ffmpeg gcc python3.  Usage: bench/align/make-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=$(bench/align/build.sh)
out=tests/Mediagate.Core.Tests/Fixtures/align
find "$out" -maxdepth 1 \( -name '*.wav' -o -name '*.mp3' -o -name '*.txt' -o -name '*.truth.json' \) -delete 2>/dev/null || true
python3 bench/align/make_cases.py --tool "$tool" --out "$out" --fixtures
du -sh "$out"
