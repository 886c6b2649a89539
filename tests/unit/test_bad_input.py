"""Bad input to the public API: `MewsValidationError` naming the argument, and no request sent, sync and async alike."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from inspect import isawaitable as is_awaitable
from typing import Any

import httpx
import pytest

from mews_wrapper import AsyncMewsClient, MewsClient, MewsValidationError, NewVoucherCode

VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
UTC = dt.UTC
GOOD = NewVoucherCode(VOUCHER, "OK")
EARLY = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))  # before year 1 in UTC
LATE = dt.datetime(9999, 12, 31, 23, 59, 59, 500_000, tzinfo=UTC)  # rounds up past 9999

# (constructor options, expected text in the message)
BAD_CONFIGURATION: list[tuple[dict[str, Any], str]] = [
    ({"platform_url": 123}, "platform_url"),
    ({"platform_url": "https://api.mews.com/api/connector/v1"}, "without a path"),
    ({"platform_url": "https://user:pw@api.mews.com"}, "credentials"),
    ({"platform_url": "https://api.mews.com:99999"}, "platform_url"),
    ({"platform_url": "http://api.mews.com"}, "https"),
    ({"client_token": b"bytes-token"}, "client_token"),
    ({"client_token": 12345}, "client_token"),
    ({"client_token": "   "}, "client_token"),
    ({"access_token": "line\nbreak"}, "access_token"),
    ({"access_token": "tab\there"}, "access_token"),
    ({"access_token": "nul\x00"}, "access_token"),
    ({"access_token": " padded "}, "access_token"),
    ({"client": 5}, "client"),
    ({"client": ""}, "client"),
    ({"portfolio": "no"}, "portfolio"),
    ({"portfolio": 1}, "portfolio"),
    ({"timeout": math.nan}, "timeout"),
    ({"timeout": math.inf}, "timeout"),
    ({"timeout": -1}, "timeout"),
    ({"timeout": httpx.Timeout(math.inf)}, "timeout"),
    ({"max_retries": -1}, "max_retries"),
    ({"enterprise_id": "nope"}, "enterprise_id"),
    ({"sleep": 5}, "sleep"),
]

# (method, positional arguments, keyword arguments, expected text in the message)
BAD_CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any], str]] = [
    ("get_all", (123,), {}, "voucher_ids"),
    ("get_all", (None,), {}, "voucher_ids"),
    ("get_all", ([],), {}, "voucher_ids"),
    ("get_all", (VOUCHER,), {}, "voucher_ids"),
    ("get_all", ({VOUCHER: 1},), {}, "voucher_ids"),
    ("get_all", ([VOUCHER, None],), {}, "voucher_ids[1]"),
    ("get_all", ([VOUCHER],), {"voucher_code_ids": 7}, "voucher_code_ids"),
    ("get_all", ([VOUCHER],), {"enterprise_ids": [b"x"]}, "enterprise_ids[0]"),
    ("get_all", ([VOUCHER],), {"page_size": 0}, "page_size"),
    ("get_all", ([VOUCHER],), {"page_size": 2.5}, "page_size"),
    ("get_all", ([VOUCHER],), {"page_size": 1001}, "page_size"),
    ("get_all", (["not-a-uuid"],), {}, "voucher_ids[0]"),
    ("get_all", ([VOUCHER],), {"enterprise_ids": ["nope"]}, "enterprise_ids[0]"),
    ("get_all", ([VOUCHER],), {"updated_utc": (dt.datetime(2026, 1, 1), dt.datetime(2026, 2, 1))}, "updated_utc"),
    (
        "get_all",
        ([VOUCHER],),
        {"updated_utc": (dt.datetime(2026, 2, 1, tzinfo=UTC), dt.datetime(2026, 1, 1, tzinfo=UTC))},
        "updated_utc",
    ),
    ("get_all", ([VOUCHER],), {"updated_utc": "2026"}, "updated_utc"),
    ("get_all", ([VOUCHER],), {"updated_utc": (EARLY, dt.datetime(2026, 1, 1, tzinfo=UTC))}, "updated_utc start"),
    ("get_all", ([VOUCHER],), {"updated_utc": (dt.datetime(2026, 1, 1, tzinfo=UTC), LATE)}, "updated_utc end"),
    ("get_all_pages", ([VOUCHER],), {"updated_utc": (dt.datetime(2026, 1, 1), None)}, "updated_utc"),
    ("add", (None,), {}, "codes"),
    ("add", (123,), {}, "codes"),
    ("add", ("SUMMER",), {}, "codes"),
    ("add", (GOOD,), {}, "codes"),
    ("add", ({"voucher_id": VOUCHER, "value": "X"},), {}, "codes"),
    ("add", ([None],), {}, "codes[0]"),
    ("add", ([GOOD, 5],), {}, "codes[1]"),
    ("add", ([GOOD, {"voucher_id": VOUCHER}],), {}, "codes[1]"),
    ("add", ([{"voucher_id": VOUCHER, "value": "\ud800"}],), {}, "surrogate"),
    ("add", ([{"voucher_id": VOUCHER, "value": "x" * 129}],), {}, "codes[0]"),
    ("add", ([{"voucher_id": VOUCHER, "value": ""}],), {}, "codes[0]"),
    ("add", ([{"voucher_id": VOUCHER, "value": "   "}],), {}, "only whitespace"),
    ("add", ([{"voucher_id": VOUCHER, "value": "a\x00b"}],), {}, "U+0000"),
    ("add", ([{"voucher_id": VOUCHER, "value": "x", "colour": "red"}],), {}, "colour"),
    ("add", ([GOOD, {"voucher_id": "bad", "value": "x"}],), {}, "codes[1]"),
    ("add", ([GOOD],), {"enterprise_id": "nope"}, "enterprise_id"),
    ("add", ([{"voucher_id": VOUCHER, "value": "X", "validity_start_utc": EARLY}],), {}, "validity_start_utc"),
    ("add", ([{"voucher_id": VOUCHER, "value": "X", "validity_end_utc": LATE}],), {}, "validity_end_utc"),
    ("add", ([GOOD],), {"enterprise_id": 42}, "enterprise_id"),
    ("delete", (None,), {}, "voucher_code_ids"),
    ("delete", (123,), {}, "voucher_code_ids"),
    ("delete", (VOUCHER,), {}, "voucher_code_ids"),
    ("delete", (uuid.UUID(VOUCHER),), {}, "voucher_code_ids"),
    ("delete", ([None],), {}, "voucher_code_ids[0]"),
    ("delete", (["nope"],), {}, "voucher_code_ids[0]"),
    ("delete", ([VOUCHER],), {"enterprise_id": "x"}, "enterprise_id"),
    ("services.get_all", (), {"service_ids": VOUCHER}, "service_ids"),
    ("services.get_all", (), {"service_ids": []}, "service_ids"),
    ("services.get_all", (), {"enterprise_ids": ["nope"]}, "enterprise_ids[0]"),
    ("services.get_all", (), {"service_type": "bookable"}, "service_type"),
    ("services.get_all", (), {"page_size": 1001}, "page_size"),
    ("services.get_all", (), {"updated_utc": (dt.datetime(2026, 1, 1), dt.datetime(2026, 2, 1))}, "updated_utc"),
    ("services.get_all_pages", (), {"service_type": 3}, "service_type"),
    ("vouchers.get_all", ("not-a-list",), {}, "service_ids"),
    ("vouchers.get_all", ([VOUCHER, 5],), {}, "service_ids[1]"),
    ("vouchers.get_all", (), {"voucher_ids": []}, "voucher_ids"),
    ("vouchers.get_all", (), {"company_ids": [b"x"]}, "company_ids[0]"),
    ("vouchers.get_all", (), {"code_values": "ONE"}, "code_values"),
    ("vouchers.get_all", (), {"code_values": [""]}, "code_values[0]"),
    ("vouchers.get_all", (), {"code_values": ["x" * 129]}, "code_values[0]"),
    ("vouchers.get_all", (), {"external_identifiers": [5]}, "external_identifiers[0]"),
    ("vouchers.get_all", (), {"active": "yes"}, "active"),
    ("vouchers.get_all", (), {"with_rates": None}, "with_rates"),
    ("vouchers.get_all_pages", (), {"page_size": 0}, "page_size"),
    ("vouchers.find", ("",), {}, "name"),
    ("vouchers.find", (None,), {}, "name"),
    ("vouchers.find", ("Summer sale",), {"service_ids": ["x"]}, "service_ids[0]"),
]


def _forbidden(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"a request was sent: {request.url}")


def _make(is_async: bool, **options: Any) -> MewsClient | AsyncMewsClient:
    options = {"client_token": "ct-ok", "access_token": "at-ok", "platform_url": "https://api.mews.com", **options}
    if is_async:
        return AsyncMewsClient(http_client=httpx.AsyncClient(transport=httpx.MockTransport(_forbidden)), **options)
    return MewsClient(http_client=httpx.Client(transport=httpx.MockTransport(_forbidden)), **options)


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(("options", "named"), BAD_CONFIGURATION)
def test_bad_configuration_is_refused_at_construction(is_async: bool, options: dict[str, Any], named: str) -> None:
    with pytest.raises(MewsValidationError, match=named):
        _make(is_async, **options)


@pytest.mark.anyio
@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(("method", "args", "kwargs", "named"), BAD_CALLS)
async def test_bad_arguments_are_refused_before_anything_is_sent(
    is_async: bool, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], named: str
) -> None:
    client = _make(is_async)
    with pytest.raises(MewsValidationError) as refused:
        await _invoke(client, method, args, kwargs)
    assert named in str(refused.value)


async def _invoke(client: MewsClient | AsyncMewsClient, method: str, args: tuple[Any, ...], kwargs: Any) -> None:
    """Call a method (`get_all` of voucher codes, or `resource.method`); await it when it gives an awaitable."""
    resource, _, name = method.rpartition(".")
    result = getattr(getattr(client, resource or "voucher_codes"), name)(*args, **kwargs)
    if is_awaitable(result):
        await result


def test_tokens_from_the_environment_are_checked_and_named_by_their_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEWS_CLIENT_TOKEN", "token with a newline\n")
    monkeypatch.setenv("MEWS_ACCESS_TOKEN", "at-ok")
    with pytest.raises(MewsValidationError, match="MEWS_CLIENT_TOKEN"):
        MewsClient()
    monkeypatch.setenv("MEWS_CLIENT_TOKEN", "ct-ok")
    monkeypatch.setenv("MEWS_PORTFOLIO", "maybe")
    with pytest.raises(MewsValidationError, match="MEWS_PORTFOLIO"):
        MewsClient()
    monkeypatch.setenv("MEWS_PORTFOLIO", "no")
    assert MewsClient().portfolio is False


def test_a_platform_url_is_kept_as_scheme_host_and_port() -> None:
    client = _make(False, platform_url="https://api.mews.com:443/")
    assert client.platform_url == "https://api.mews.com:443"
    assert "pw" not in repr(_make(False, platform_url="http://127.0.0.1:8787"))


def test_the_async_and_sync_clients_agree_on_timeouts() -> None:
    for timeout in (math.nan, math.inf, 0, True, "5"):
        with pytest.raises(MewsValidationError):
            MewsClient("ct", "at", timeout=timeout)  # type: ignore[arg-type]
        with pytest.raises(MewsValidationError):
            AsyncMewsClient("ct", "at", timeout=timeout)  # type: ignore[arg-type]


def test_a_window_of_millennia_is_legal_and_its_plan_size_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="mews_wrapper")
    client = _make(False)
    window = (dt.datetime(1, 1, 1, tzinfo=UTC), dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC))
    pages = client.voucher_codes.get_all([VOUCHER], updated_utc=window)  # nothing is sent until iterated
    assert pages is not None
    assert "split into 39996 queries" in caplog.text


def test_wrong_keyword_arguments_name_the_public_method() -> None:
    client = _make(False)
    with pytest.raises(TypeError, match=r"VoucherCodes\.get_all\(\): .*page_sze"):
        client.voucher_codes.get_all([VOUCHER], page_sze=3)  # type: ignore[call-arg]
