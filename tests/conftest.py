"""Fixtures shared by every test folder: sandboxes running as real servers on free loopback ports.

The servers are started once per session and lent to the tests that ask for one, each reset first
(`RunningSandbox.reset`: a fresh store, fault plan, limiter, id sequence and clock), so that no test sees another's
codes and none waits for a server to start or stop. A test that asks for two sandboxes gets two servers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import settings

from mews_sandbox import RunningSandbox, SandboxConfig, start_sandbox
from mews_wrapper import _breaker, _pacing
from tests._api import make_api
from tests._redis import redis_server, redis_url

__all__ = ["make_api", "redis_server", "redis_url"]  # fixtures, registered by the import

SandboxFactory = Callable[..., RunningSandbox]

# Shared machines are noisy: no per-example deadline. In CI the examples are derived from the test names, so a
# run is reproducible; on a developer's machine they stay random, to keep exploring.
settings.register_profile("mews", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("mews")


class SandboxPool:
    """Sandbox servers started on first need and kept for the session; lent out reset."""

    def __init__(self) -> None:
        self._servers: list[RunningSandbox] = []

    def lend(self, index: int, config: SandboxConfig) -> RunningSandbox:
        """The `index`-th server, reset to `config` (started if the session has fewer)."""
        while len(self._servers) <= index:
            self._servers.append(start_sandbox())
        server = self._servers[index]
        server.reset(config)
        # The client's rate-limit windows are the process's, keyed by address and token: a server on the same
        # address would otherwise inherit an earlier test's requests, which a server of its own never did.
        _pacing._windows.clear()
        return server

    def stop(self) -> None:
        """Stop every server."""
        for server in self._servers:
            server.stop()


@pytest.fixture(scope="session")
def sandbox_pool() -> Iterator[SandboxPool]:
    """The session's sandbox servers."""
    pool = SandboxPool()
    yield pool
    pool.stop()


@pytest.fixture
def sandbox_factory(sandbox_pool: SandboxPool) -> Iterator[SandboxFactory]:
    """A sandbox with any configuration, as if just started: each call of a test gets a server of its own, reset."""
    lent: list[RunningSandbox] = []

    def start(**config: Any) -> RunningSandbox:
        sandbox = sandbox_pool.lend(len(lent), SandboxConfig(**config))
        lent.append(sandbox)
        return sandbox

    yield start
    for sandbox in lent:  # nothing of this test lingers: no fault or latency meets the next one's requests
        sandbox.faults.clear()


@pytest.fixture
def sandbox(sandbox_factory: SandboxFactory) -> RunningSandbox:
    """A fresh sandbox with the documented defaults and a seeded clock."""
    return sandbox_factory(seed=7)


@pytest.fixture(autouse=True)
def _closed_circuits() -> Iterator[None]:
    """Each test starts with every platform's circuit closed: the sandboxes' addresses are reused across tests."""
    _breaker._registry.clear()
    yield
    _breaker._registry.clear()


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio."""
    return "asyncio"
