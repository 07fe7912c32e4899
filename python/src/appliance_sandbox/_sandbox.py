"""Start, drive and stop an `appliance-sandbox` process (standard library only)."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import sysconfig
import tempfile
import threading
from collections import deque
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Union

__all__ = ["Account", "Accounts", "Sandbox", "SandboxError", "find_binary"]

BINARY = "appliance-sandbox"


class SandboxError(RuntimeError):
    """The sandbox did not start, or its control API refused a call."""


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    domain: str = ""


@dataclass(frozen=True)
class Accounts:
    """The default accounts of a sandbox started without a configuration file."""

    omivv_admin: Account = Account("admin", "admin123", "")
    vcenter: Account = Account("administrator", "VMware1!", "vsphere.local")
    vcenter_read_only: Account = Account("readonly", "VMware1!", "vsphere.local")
    aria_admin: Account = Account("admin@local", "admin")
    aria_member: Account = Account("member@local", "member")
    aria_auditor: Account = Account("auditor@local", "auditor")
    vidm_user: Account = Account("testuser", "vidm-password", "vidmlabs.com")


def find_binary(explicit: Optional[Union[str, os.PathLike]] = None) -> str:
    """The sandbox binary: `explicit`, `$APPLIANCE_SANDBOX_BIN`, the one this package installed
    next to the interpreter, or the first on PATH."""
    candidates: List[Optional[str]] = [
        os.fspath(explicit) if explicit else None,
        os.environ.get("APPLIANCE_SANDBOX_BIN"),
    ]
    scripts = sysconfig.get_path("scripts")
    exe = BINARY + (".exe" if sys.platform == "win32" else "")
    if scripts:
        candidates.append(os.path.join(scripts, exe))
    candidates.append(shutil.which(BINARY))
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    raise SandboxError(
        f"cannot find the {BINARY} binary: pip install appliance-sandbox, or set "
        "APPLIANCE_SANDBOX_BIN"
    )


@dataclass
class Sandbox:
    """A running sandbox. Use `Sandbox.start()`; stop it with `stop()` or a `with` block."""

    base_url: str
    process: subprocess.Popen = field(repr=False)
    accounts: Accounts = field(default_factory=Accounts)
    _stderr: Any = field(default=None, repr=False)
    #: The sandbox's last 1000 log lines (its stdout), for a failing test to print.
    log: "deque[str]" = field(default_factory=lambda: deque(maxlen=1000), repr=False)

    @property
    def omivv_url(self) -> str:
        return f"{self.base_url}/Spectre/api/rest/v1"

    @property
    def aria_url(self) -> str:
        return f"{self.base_url}/api/ni"

    @property
    def vidm_url(self) -> str:
        """Where the Identity Manager answers (its token endpoint is under `/SAAS`)."""
        return self.base_url

    @property
    def control_url(self) -> str:
        return f"{self.base_url}/sandbox/v1"

    @property
    def tls(self) -> bool:
        return self.base_url.startswith("https://")

    @classmethod
    def start(
        cls,
        *,
        tls: bool = False,
        config: Optional[Union[str, os.PathLike]] = None,
        binary: Optional[Union[str, os.PathLike]] = None,
        no_rate_limits: bool = False,
        args: Sequence[str] = (),
        timeout: float = 30.0,
    ) -> "Sandbox":
        """Starts a sandbox on a free loopback port and waits until it answers."""
        command = [find_binary(binary), "--listen", "127.0.0.1:0", *args]
        if tls:
            command.append("--tls")
        if config:
            command += ["--config", os.fspath(config)]
        if no_rate_limits:
            command.append("--no-rate-limits")
        # stderr goes to a file, so that a chatty sandbox never blocks on a full pipe and a
        # failed start can say why.
        stderr = tempfile.TemporaryFile()
        env = {k: v for k, v in os.environ.items() if not k.startswith("SANDBOX_")}
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, env=env, text=True
        )
        first = process.stdout.readline() if process.stdout else ""
        if not first.startswith("appliance-sandbox listening on "):
            process.kill()
            process.wait()
            stderr.seek(0)
            raise SandboxError(
                f"{' '.join(command)} did not start (exit {process.returncode}): "
                + stderr.read().decode(errors="replace").strip()
            )
        sandbox = cls(base_url=first.split()[-1], process=process, _stderr=stderr)
        atexit.register(sandbox.stop)
        # Drained, so that a long session never fills the pipe the sandbox logs to.
        threading.Thread(target=sandbox._drain, daemon=True).start()
        deadline = time.monotonic() + timeout
        while True:
            try:
                sandbox.health()
                return sandbox
            except (OSError, SandboxError):
                if time.monotonic() > deadline or process.poll() is not None:
                    sandbox.stop()
                    raise SandboxError(f"the sandbox at {sandbox.base_url} did not answer")
                time.sleep(0.05)

    def _drain(self) -> None:
        if self.process.stdout:
            for line in self.process.stdout:
                self.log.append(line.rstrip("\n"))

    def stop(self) -> None:
        """Stops the sandbox (SIGTERM, then SIGKILL after five seconds). Safe to call twice."""
        if self.process.poll() is None:
            if sys.platform == "win32":
                self.process.terminate()
            else:
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the control API ---

    def _call(self, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.control_url}{path}", data=data, method=method,
            headers={"Content-Type": "application/json"} if data else {},
        )
        # The sandbox's certificate is self-signed.
        context = ssl._create_unverified_context() if self.tls else None
        try:
            with urllib.request.urlopen(request, timeout=10, context=context) as answer:
                text = answer.read().decode()
        except urllib.error.HTTPError as e:
            raise SandboxError(f"{method} {path}: {e.code} {e.read().decode()}") from None
        return json.loads(text) if text else None

    def health(self) -> Dict[str, Any]:
        return self._call("GET", "/health")

    def reset(self) -> None:
        """Back to the configured start: state, clock, journal and faults."""
        self._call("POST", "/reset")

    def advance(self, seconds: float) -> Dict[str, Any]:
        """Moves the sandbox clock forward; answers the clock."""
        return self._call("POST", "/clock/advance", {"milliseconds": int(seconds * 1000)})

    def fault(
        self,
        path: str,
        *,
        method: str = "*",
        kind: str = "status",
        status: int = 500,
        count: int = 1,
        latency_ms: Optional[int] = None,
    ) -> Dict[str, Any]:
        """Makes the next `count` matching requests fail: `kind` is `status`, `empty`,
        `latency` or `close`; `path` is exact or a prefix ending in `*`."""
        rule: Dict[str, Any] = {"method": method, "path": path, "kind": kind, "count": count}
        if kind in ("status", "empty"):
            rule["status"] = status
        if latency_ms is not None:
            rule["latency_ms"] = latency_ms
        return self._call("POST", "/faults", rule)

    def journal(self, path: Optional[str] = None, method: Optional[str] = None) -> List[Dict[str, Any]]:
        """The requests the sandbox received, as the control API lists them (secrets masked)."""
        query = urllib.parse.urlencode({k: v for k, v in (("path", path), ("method", method)) if v})
        return self._call("GET", f"/journal?{query}" if query else "/journal")["entries"]

    def add_omivv_job(self, **job: Any) -> Dict[str, Any]:
        """Adds an OMIVV update or drift job (see `POST /sandbox/v1/omivv/jobs`)."""
        return self._call("POST", "/omivv/jobs", job)

    def set_omivv_host(self, host_id: str, **state: Any) -> Dict[str, Any]:
        """Sets what OMIVV reports of a host: `health` and/or `drift`."""
        return self._call("PUT", f"/omivv/hosts/{urllib.parse.quote(host_id)}", state)
