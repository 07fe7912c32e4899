#!/usr/bin/env bash
# The README's import example, run by CI: a sandbox plays the real estate.
set -euo pipefail
# Wait until a server answers at all (a debug build takes a moment to start).
up() { for _ in $(seq 300); do curl -s -o /dev/null "$1" && return; sleep 0.1; done; echo "no answer at $1"; return 1; }
SANDBOX=${SANDBOX:-appliance-sandbox}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait; rm -rf "$work"' EXIT
cd "$work"
$SANDBOX --listen 127.0.0.1:18083 > /dev/null &
up http://127.0.0.1:18083/sandbox/v1/health
# The "real" Aria collects from both vCenters (on a real appliance, it already does).
A=http://127.0.0.1:18083/api/ni
TOKEN=$(curl -sf -X POST $A/auth/token -H 'content-type: application/json' \
  -d '{"username":"admin@local","password":"admin","domain":{"domain_type":"LOCAL","value":"local"}}' \
  | grep -o '"token":"[^"]*"' | cut -d'"' -f4)
NODE=$(curl -sf $A/infra/nodes -H "Authorization: NetworkInsight $TOKEN" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
for ip in 10.20.0.10 10.20.0.20; do
  curl -sf -X POST $A/data-sources/vcenters -H "Authorization: NetworkInsight $TOKEN" \
    -H 'content-type: application/json' -o /dev/null \
    -d "{\"ip\":\"$ip\",\"proxy_id\":\"$NODE\",\"nickname\":\"$ip\",\"credentials\":{\"username\":\"administrator@vsphere.local\",\"password\":\"VMware1!\"}}"
done
# Read the estate (OMIVV for the topology, Aria for the VMs, networks and flows), anonymized.
$SANDBOX import --omivv http://127.0.0.1:18083 --omivv-user admin --omivv-password admin123 \
  --aria http://127.0.0.1:18083 --aria-user admin@local --aria-password admin \
  --anonymize --out world.toml
grep -q 'name = "vm-0001"' world.toml
# A sandbox that looks like that datacenter, names and addresses replaced.
$SANDBOX --config world.toml --listen 127.0.0.1:18084 > /dev/null &
up http://127.0.0.1:18084/sandbox/v1/health
curl -sf -u 'admin:OmeAdmin1!' http://127.0.0.1:18084/omevv/GatewayService/v1/Consoles | grep -q vc01-anon.example.com
