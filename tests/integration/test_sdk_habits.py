"""Habits from the best Python SDKs: per-call options on a shared pool, and the Mews RequestIds of a write."""

from __future__ import annotations

import pytest

from mews_sandbox import SERVICE_A, VOUCHER_A, RunningSandbox
from mews_wrapper import (
    AsyncMewsClient,
    ClientClosedError,
    MewsValidationError,
    NewVoucher,
    NewVoucherCode,
    ServerError,
    VoucherUpdate,
    Written,
)
from tests._api import ApiFactory

pytestmark = pytest.mark.anyio


async def test_every_write_says_which_mews_requests_carried_it(make_api: ApiFactory, sandbox: RunningSandbox) -> None:
    api = make_api(sandbox.url, max_concurrency=2)
    added = await api.add([NewVoucherCode(VOUCHER_A, f"RID-{n}") for n in range(1500)])
    assert isinstance(added, Written)
    assert len(added) == 1500
    answered = [served.request_id for served in sandbox.state.served if served.operation == "voucherCodes/add"]
    assert sorted(added.request_ids) == sorted(answered)  # the ids Mews answered with, one per chunk
    deleted = await api.delete([code.id for code in added[:3]])
    assert deleted == [code.id for code in added[:3]]
    assert len(deleted.request_ids) == 1
    [voucher] = await api.add_vouchers([NewVoucher(SERVICE_A, "Traced write")])
    renamed = await api.update_vouchers([VoucherUpdate(voucher.id, name="Traced write 2")])
    assert renamed.request_ids[0] is not None
    assert renamed.request_ids[0] != added.request_ids[0]
    assert "request_ids=" in repr(renamed)
    assert await api.add([]) == Written()


async def test_with_options_changes_one_calls_retries_and_timeout_on_the_same_pool(
    make_api: ApiFactory, sandbox: RunningSandbox
) -> None:
    api = make_api(sandbox.url)
    client = api.client
    quick = client.with_options(timeout=2.5, max_retries=0)
    assert quick._http is client._http  # one connection pool
    assert quick._pacer is client._pacer  # one rate-limit window
    sandbox.faults.add("500")
    with pytest.raises(ServerError):
        await _codes(quick)  # no retry for this call
    sandbox.faults.add("500")
    assert await _codes(client) == []  # the first client still retries
    assert api.sleeps == [api.sleeps[0]]
    sent = [request for request in api.requests if request.url.path.endswith("voucherCodes/getAll")]
    assert sent[0].extensions["timeout"]["read"] == 2.5  # the quick call's own timeout
    assert sent[-1].extensions["timeout"]["read"] != 2.5
    with pytest.raises(MewsValidationError, match="max_retries"):
        client.with_options(max_retries=-1)
    with pytest.raises(MewsValidationError, match="timeout"):
        client.with_options(timeout=0)


async def test_closing_the_derived_client_keeps_the_pool_and_closing_the_first_closes_both(
    sandbox: RunningSandbox,
) -> None:
    from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN  # noqa: PLC0415

    async with AsyncMewsClient(DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=sandbox.url) as client:
        derived = client.with_options(max_retries=1)
        await derived.close()
        assert [code async for code in client.voucher_codes.get_all([VOUCHER_A])] == []
        other = client.with_options(timeout=3)
    with pytest.raises(ClientClosedError):
        [code async for code in other.voucher_codes.get_all([VOUCHER_A])]


async def _codes(client: object) -> list[object]:
    result = client.voucher_codes.get_all([VOUCHER_A])  # type: ignore[attr-defined]
    if isinstance(client, AsyncMewsClient):
        return [code async for code in result]
    return list(result)
