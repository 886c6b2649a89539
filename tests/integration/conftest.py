"""The wrapper against a real sandbox over loopback HTTP, sync and async alike (see tests/_api.py)."""

from __future__ import annotations

import pytest

from mews_sandbox import RunningSandbox
from tests._api import Api, ApiFactory


@pytest.fixture
def api(make_api: ApiFactory, sandbox: RunningSandbox) -> Api:
    """A single-enterprise client against a fresh seeded sandbox, one request at a time.

    The sandbox's scripted faults strike requests in the order they arrive, so tests that say which chunk a fault
    hits send their chunks one after another; test_concurrency.py covers several at once.
    """
    return make_api(sandbox.url, max_concurrency=1)
