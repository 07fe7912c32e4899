#!/usr/bin/env bash
# The README's proxy example, run by CI: a sandbox plays the appliance.
set -euo pipefail
SANDBOX=${SANDBOX:-appliance-sandbox}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait; rm -rf "$work"' EXIT
cd "$work"
# Your appliance: here a sandbox. Point --upstream at the real one (and add --insecure-upstream).
$SANDBOX --listen 127.0.0.1:18080 > /dev/null &
$SANDBOX proxy --upstream http://127.0.0.1:18080 --listen 127.0.0.1:18081 \
  --record recording --report report.json > /dev/null &
sleep 2
# Your automation talks to the proxy instead of the appliance.
curl -sf -u 'admin:OmeAdmin1!' http://127.0.0.1:18081/omevv/GatewayService/v1/Consoles > consoles.json
curl -sf http://127.0.0.1:18081/_proxy/report.md
# Every exchange is a cassette, its secrets masked; replay serves them without the appliance.
if grep -l 'OmeAdmin1!' recording/*.json; then echo "a password was recorded"; exit 1; fi
$SANDBOX replay recording --listen 127.0.0.1:18082 > /dev/null &
sleep 1
curl -sf -u 'admin:OmeAdmin1!' http://127.0.0.1:18082/omevv/GatewayService/v1/Consoles > replayed.json
python3 -c 'import json,sys; sys.exit(json.load(open("consoles.json")) != json.load(open("replayed.json")))'
