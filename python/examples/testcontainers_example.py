import os

import requests
from testcontainers.core.container import DockerContainer
from testcontainers.core.wait_strategies import HealthcheckWaitStrategy

image = os.environ.get("APPLIANCE_SANDBOX_IMAGE", "ghcr.io/OWNER/appliance-sandbox:0.1.0")

with (
    DockerContainer(image)
    .with_exposed_ports(8080)
    .waiting_for(HealthcheckWaitStrategy().with_startup_timeout(60))
) as sandbox:
    base = f"http://{sandbox.get_container_host_ip()}:{sandbox.get_exposed_port(8080)}"
    omivv_url = base + "/Spectre/api/rest/v1"
    aria_url = base + "/api/ni"
    body = {"username": "admin@local", "password": "admin",
            "domain": {"domain_type": "LOCAL", "value": "local"}}
    token = requests.post(aria_url + "/auth/token", json=body).json()["token"]
    version = requests.get(aria_url + "/info/version",
                           headers={"Authorization": "NetworkInsight " + token}).json()
    print("Aria API", version["api_version"], "at", aria_url)
