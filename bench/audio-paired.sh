#!/usr/bin/env bash
# Paired whole-process benchmark of the soundtrack job: two builds of mediagate alternate on the same machine in one run, so that
# the shared machine's drift hits both alike. Each round runs, for each build, the example request with a cold cache (nothing
# cached: voice, music, effects and mix are all made) and then warm (the same command again). Wall time and peak RSS come from
# GNU time; the figures are medians over the rounds, after one warm-up round.
# Usage: bench/audio-paired.sh OLD_MEDIAGATE NEW_MEDIAGATE [ROUNDS]
#   e.g. git worktree add /tmp/base <rev> && (cd /tmp/base && dotnet build src/Mediagate.Cli -c Release)
#        bench/audio-paired.sh /tmp/base/src/Mediagate.Cli/bin/Release/net10.0/mediagate src/Mediagate.Cli/bin/Release/net10.0/mediagate 7
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require_tools /usr/bin/time:time
old=$1 new=$2 rounds=${3:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Usage: measure NAME BINARY STATE   appends "wall_s peak_kib" to $work/NAME.STATE
measure() {
  local name=$1 binary=$2 state=$3 cache=$work/cache-$1
  [ "$state" = cold ] && rm -rf "$cache" "$work/out-$name"
  XDG_CACHE_HOME=$cache /usr/bin/time -f "%e %M" -o "$work/time" "$binary" audio examples/product-launch.json -o "$work/out-$name" --json >/dev/null
  cat "$work/time" >> "$work/$name.$state"
}

for round in $(seq 0 "$rounds"); do
  for name in old new; do
    binary=$old; [ "$name" = new ] && binary=$new
    measure "$name" "$binary" cold
    measure "$name" "$binary" warm
  done
  if [ "$round" -eq 0 ]; then rm -f "$work"/*.cold "$work"/*.warm; fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for state in cold warm; do
  ow=$(cut -d' ' -f1 "$work/old.$state" | median); nw=$(cut -d' ' -f1 "$work/new.$state" | median)
  om=$(cut -d' ' -f2 "$work/old.$state" | median); nm=$(cut -d' ' -f2 "$work/new.$state" | median)
  awk -v s="$state" -v ow="$ow" -v nw="$nw" -v om="$om" -v nm="$nm" -v r="$rounds" 'BEGIN {
    printf "%s cache, median of %d rounds: wall old %.2f s, new %.2f s (x%.2f); peak RSS old %.0f MiB, new %.0f MiB (x%.2f)\n",
      s, r, ow, nw, nw / ow, om / 1024, nm / 1024, nm / om }'
done
