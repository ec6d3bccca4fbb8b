#!/usr/bin/env bash
# The gateway's throughput, slot safety and added latency (issue #7): wrk against `mediagate serve` and `mediagate mock` on
# 127.0.0.1, on SQLite and on PostgreSQL (a throw-away cluster this script starts). Installs wrk when it is missing.
# Also HeyGen's /v3 through the pool (issue #19), on SQLite: speech throughput and maxJobs, added p99, cached media download.
# Usage: bench/gateway.sh [SECONDS]   (default 10 per wrk run). Prints the figures that docs/benchmarks.md records.
# PARTS="v3" runs only the /v3 part, PARTS="v1" only the useapi.net part (default both).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
require_tools wrk:wrk curl:curl /usr/lib/postgresql/15/bin/initdb:postgresql-15
bench_workspace
seconds=${1:-10}
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "${pg:-}" ]; then runas /usr/lib/postgresql/15/bin/pg_ctl -D "$pg/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg"; fi
  rm -rf "$work"
}
trap cleanup EXIT
runas() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { local p; while :; do p=$((20000 + RANDOM % 20000)); (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }; done; }
wait_for() { for _ in $(seq 1 200); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "$1 did not answer" >&2; exit 1; }
field() { sed -n "s/.*\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" | head -1; }

# Five upstream web accounts; the speech answer for the benchmark's one prompt is cached by the mock after the first call,
# so the upstream answers at once and the figures are the gateway's own.
cat > "$work/mock.json" <<'JSON'
{"heygen": {"webAccounts": [
  {"email": "a@example.com", "password": "pa"}, {"email": "b@example.com", "password": "pb"}, {"email": "c@example.com", "password": "pc"},
  {"email": "d@example.com", "password": "pd"}, {"email": "e@example.com", "password": "pe"}]}}
JSON
mock_port=$(free_port)
"$mediagate" mock --port "$mock_port" --config "$work/mock.json" --json >/dev/null 2>"$work/mock.log" & pids+=($!)
mock="http://127.0.0.1:$mock_port"
wait_for "$mock/_mock/inflight"
export HEYGEN_API_URL=$mock MEDIAGATE_HEYGEN_WEB_URL=$mock

body='{"voice_id":"05f19352e8f74b0392a8f411eba40de1","prompt":"Every frame gets its sound."}'
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
LUA
# Prints "requests/s p50 p99 non-2xx" from a wrk run.
run_wrk() {
  local threads=2; [[ " $* " == *" -c1 "* ]] && threads=1
  local out; out=$(wrk -t$threads "$@" --latency)
  local rps p50 p99 bad
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
  p50=$(echo "$out" | sed -n 's/^ *50% *//p')
  p99=$(echo "$out" | sed -n 's/^ *99% *//p')
  bad=$(echo "$out" | sed -n 's/^ *Non-2xx or 3xx responses: *//p')
  echo "$rps $p50 $p99 ${bad:-0}"
}

# Latency is compared at one connection with a 2 ms pause between requests (wrk's delay()), for the mock directly and through
# the gateway alike: flat out, the mock alone answers 10,000+ requests a second and its own p99 is this shared machine's noise.
# Every measured run follows a warm-up run of the same shape, so the JIT has settled (tiered compilation recompiles hot code for
# the first seconds of load).
sed "s|^wrk.body = .*|wrk.body = '{\"text\":\"Every frame gets its sound.\",\"voice_id\":\"05f19352e8f74b0392a8f411eba40de1\"}'|" "$work/post.lua" > "$work/direct.lua"
echo 'function delay() return 2 end' >> "$work/direct.lua"
cp "$work/post.lua" "$work/paced.lua" && echo 'function delay() return 2 end' >> "$work/paced.lua"
run_wrk -c1 -d"${seconds}s" -s "$work/direct.lua" -H 'X-Api-Key: mock-heygen-key' "$mock/v3/voices/speech" >/dev/null
# wrk's "1.23ms", "456.00us" or "1.20s" in milliseconds.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

parts=${PARTS:-v1 v3}
[[ " $parts " == *" v1 "* ]] && stores=(sqlite postgres) || stores=()
for store in "${stores[@]}"; do
  flags=(--data "$work/data-$store")
  if [ $store = postgres ]; then
    pg=$(mktemp -d) && { [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$pg"; }
    runas /usr/lib/postgresql/15/bin/initdb -D "$pg/data" -U postgres -A trust >/dev/null
    pg_port=$(free_port)
    runas /usr/lib/postgresql/15/bin/pg_ctl -D "$pg/data" -l "$pg/log" -w -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
    flags+=(--postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres")
  fi
  port=$(free_port)
  "$mediagate" serve --urls "http://127.0.0.1:$port" "${flags[@]}" >"$work/serve-$store.log" 2>&1 & pids+=($!)
  gw="http://127.0.0.1:$port"
  wait_for "$gw/healthz"
  token=$("$mediagate" tokens create --name "bench-$store" --json "${flags[@]}" | field token)
  auth="Authorization: Bearer $token"
  for x in a b c d e; do
    curl -fs -X POST "$gw/v1/heygen/accounts" -H "$auth" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$x@example.com\",\"password\":\"p$x\",\"maxJobs\":10}" >/dev/null
  done
  curl -fs -X POST "$gw/v1/heygen/tts/create" -H "$auth" -H 'Content-Type: application/json' -d "$body" >/dev/null
  echo "# $store"
  run_wrk -c32 -d"${seconds}s" -H "$auth" "$gw/v1/heygen/accounts" >/dev/null
  accounts=$(run_wrk -c32 -d"${seconds}s" -H "$auth" "$gw/v1/heygen/accounts")
  echo "GET /v1/heygen/accounts, 32 connections: req/s p50 p99 non2xx = $accounts"
  run_wrk -c40 -d"${seconds}s" -s "$work/post.lua" -H "$auth" "$gw/v1/heygen/tts/create" >/dev/null
  curl -fs -X DELETE "$mock/_mock/requests" >/dev/null
  tts=$(run_wrk -c40 -d"${seconds}s" -s "$work/post.lua" -H "$auth" "$gw/v1/heygen/tts/create")
  echo "POST /v1/heygen/tts/create, 40 connections on 50 slots: req/s p50 p99 non2xx = $tts"
  echo "most in flight per upstream account (limit 10): $(curl -fs "$mock/_mock/inflight" | tr -d '{}"' | tr ',' '\n' | grep mock_web_at_ | sed 's/.*://' | sort -n | tail -1)"
  curl -fs -X DELETE "$mock/_mock/requests" >/dev/null
  over=$(run_wrk -c100 -d"${seconds}s" -s "$work/post.lua" -H "$auth" "$gw/v1/heygen/tts/create")
  echo "POST /v1/heygen/tts/create, 100 connections on 50 slots: req/s p50 p99 non2xx(429) = $over"
  echo "most in flight per upstream account (limit 10): $(curl -fs "$mock/_mock/inflight" | tr -d '{}"' | tr ',' '\n' | grep mock_web_at_ | sed 's/.*://' | sort -n | tail -1)"
  # Three alternating pairs, since one run's p99 is at the mercy of this shared machine: the mock direct, then the gateway.
  run_wrk -c1 -d"${seconds}s" -s "$work/paced.lua" -H "$auth" "$gw/v1/heygen/tts/create" >/dev/null
  direct50=(); direct99=(); gw50=(); gw99=()
  for round in 1 2 3; do
    read -r _ p50 p99 _ < <(run_wrk -c1 -d"${seconds}s" -s "$work/direct.lua" -H 'X-Api-Key: mock-heygen-key' "$mock/v3/voices/speech")
    direct50+=("$(ms "$p50")"); direct99+=("$(ms "$p99")")
    read -r _ p50 p99 _ < <(run_wrk -c1 -d"${seconds}s" -s "$work/paced.lua" -H "$auth" "$gw/v1/heygen/tts/create")
    gw50+=("$(ms "$p50")"); gw99+=("$(ms "$p99")")
  done
  echo "1 connection, 2 ms pauses, p50 and p99 in ms of 3 runs: mock direct ${direct50[*]} / ${direct99[*]}; through the gateway ${gw50[*]} / ${gw99[*]}"
  echo "  medians: mock direct p50 $(median "${direct50[@]}") p99 $(median "${direct99[@]}"); gateway p50 $(median "${gw50[@]}") p99 $(median "${gw99[@]}")"
  echo "  added by the gateway (median of each): p50 $(awk "BEGIN { printf \"%.2f\", $(median "${gw50[@]}") - $(median "${direct50[@]}") }") ms, p99 $(awk "BEGIN { printf \"%.2f\", $(median "${gw99[@]}") - $(median "${direct99[@]}") }") ms"
done

[[ " $parts " == *" v3 "* ]] || exit 0
# HeyGen's /v3 (issue #19), SQLite: the same five accounts with 10 slots each, the token as X-Api-Key as HyperFrames sends it.
port=$(free_port)
gw="http://127.0.0.1:$port"
"$mediagate" serve --urls "$gw" --data "$work/data-v3" --public-url "$gw" >"$work/serve-v3.log" 2>&1 & pids+=($!)
wait_for "$gw/healthz"
token=$("$mediagate" tokens create --name bench-v3 --json --data "$work/data-v3" | field token)
for x in a b c d e; do
  curl -fs -X POST "$gw/v1/heygen/accounts" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$x@example.com\",\"password\":\"p$x\",\"maxJobs\":10}" >/dev/null
done
key="X-Api-Key: $token"
echo "# /v3 on sqlite"
grep -v '^function delay' "$work/direct.lua" > "$work/v3.lua"
curl -fs -X POST "$gw/v3/voices/speech" -H "$key" -H 'Content-Type: application/json' \
  -d '{"text":"Every frame gets its sound.","voice_id":"05f19352e8f74b0392a8f411eba40de1"}' >/dev/null
run_wrk -c40 -d"${seconds}s" -s "$work/v3.lua" -H "$key" "$gw/v3/voices/speech" >/dev/null
curl -fs -X DELETE "$mock/_mock/requests" >/dev/null
v3=$(run_wrk -c40 -d"${seconds}s" -s "$work/v3.lua" -H "$key" "$gw/v3/voices/speech")
echo "POST /v3/voices/speech, 40 connections on 50 slots: req/s p50 p99 non2xx = $v3"
echo "most in flight per upstream account (limit 10): $(curl -fs "$mock/_mock/inflight" | tr -d '{}"' | tr ',' '\n' | grep mock_web_at_ | sed 's/.*://' | sort -n | tail -1)"
curl -fs -X DELETE "$mock/_mock/requests" >/dev/null
over=$(run_wrk -c100 -d"${seconds}s" -s "$work/v3.lua" -H "$key" "$gw/v3/voices/speech")
echo "POST /v3/voices/speech, 100 connections on 50 slots (the rest wait for a slot): req/s p50 p99 non2xx = $over"
echo "most in flight per upstream account (limit 10): $(curl -fs "$mock/_mock/inflight" | tr -d '{}"' | tr ',' '\n' | grep mock_web_at_ | sed 's/.*://' | sort -n | tail -1)"
run_wrk -c1 -d"${seconds}s" -s "$work/direct.lua" -H "$key" "$gw/v3/voices/speech" >/dev/null
direct50=(); direct99=(); gw50=(); gw99=()
for round in 1 2 3; do
  read -r _ p50 p99 _ < <(run_wrk -c1 -d"${seconds}s" -s "$work/direct.lua" -H 'X-Api-Key: mock-heygen-key' "$mock/v3/voices/speech")
  direct50+=("$(ms "$p50")"); direct99+=("$(ms "$p99")")
  read -r _ p50 p99 _ < <(run_wrk -c1 -d"${seconds}s" -s "$work/direct.lua" -H "$key" "$gw/v3/voices/speech")
  gw50+=("$(ms "$p50")"); gw99+=("$(ms "$p99")")
done
echo "1 connection, 2 ms pauses, p50 and p99 in ms of 3 runs: mock direct ${direct50[*]} / ${direct99[*]}; /v3 through the gateway ${gw50[*]} / ${gw99[*]}"
echo "  added by the gateway (median of each): p50 $(awk "BEGIN { printf \"%.2f\", $(median "${gw50[@]}") - $(median "${direct50[@]}") }") ms, p99 $(awk "BEGIN { printf \"%.2f\", $(median "${gw99[@]}") - $(median "${direct99[@]}") }") ms"
# A cached download: the mock's 60 s music track (MP3), fetched once by the gateway, then read flat out.
url=$(curl -fs "$gw/v3/audio/sounds?query=calm%20cinematic%20underscore&type=music&limit=1" -H "$key" | sed -n 's/.*"audio_url":"\([^"]*\)".*/\1/p')
bytes=$(curl -fs "$url" | wc -c)
run_wrk -c4 -d"${seconds}s" "$url" >/dev/null
media=$(wrk -t2 -c4 -d"${seconds}s" "$url")
echo "GET /v3/media (cached, $bytes bytes), 4 connections: $(echo "$media" | sed -n 's/^Requests\/sec: *//p') req/s, $(echo "$media" | sed -n 's/^Transfer\/sec: *//p')/s"
