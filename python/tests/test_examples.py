"""Tests written as a user of Dell's OMIVV scripts or VMware's SDK would write them, against the
sandbox the plugin starts. They are the package's own acceptance tests (CI runs them from the
installed wheel, with no Rust toolchain on PATH)."""

import time

import pytest
import requests

from appliance_sandbox import Sandbox, SandboxError

LOGIN = "/Services/AuthenticationService/login"


def omivv_login(sandbox, username="admin", password="admin123"):
    body = {"apiUserCredential": {"username": username, "domain": "", "password": password}}
    return requests.post(sandbox.omivv_url + LOGIN, json=body, verify=False)


def test_omivv_login_and_logoff(appliance_sandbox):
    r = omivv_login(appliance_sandbox)
    assert r.status_code == 200
    head = {"Authorization": "Bearer " + r.json()["accessToken"]}
    logoff = appliance_sandbox.omivv_url + "/Services/AuthenticationService/logoff"
    assert requests.post(logoff, headers=head, verify=False).status_code == 200
    # The token is refused afterwards.
    consoles = appliance_sandbox.omivv_url + "/Services/ConsoleService/Consoles"
    assert requests.get(consoles, headers=head, verify=False).status_code == 401


def test_an_omivv_token_expires_after_an_hour_of_sandbox_time(appliance_sandbox):
    token = omivv_login(appliance_sandbox).json()["accessToken"]
    consoles = appliance_sandbox.omivv_url + "/Services/ConsoleService/Consoles"
    head = {"Authorization": "Bearer " + token}
    assert requests.get(consoles, headers=head, verify=False).status_code == 200
    appliance_sandbox.advance(3601)
    r = requests.get(consoles, headers=head, verify=False)
    assert r.status_code == 401
    assert r.json()["message"] == "Token is already expired"


def get_with_retry(url, headers, attempts=3):
    """What a careful script does: retry a 429 after the Retry-After it was given."""
    for _ in range(attempts):
        r = requests.get(url, headers=headers, verify=False)
        if r.status_code != 429:
            return r
        time.sleep(float(r.headers.get("Retry-After", "1")))
    return r


def test_a_throttled_aria_call_is_retried(appliance_sandbox):
    body = {"username": "admin@local", "password": "admin", "domain": {"domain_type": "LOCAL"}}
    token = requests.post(appliance_sandbox.aria_url + "/auth/token", json=body, verify=False).json()["token"]
    head = {"Authorization": "NetworkInsight " + token}
    appliance_sandbox.fault("/api/ni/info/version", method="GET", status=429, count=1)
    r = get_with_retry(appliance_sandbox.aria_url + "/info/version", head)
    assert r.status_code == 200
    assert "api_version" in r.json()
    statuses = [e["status"] for e in appliance_sandbox.journal(path="/api/ni/info/version")]
    assert statuses == [429, 200]


def test_cancel_a_scheduled_update_job_as_dells_script_does(appliance_sandbox):
    head = {"Authorization": "Bearer " + omivv_login(appliance_sandbox).json()["accessToken"]}
    base = appliance_sandbox.omivv_url
    consoles = requests.get(base + "/Services/ConsoleService/Consoles", headers=head, verify=False).json()
    vc = next(c for c in consoles if c["ip"].upper() == "10.20.0.10")
    vcenter = appliance_sandbox.accounts.vcenter
    ctx = {"consoleId": vc["id"], "consoleUserCredential":
           {"username": vcenter.username, "domain": vcenter.domain, "password": vcenter.password}}
    r = requests.post(base + "/Services/ConsoleService/OperationalContext", json=ctx, headers=head, verify=False)
    assert r.status_code == 204
    jobs = requests.get(base + "//Services/UpdateService/Jobs", headers=head, verify=False).json()
    scheduled = [j for j in jobs if j["data"]["state"] == "SCHEDULED"]
    assert scheduled
    r = requests.put(base + "//Services/UpdateService/Jobs/" + scheduled[0]["id"] + "/Cancel",
                     data={}, headers=head, verify=False)
    assert r.status_code == 200


def test_each_test_starts_from_a_reset_sandbox(appliance_sandbox):
    # The previous tests' requests, faults and clock moves are gone.
    assert appliance_sandbox.journal() == []
    assert appliance_sandbox.health()["status"] == "ok"


def test_a_sandbox_that_cannot_start_says_why(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[omivv]\nmax_sessions = "ten"\n')
    with pytest.raises(SandboxError, match="max_sessions"):
        Sandbox.start(config=bad)


def test_https_with_a_self_signed_certificate():
    with Sandbox.start(tls=True) as sandbox:
        assert sandbox.omivv_url.startswith("https://127.0.0.1:")
        assert omivv_login(sandbox).status_code == 200
    assert sandbox.process.poll() is not None


INNER = '''
import os, signal

def test_inner(appliance_sandbox):
    with open(os.environ["PID_FILE"], "w") as f:
        f.write(str(appliance_sandbox.process.pid))
    {ending}
'''


@pytest.mark.parametrize("ending", ["pass", "assert False", "os.kill(os.getpid(), signal.SIGINT)"])
def test_the_sandbox_stops_after_success_failure_and_ctrl_c(tmp_path, ending, pytestconfig):
    import os
    import subprocess
    import sys

    (tmp_path / "test_inner.py").write_text(INNER.format(ending=ending))
    pid_file = tmp_path / "pid"
    env = dict(os.environ, PID_FILE=str(pid_file))
    # Installed, the plugin loads through its entry point; from a source tree, name it.
    installed = pytestconfig.pluginmanager.get_plugin("appliance_sandbox") is not None
    plugin = [] if installed else ["-p", "appliance_sandbox.plugin"]
    inner = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin, str(tmp_path)],
                   env=env, cwd=tmp_path, capture_output=True, timeout=60, text=True)
    assert pid_file.exists(), inner.stdout + inner.stderr
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail(f"the sandbox (pid {pid}) still runs after a test that ended with {ending!r}")
