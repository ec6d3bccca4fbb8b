#!/usr/bin/env bash
# The README's second command: install what the tests need, build, and run every test.
# Ends with one line "N passed, N failed" summed over all test projects; exits non-zero on any failure.
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
passed=0
failed=0
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
