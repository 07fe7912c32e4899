#!/usr/bin/env bash
# The README's import example, run by CI: a sandbox plays the real estate.
set -euo pipefail
SANDBOX=${SANDBOX:-appliance-sandbox}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait; rm -rf "$work"' EXIT
cd "$work"
$SANDBOX --listen 127.0.0.1:18083 > /dev/null &
sleep 2
# Read the estate (OMIVV for the topology; --aria adds the workload) and anonymize it.
$SANDBOX import --omivv http://127.0.0.1:18083 --omivv-user admin --omivv-password admin123 \
  --anonymize --out world.toml
# A sandbox that looks like that datacenter, names and addresses replaced.
$SANDBOX --config world.toml --listen 127.0.0.1:18084 > /dev/null &
sleep 2
curl -sf -u 'admin:OmeAdmin1!' http://127.0.0.1:18084/omevv/GatewayService/v1/Consoles | grep -q vc01-anon.example.com
