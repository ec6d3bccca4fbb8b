#!/usr/bin/env bash
# Builds the forced-alignment benchmark set once (cached under ${XDG_CACHE_HOME:-~/.cache}/mediagate-align-bench/<hash of
# the generator>) and prints its directory. Shared by bench/align-accuracy.sh and bench/align-speed.sh.
# Usage: bench/align/cases.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
require_tools gcc:gcc sox:sox ffmpeg:ffmpeg python3:python3 pocketsphinx_batch:pocketsphinx /usr/include/flite:flite1-dev \
  /usr/share/pocketsphinx/model/en-us/en-us:pocketsphinx-en-us
tool=$(bench/align/build.sh)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/mediagate-align-bench"
key=$( (cat bench/align/flitetruth.c bench/align/make_cases.py bench/align/sentences.txt; echo "$*") | sha256sum | cut -c1-16)
cases="$cache/$key"
if [ ! -f "$cases/.complete" ]; then
  rm -rf "$cases"
  python3 bench/align/make_cases.py --tool "$tool" --out "$cases" "$@" >&2
  touch "$cases/.complete"
fi
echo "$cases"
