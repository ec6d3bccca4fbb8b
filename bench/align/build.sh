#!/usr/bin/env bash
# Compiles bench/align/flitetruth.c against libflite (Debian flite1-dev + libflite1) into the bench cache and prints its path.
# Recompiles only when the source changed.  Usage: bench/align/build.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin="${XDG_CACHE_HOME:-$HOME/.cache}/mediagate-align-bench/bin"
mkdir -p "$bin"
tool="$bin/flitetruth-$(sha256sum "$here/flitetruth.c" | cut -c1-12)"
if [ ! -x "$tool" ]; then
  gcc -O2 -Wall -o "$tool.tmp" "$here/flitetruth.c" -lflite_cmu_us_kal -lflite_cmu_us_kal16 -lflite_cmu_us_slt -lflite_cmu_us_rms \
    -lflite_cmu_us_awb -lflite_usenglish -lflite_cmulex -lflite -lm
  mv "$tool.tmp" "$tool"
fi
echo "$tool"
