"""The circuit breaker against the sandbox's faults: it opens, fails fast sending nothing, probes once, closes."""

from __future__ import annotations

import anyio
import pytest

from mews_sandbox import VOUCHER_A, RunningSandbox
from mews_wrapper import (
    BatchError,
    CircuitBreaker,
    CircuitOpenError,
    MewsValidationError,
    NewVoucherCode,
    ServerError,
)
from tests._api import ApiFactory

pytestmark = pytest.mark.anyio
QUICK = CircuitBreaker(failures=3, reset_seconds=0.3)


def answered(sandbox: RunningSandbox) -> int:
    return len(sandbox.state.served)


async def test_three_failures_in_a_row_open_the_circuit_until_one_probe_closes_it(
    make_api: ApiFactory, sandbox: RunningSandbox
) -> None:
    api = make_api(sandbox.url, circuit_breaker=QUICK, max_retries=0)
    sandbox.faults.add("500", "503", "ok", "500", "502", "504")
    for _ in range(2):
        with pytest.raises(ServerError):
            await api.get_all([VOUCHER_A])
    assert await api.get_all([VOUCHER_A]) == []  # a success in between: the count starts again
    for _ in range(3):
        with pytest.raises(ServerError):
            await api.get_all([VOUCHER_A])
    seen = answered(sandbox)
    with pytest.raises(CircuitOpenError) as refused:
        await api.get_all([VOUCHER_A])
    assert answered(sandbox) == seen  # failed fast: nothing was sent
    assert refused.value.platform_url == sandbox.url
    assert refused.value.failures == 3
    assert "one probe goes out" in str(refused.value)
    await anyio.sleep(0.35)
    assert await api.get_all([VOUCHER_A]) == []  # the probe: its success closes the circuit
    assert await api.get_all([VOUCHER_A]) == []
    assert answered(sandbox) == seen + 2


async def test_a_failed_probe_opens_the_circuit_again_and_a_write_counts_its_items_as_failed(
    make_api: ApiFactory, sandbox: RunningSandbox
) -> None:
    api = make_api(sandbox.url, circuit_breaker=QUICK, max_retries=0, max_concurrency=1)
    sandbox.faults.add("500", "500", "500", "500")
    for _ in range(3):
        with pytest.raises(ServerError):
            await api.get_all([VOUCHER_A])
    await anyio.sleep(0.35)
    with pytest.raises(ServerError):
        await api.get_all([VOUCHER_A])  # the probe fails: open again
    codes = [NewVoucherCode(VOUCHER_A, f"OPEN-{n}") for n in range(1500)]
    with pytest.raises(BatchError) as batch:
        await api.add(codes)
    assert isinstance(batch.value.__cause__, CircuitOpenError)
    assert (batch.value.succeeded, batch.value.unknown, batch.value.failed) == ([], [], codes)  # certainly not sent
    assert sandbox.state.store.count() == 0


async def test_every_client_of_the_process_shares_the_circuit_of_an_address_and_none_turns_it_off(
    make_api: ApiFactory, sandbox: RunningSandbox
) -> None:
    first = make_api(sandbox.url, circuit_breaker=QUICK, max_retries=0)
    second = make_api(sandbox.url, circuit_breaker=QUICK, max_retries=0)
    without = make_api(sandbox.url, circuit_breaker=None, max_retries=0)
    sandbox.faults.add("500", "500", "500")
    for _ in range(3):
        with pytest.raises(ServerError):
            await first.get_all([VOUCHER_A])
    with pytest.raises(CircuitOpenError):
        await second.get_all([VOUCHER_A])
    assert await without.get_all([VOUCHER_A]) == []
    with pytest.raises(MewsValidationError, match="circuit_breaker"):
        make_api(sandbox.url, circuit_breaker="on")
    with pytest.raises(MewsValidationError, match="failures"):
        CircuitBreaker(failures=0)


async def test_a_circuit_in_redis_is_shared_by_clients_that_share_nothing_else(
    make_api: ApiFactory, sandbox: RunningSandbox, redis_url: str
) -> None:
    from mews_wrapper import _breaker  # noqa: PLC0415

    shared = CircuitBreaker(failures=2, reset_seconds=30, storage=redis_url)
    first = make_api(sandbox.url, circuit_breaker=shared, max_retries=0)
    sandbox.faults.add("502", "502")
    for _ in range(2):
        with pytest.raises(ServerError):
            await first.get_all([VOUCHER_A])
    _breaker._registry.clear()  # as another process would: no memory of this one
    second = make_api(sandbox.url, circuit_breaker=CircuitBreaker(2, 30, redis_url), max_retries=0)
    seen = answered(sandbox)
    with pytest.raises(CircuitOpenError):
        await second.get_all([VOUCHER_A])
    assert answered(sandbox) == seen
    assert "password" not in repr(CircuitBreaker(storage="redis://:password@127.0.0.1:6379/0"))
