"""The pytest plugin: one sandbox per test session, reset before each test that asks for it.

    def test_something(appliance_sandbox):
        requests.get(f"{appliance_sandbox.aria_url}/info/version", ...)
"""

from __future__ import annotations

from typing import Iterator

import pytest

from ._sandbox import Sandbox


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("appliance-sandbox")
    group.addoption("--sandbox-tls", action="store_true", help="serve HTTPS (self-signed)")
    group.addoption("--sandbox-config", metavar="FILE", help="a sandbox TOML configuration")
    group.addoption("--sandbox-binary", metavar="PATH", help="the appliance-sandbox binary to run")
    group.addoption(
        "--sandbox-no-rate-limits", action="store_true", help="turn the appliances' request limits off"
    )


@pytest.fixture(scope="session")
def appliance_sandbox_session(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """A sandbox for the whole test session, stopped when the session ends (also on failure
    or Ctrl-C)."""
    option = request.config.getoption
    sandbox = Sandbox.start(
        tls=option("--sandbox-tls"),
        config=option("--sandbox-config"),
        binary=option("--sandbox-binary"),
        no_rate_limits=option("--sandbox-no-rate-limits"),
    )
    try:
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture
def appliance_sandbox(appliance_sandbox_session: Sandbox) -> Sandbox:
    """The session's sandbox, reset to its configured start (state, clock, journal, faults)."""
    appliance_sandbox_session.reset()
    return appliance_sandbox_session
