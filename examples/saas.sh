#!/usr/bin/env bash
# The README's SaaS example, run by CI: sign in as the cloud service's clients do.
set -euo pipefail
# Wait until a server answers at all (a debug build takes a moment to start).
up() { for _ in $(seq 300); do curl -s -o /dev/null "$1" && return; sleep 0.1; done; echo "no answer at $1"; return 1; }
SANDBOX=${SANDBOX:-appliance-sandbox}
trap 'kill $(jobs -p) 2>/dev/null; wait' EXIT
$SANDBOX --deployment saas --listen 127.0.0.1:18085 > /dev/null &
up http://127.0.0.1:18085/sandbox/v1/health
# Exchange a Cloud Services API token (PowervRNI's form body) for an access token.
ACCESS=$(curl -sf -X POST http://127.0.0.1:18085/csp/gateway/am/api/auth/api-tokens/authorize \
  -d api_token=sandbox-csp-admin | grep -o '"access_token":"[^"]*"' | cut -d'"' -f4)
# The SaaS API, under /ni/api/ni, takes it in csp-auth-token.
curl -sf http://127.0.0.1:18085/ni/api/ni/info/version -H "csp-auth-token: $ACCESS" | grep -q api_version
curl -sf http://127.0.0.1:18085/ni/api/ni/infra/nodes -H "csp-auth-token: $ACCESS" | grep -q total_count
# Who signed in, and when: the audit log.
curl -sf -X POST http://127.0.0.1:18085/ni/api/ni/logs/audit -H "csp-auth-token: $ACCESS" \
  -H 'content-type: application/json' -d '{"operation":"LOGIN"}' | grep -q admin@cloud.example
echo "the SaaS sign-on works"
