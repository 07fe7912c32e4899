"""A stateful sandbox of the Dell OMIVV, VMware Aria Operations for Networks and VMware Identity
Manager APIs, for tests. `Sandbox.start()` runs one; the pytest plugin (`appliance_sandbox.plugin`,
registered as an entry point) gives tests the `appliance_sandbox` fixture."""

from ._sandbox import Account, Accounts, Sandbox, SandboxError, find_binary

__all__ = ["Account", "Accounts", "Sandbox", "SandboxError", "find_binary"]
