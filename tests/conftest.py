"""Fixtures shared by every test folder: sandboxes running as real servers on free loopback ports."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import settings

from mews_sandbox import RunningSandbox, SandboxConfig, start_sandbox
from tests._api import make_api
from tests._redis import redis_url

__all__ = ["make_api", "redis_url"]  # fixtures, registered by the import

SandboxFactory = Callable[..., RunningSandbox]

# Shared machines are noisy: no per-example deadline. In CI the examples are derived from the test names, so a
# run is reproducible; on a developer's machine they stay random, to keep exploring.
settings.register_profile("mews", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("mews")


@pytest.fixture
def sandbox_factory() -> Iterator[SandboxFactory]:
    """Start sandboxes with any configuration; every one is stopped when the test ends."""
    started: list[RunningSandbox] = []

    def start(**config: Any) -> RunningSandbox:
        sandbox = start_sandbox(SandboxConfig(**config))
        started.append(sandbox)
        return sandbox

    yield start
    for sandbox in started:
        sandbox.stop()


@pytest.fixture
def sandbox(sandbox_factory: SandboxFactory) -> RunningSandbox:
    """A fresh sandbox with the documented defaults and a seeded clock."""
    return sandbox_factory(seed=7)


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio."""
    return "asyncio"
