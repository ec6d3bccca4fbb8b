#!/usr/bin/env bash
# Whole-process start-up benchmark for issue #2: `mediagate auth status --json` with no credential,
# run the way the README installs it (the global .NET tool). Median wall time over repeated runs
# after a warm-up (hyperfine), and peak resident memory (GNU time's max RSS, median of the runs).
# Usage: bench/startup.sh [RUNS]   (installs hyperfine and GNU time when run as root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-40}
source bench/lib.sh
require_tools hyperfine:hyperfine /usr/bin/time:time
scripts/setup.sh >/dev/null
mediagate="$HOME/.dotnet/tools/mediagate"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
command=(env -u HEYGEN_API_KEY -u HYPERFRAMES_API_KEY -u HEYGEN_CONFIG_DIR HOME="$home" "$mediagate" auth status --json)

hyperfine -N -i --warmup 5 --runs "$runs" --export-json "$home/times.json" "${command[*]}" >/dev/null
median_ms=$(hyperfine_stat "$home/times.json" | head -1 | awk '{printf "%.1f", $1 * 1000}')
mean_ms=$(hyperfine_stat "$home/times.json" mean | head -1 | awk '{printf "%.1f", $1 * 1000}')

rss=()
for _ in $(seq 1 15); do
  /usr/bin/time -f '%M' -o "$home/rss" "${command[@]}" >/dev/null 2>&1 || true
  rss+=("$(tail -1 "$home/rss")")
done
peak_kib=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
peak_mib=$(awk -v k="$peak_kib" 'BEGIN {printf "%.1f", k / 1024}')

echo "command:      mediagate auth status --json (no credential, exit 1 by design)"
echo "machine:      $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}')"
echo "runs:         $runs after 5 warm-up runs"
echo "median wall:  $median_ms ms (mean $mean_ms ms)   target <= 100 ms"
echo "peak RSS:     $peak_mib MiB (median of 15 runs)   target <= 45 MiB"
