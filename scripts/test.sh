#!/usr/bin/env bash
# The README's second command: install what the tests need, build, and run every test.
# Then the conformance suite (tests/conformance/run.sh: the official SDKs and HyperFrames' own pipeline against the mock
# and the gateway, under `node --test`). Ends with one line "N passed, N failed" summed over every test project and the
# conformance suite; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --packages-only
results=artifacts/test-results
rm -rf "$results"
dotnet build Mediagate.slnx -c Release -nologo -v quiet
status=0
# One result file per project, named after it, so that no two projects can overwrite each other's counts.
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=$?
done
# The solution build above made the CLI the suite starts (src/Mediagate.Cli/bin/Release/net10.0/mediagate).
# Its TAP summary ("# pass N", "# fail N") joins the totals; a suite that could not start counts as one failure.
conformance_tap="$results/conformance.tap"
rm -f "$conformance_tap"
conformance_status=0
CONFORMANCE_TAP="$conformance_tap" tests/conformance/run.sh </dev/null || conformance_status=$?
passed=0
failed=0
if [ -s "$conformance_tap" ]; then
  passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$conformance_tap" | tail -1)
  failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$conformance_tap" | tail -1)
  passed=${passed:-0}
  failed=${failed:-0}
fi
if [ "$conformance_status" -ne 0 ]; then
  status=$conformance_status
  if [ "$failed" -eq 0 ]; then
    echo "the conformance suite failed before it could report (see above)" >&2
    failed=1
  fi
fi
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test results were found in $results" >&2
  status=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
