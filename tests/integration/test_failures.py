"""Errors, retries, validation before sending, batches and secrets, against the sandbox, sync and async alike."""

from __future__ import annotations

import logging
import socket
import uuid
import warnings

import httpx
import pytest

from mews_sandbox import (
    DEMO_ACCESS_TOKEN,
    DEMO_CLIENT_TOKEN,
    ENTERPRISE_A,
    PORTFOLIO_ACCESS_TOKEN,
    VOUCHER_A,
    RunningSandbox,
)
from mews_wrapper import (
    AuthenticationError,
    BadRequestError,
    BatchError,
    ForbiddenError,
    MewsConnectionError,
    MewsResponseError,
    MewsTimeoutError,
    MewsValidationError,
    NewVoucherCode,
    RateLimitError,
    RequestTimeoutError,
    ServerError,
)
from tests._api import Api, ApiFactory

pytestmark = pytest.mark.anyio


async def test_api_errors_carry_status_message_and_request_id(api: Api) -> None:
    await api.add([NewVoucherCode(VOUCHER_A, "ONCE")])
    with pytest.raises(ForbiddenError) as forbidden:
        await api.add([NewVoucherCode(VOUCHER_A, "ONCE")])
    error = forbidden.value
    assert error.status_code == 403
    assert "already has an active code" in error.message
    assert error.response is not None
    assert error.request_id == error.response.headers["Request-Id"]
    assert error.request_id in str(error)
    with pytest.raises(BadRequestError) as bad:
        await api.get_all([uuid.UUID(int=1, version=4)])
    assert bad.value.details == {"Field": "VoucherIds"}


async def test_unknown_token_is_an_authentication_error(make_api: ApiFactory, sandbox: RunningSandbox) -> None:
    api = make_api(sandbox.url, access_token="not-a-token")
    with pytest.raises(AuthenticationError):
        await api.get_all([VOUCHER_A])
    assert len(api.requests) == 1  # a 401 is not retried


async def test_get_all_retries_a_500_to_success(api: Api, sandbox: RunningSandbox) -> None:
    await api.add([NewVoucherCode(VOUCHER_A, "R")])
    sandbox.faults.add("500", "502", "drop")
    codes = await api.get_all([VOUCHER_A])
    assert [code.value for code in codes] == ["R"]
    assert api.operations == ["add", "getAll", "getAll", "getAll", "getAll"]
    assert len(api.sleeps) == 3
    assert 0.25 <= api.sleeps[0] <= 0.5  # half to all of the first backoff
    assert 0.5 <= api.sleeps[1] <= 1.0


async def test_retry_after_is_honoured(api: Api, sandbox: RunningSandbox) -> None:
    sandbox.faults.retry_after = "7"
    sandbox.faults.add("429")
    assert await api.get_all([VOUCHER_A]) == []
    assert api.sleeps == [7.0]


async def test_retry_after_over_a_minute_raises_at_once(api: Api, sandbox: RunningSandbox) -> None:
    sandbox.faults.retry_after = "120"
    sandbox.faults.add("429")
    with pytest.raises(RateLimitError) as limited:
        await api.get_all([VOUCHER_A])
    assert limited.value.retry_after == 120.0
    assert api.sleeps == []


async def test_retries_give_up_after_max_retries(make_api: ApiFactory, sandbox: RunningSandbox) -> None:
    api = make_api(sandbox.url, max_retries=2)
    sandbox.faults.add("408", "408", "408", "408")
    with pytest.raises(RequestTimeoutError):
        await api.get_all([VOUCHER_A])
    assert len(api.requests) == 3


async def test_add_is_not_retried_after_a_500(api: Api, sandbox: RunningSandbox) -> None:
    sandbox.faults.add("500")
    with pytest.raises(ServerError):
        await api.add([NewVoucherCode(VOUCHER_A, "X")])
    assert api.operations == ["add"]


async def test_add_is_not_retried_after_a_dropped_connection(api: Api, sandbox: RunningSandbox) -> None:
    sandbox.faults.add("drop")
    with pytest.raises(MewsConnectionError) as dropped:
        await api.add([NewVoucherCode(VOUCHER_A, "X")])
    assert isinstance(dropped.value.__cause__, httpx.TransportError)
    assert api.operations == ["add"]


async def test_add_whose_answer_is_lost_is_not_retried_because_it_may_have_gone_in(
    api: Api, sandbox: RunningSandbox
) -> None:
    sandbox.faults.add("drop-after")
    with pytest.raises(MewsConnectionError):
        await api.add([NewVoucherCode(VOUCHER_A, "ONCE-ONLY")])
    assert api.operations == ["add"]
    assert sandbox.state.store.count() == 1  # it went in: a retry would have tried to add it twice


async def test_add_and_delete_are_retried_after_a_429(api: Api, sandbox: RunningSandbox) -> None:
    sandbox.faults.add("429")
    added = await api.add([NewVoucherCode(VOUCHER_A, "X")])
    sandbox.faults.add("429")
    await api.delete([added[0].id])
    assert api.operations == ["add", "add", "delete", "delete"]
    assert api.sleeps == [1.0, 1.0]


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


async def test_connection_refused_is_retried_then_raised(make_api: ApiFactory) -> None:
    api = make_api(_closed_port_url())
    with pytest.raises(MewsConnectionError) as refused:
        await api.add([NewVoucherCode(VOUCHER_A, "X")])
    assert isinstance(refused.value.__cause__, httpx.ConnectError)
    assert len(api.requests) == 4  # a failure to connect is safe to retry, even for add
    assert len(api.sleeps) == 3


async def test_timeout_is_a_timeout_error(make_api: ApiFactory, sandbox: RunningSandbox) -> None:
    sandbox.faults.latency_seconds = 0.5
    api = make_api(sandbox.url, timeout=0.1, max_retries=1)
    with pytest.raises(MewsTimeoutError):
        await api.get_all([VOUCHER_A])
    assert len(api.requests) == 2


async def test_repeated_cursor_raises_instead_of_looping(api: Api, sandbox: RunningSandbox) -> None:
    await api.add([NewVoucherCode(VOUCHER_A, f"L{n}") for n in range(5)])
    sandbox.faults.repeat_cursor = True
    with pytest.raises(MewsResponseError, match="cursor"):
        await api.get_all([VOUCHER_A], page_size=2)
    assert api.operations == ["add", "getAll", "getAll"]


async def test_batch_add_reports_what_went_in_when_a_later_chunk_is_refused(api: Api, sandbox: RunningSandbox) -> None:
    await api.add([NewVoucherCode(VOUCHER_A, "TAKEN")])
    codes = [NewVoucherCode(VOUCHER_A, f"B{n}") for n in range(1200)]
    codes[1100] = NewVoucherCode(VOUCHER_A, "TAKEN")  # the second chunk breaks a business rule: Mews refuses it
    with pytest.raises(BatchError) as batch:
        await api.add(codes)
    error = batch.value
    assert [code.value for code in error.succeeded] == [code.value for code in codes[:1000]]
    assert error.failed == codes[1000:]
    assert error.unknown == []
    assert isinstance(error.__cause__, ForbiddenError)
    assert sandbox.state.store.count() == 1001


async def test_batch_add_reports_unknown_outcome_after_a_500(make_api: ApiFactory, sandbox: RunningSandbox) -> None:
    api = make_api(sandbox.url, max_concurrency=1)  # one chunk at a time: the chunks after the 500 are never sent
    codes = [NewVoucherCode(VOUCHER_A, f"U{n}") for n in range(2500)]
    sandbox.faults.add("ok", "500")
    with pytest.raises(BatchError) as batch:
        await api.add(codes)
    error = batch.value
    assert len(error.succeeded) == 1000
    assert error.unknown == codes[1000:2000]
    assert error.failed == codes[2000:]
    assert isinstance(error.__cause__, ServerError)


async def test_batch_unknown_chunk_may_really_have_gone_in(api: Api, sandbox: RunningSandbox) -> None:
    codes = [NewVoucherCode(VOUCHER_A, f"K{n}") for n in range(1500)]
    sandbox.faults.add("ok", "drop-after")
    with pytest.raises(BatchError) as batch:
        await api.add(codes)
    assert len(batch.value.succeeded) == 1000
    assert batch.value.unknown == codes[1000:]
    assert sandbox.state.store.count() == 1500  # "unknown" is honest: the second chunk did go in


async def test_batch_delete_accounts_for_every_id(api: Api, sandbox: RunningSandbox) -> None:
    added = await api.add([NewVoucherCode(VOUCHER_A, f"D{n}") for n in range(1500)])
    ids = [code.id for code in added]
    sandbox.faults.add("ok", "drop")
    with pytest.raises(BatchError) as batch:
        await api.delete(ids)
    assert batch.value.succeeded == ids[:1000]
    assert batch.value.unknown == ids[1000:]
    assert batch.value.failed == []


async def test_portfolio_add_and_delete_need_an_enterprise(make_api: ApiFactory, sandbox: RunningSandbox) -> None:
    api = make_api(sandbox.url, portfolio=True)
    with pytest.raises(MewsValidationError, match="enterprise_id"):
        await api.add([NewVoucherCode(VOUCHER_A, "P")])
    with pytest.raises(MewsValidationError, match="enterprise_id"):
        await api.delete([uuid.uuid4()])
    assert api.requests == []
    assert len(await api.add([NewVoucherCode(VOUCHER_A, "P")], enterprise_id=ENTERPRISE_A)) == 1


async def test_no_token_in_logs_reprs_errors_or_warnings(
    make_api: ApiFactory, sandbox: RunningSandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for portfolio in (False, True):
            api = make_api(sandbox.url, portfolio=portfolio, enterprise_id=ENTERPRISE_A)
            added = await api.add([NewVoucherCode(VOUCHER_A, f"S{portfolio}")])
            sandbox.faults.add("500", "429")
            pages = await api.get_all_pages([VOUCHER_A])
            seen += [repr(api.client), str(api.client), repr(added), repr(pages), repr(api.client.voucher_codes)]
            for bad in ([NewVoucherCode(VOUCHER_A, f"S{portfolio}")], [NewVoucherCode(uuid.uuid4(), "x")]):
                with pytest.raises(Exception) as failure:  # noqa: PT011 - any error: its text is what is checked
                    await api.add(bad)
                seen += [repr(failure.value), str(failure.value), repr(failure.value.__dict__)]
        unauthorised = make_api(sandbox.url, access_token=DEMO_ACCESS_TOKEN + "-x")
        with pytest.raises(AuthenticationError) as denied:
            await unauthorised.get_all([VOUCHER_A])
        seen += [repr(denied.value), str(denied.value), repr(unauthorised.client)]
    seen += [record.getMessage() for record in caplog.records]
    seen += [str(warning.message) for warning in caught]
    assert any("voucherCodes/getAll 200" in line for line in seen)  # the DEBUG request lines were captured
    assert any("retrying voucherCodes/getAll" in line for line in seen)
    text = "\n".join(seen)
    for token in (DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, PORTFOLIO_ACCESS_TOKEN):
        assert token not in text
        assert token[:16] not in text
