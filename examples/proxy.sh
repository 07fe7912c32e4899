#!/usr/bin/env bash
# The README's proxy example, run by CI: a sandbox plays the appliance.
set -euo pipefail
# Wait until a server answers at all (a debug build takes a moment to start).
up() { for _ in $(seq 300); do curl -s -o /dev/null "$1" && return; sleep 0.1; done; echo "no answer at $1"; return 1; }
SANDBOX=${SANDBOX:-appliance-sandbox}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait; rm -rf "$work"' EXIT
cd "$work"
# Your appliance: here a sandbox. Point --upstream at the real one (and add --insecure-upstream).
$SANDBOX --listen 127.0.0.1:18080 > /dev/null &
$SANDBOX proxy --upstream http://127.0.0.1:18080 --listen 127.0.0.1:18081 \
  --record recording --report report.json > /dev/null &
up http://127.0.0.1:18080/sandbox/v1/health && up http://127.0.0.1:18081/_proxy/report.md
# Your automation talks to the proxy instead of the appliance.
curl -sf -u 'admin:OmeAdmin1!' http://127.0.0.1:18081/omevv/GatewayService/v1/Consoles > consoles.json
curl -sf http://127.0.0.1:18081/_proxy/report.md
# Every exchange is a cassette, its secrets masked; replay serves them without the appliance.
if grep -l 'OmeAdmin1!' recording/*.json; then echo "a password was recorded"; exit 1; fi
$SANDBOX replay recording --listen 127.0.0.1:18082 > /dev/null &
up http://127.0.0.1:18082/
curl -sf -u 'admin:OmeAdmin1!' http://127.0.0.1:18082/omevv/GatewayService/v1/Consoles > replayed.json
python3 -c 'import json,sys; sys.exit(json.load(open("consoles.json")) != json.load(open("replayed.json")))'
