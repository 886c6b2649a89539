"""The wrapper against a real sandbox over loopback HTTP, sync and async alike (see tests/_api.py)."""

from __future__ import annotations

import pytest

from mews_sandbox import RunningSandbox
from tests._api import Api, ApiFactory


@pytest.fixture
def api(make_api: ApiFactory, sandbox: RunningSandbox) -> Api:
    """A single-enterprise client against a fresh seeded sandbox."""
    return make_api(sandbox.url)
