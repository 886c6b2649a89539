"""Checks on user input and configuration, done before anything is sent."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import httpx
import pytest

from mews_wrapper import (
    DEMO_PLATFORM_URL,
    AsyncMewsClient,
    MewsClient,
    MewsValidationError,
    NewVoucherCode,
    __version__,
)
from mews_wrapper._config import resolve_config
from mews_wrapper._validation import check_page_size, check_platform_url, check_window, to_uuid_list

VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"


def test_ids_accept_text_and_uuids_and_drop_repeats() -> None:
    ids = to_uuid_list([VOUCHER, uuid.UUID(VOUCHER), VOUCHER.upper()], "voucher_ids")
    assert ids == [uuid.UUID(VOUCHER)]
    assert to_uuid_list(None, "x") is None
    assert to_uuid_list(iter([VOUCHER]), "x") == [uuid.UUID(VOUCHER)]


@pytest.mark.parametrize("bad", [[], ["nope"], [123], VOUCHER, uuid.UUID(VOUCHER), b"ab"])
def test_bad_id_collections(bad: object) -> None:
    with pytest.raises(MewsValidationError):
        to_uuid_list(bad, "voucher_ids", required=True)  # type: ignore[arg-type]


def test_validation_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="voucher_ids is required"):
        to_uuid_list(None, "voucher_ids", required=True)


@pytest.mark.parametrize("size", [0, 1001, -1, 10.0, True, "10", None])
def test_page_size_bounds(size: object) -> None:
    with pytest.raises(MewsValidationError):
        check_page_size(size)


def test_page_size_limits_are_inclusive() -> None:
    assert check_page_size(1) == 1
    assert check_page_size(1000) == 1000


def test_windows_are_aware_ordered_pairs_converted_to_utc() -> None:
    cet = dt.timezone(dt.timedelta(hours=1))
    start, end = dt.datetime(2026, 1, 1, 1, tzinfo=cet), dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    assert check_window((start, end)) == (dt.datetime(2026, 1, 1, tzinfo=dt.UTC), end)
    assert check_window((end, end)) == (end, end)
    for bad in [(end, start), (dt.datetime(2026, 1, 1), end), (start,), [start, end], (start, "2026-01-01")]:
        with pytest.raises(MewsValidationError):
            check_window(bad)


@pytest.mark.parametrize(
    "url",
    [
        "https://api.mews.com",
        "https://api.mews-demo.com/",
        "http://127.0.0.1:8787",
        "http://localhost:1",
        "http://[::1]:8080",
        "http://127.8.0.3",
    ],
)
def test_accepted_platform_urls(url: str) -> None:
    assert check_platform_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://api.mews.com", "http://10.0.0.1", "ftp://x", "api.mews.com", "https://", "https://a/?q=1"]
)
def test_refused_platform_urls(url: str) -> None:
    with pytest.raises(MewsValidationError):
        check_platform_url(url)


def test_new_voucher_code_checks_on_construction() -> None:
    code = NewVoucherCode(VOUCHER, "x" * 128)
    assert code.voucher_id == uuid.UUID(VOUCHER)
    for args in [("nope", "x"), (VOUCHER, ""), (VOUCHER, "x" * 129), (VOUCHER, 5)]:
        with pytest.raises(MewsValidationError):
            NewVoucherCode(*args)  # type: ignore[arg-type]
    with pytest.raises(MewsValidationError, match="timezone-aware"):
        NewVoucherCode(VOUCHER, "x", validity_start_utc=dt.datetime(2026, 1, 1))
    with pytest.raises(MewsValidationError, match="after"):
        NewVoucherCode(VOUCHER, "x", dt.datetime(2026, 2, 1, tzinfo=dt.UTC), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(AttributeError):
        code.value = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("   ", "only whitespace"),
        ("\u3000", "only whitespace"),
        ("a\x00b", "U+0000"),
        ("a\nb", "U+000A"),
        ("a\r\nb", "U+000D"),
        ("a\tb", "U+0009"),
        ("a\x1b[2Jb", "U+001B"),
        ("a\x7fb", "U+007F"),
        ("a\x85b", "U+0085"),
        ("a\u2028b", "U+2028"),
        (" LEADING", "begins or ends with whitespace"),
        ("TRAILING ", "begins or ends with whitespace"),
        ("\xa0NBSP", "begins or ends with whitespace"),
    ],
)
def test_a_value_nobody_can_type_is_refused_naming_the_value(value: str, why: str) -> None:
    with pytest.raises(MewsValidationError, match=re.escape(why)) as refused:
        NewVoucherCode(VOUCHER, value)
    assert str(refused.value).startswith("value ")


@pytest.mark.parametrize("value", ["SUMMER 2026", "Ünïcödé-ß", "x", "a-b_c.d/e", "😀"])
def test_a_value_is_kept_exactly_as_given(value: str) -> None:
    assert NewVoucherCode(VOUCHER, value).value == value


def test_configuration_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "MEWS_CLIENT_TOKEN": "ct-env",
        "MEWS_ACCESS_TOKEN": "at-env",
        "MEWS_CLIENT": "env client",
        "MEWS_PLATFORM_URL": "https://api.mews.com",
        "MEWS_PORTFOLIO": "1",
        "MEWS_ENTERPRISE_ID": VOUCHER,
    }
    config = resolve_config(
        None, None, None, platform_url=None, portfolio=None, enterprise_id=None, timeout=5, max_retries=1, environ=env
    )
    assert (config.client_token.reveal(), config.access_token.reveal()) == ("ct-env", "at-env")
    assert config.client_name == "env client"
    assert config.platform_url == "https://api.mews.com"
    assert config.portfolio is True
    assert config.enterprise_id == uuid.UUID(VOUCHER)
    assert config.timeout == httpx.Timeout(5.0)
    explicit = resolve_config(
        "ct",
        "at",
        "mine",
        platform_url="http://127.0.0.1:1",
        portfolio=False,
        enterprise_id=None,
        timeout=httpx.Timeout(1, connect=2),
        max_retries=0,
        environ=env,
    )
    assert explicit.client_token.reveal() == "ct"
    assert explicit.client_name == "mine"
    assert explicit.portfolio is False
    assert explicit.platform_url == "http://127.0.0.1:1"
    defaults = resolve_config(
        "ct", "at", None, platform_url=None, portfolio=None, enterprise_id=None, timeout=60, max_retries=3, environ={}
    )
    assert defaults.client_name == f"mews-wrapper {__version__}"
    assert defaults.platform_url == DEMO_PLATFORM_URL
    assert defaults.portfolio is False


@pytest.mark.parametrize(
    "kwargs",
    [
        {"client_token": None},
        {"access_token": ""},
        {"timeout": 0},
        {"timeout": "5"},
        {"max_retries": -1},
        {"max_retries": 1.5},
        {"enterprise_id": "nope"},
        {"platform_url": "http://example.com"},
    ],
)
def test_bad_configuration_is_refused_at_construction(
    monkeypatch: pytest.MonkeyPatch, kwargs: dict[str, object]
) -> None:
    for name in ("MEWS_CLIENT_TOKEN", "MEWS_ACCESS_TOKEN", "MEWS_PLATFORM_URL", "MEWS_ENTERPRISE_ID"):
        monkeypatch.delenv(name, raising=False)
    arguments: dict[str, object] = {"client_token": "ct", "access_token": "at", **kwargs}
    with pytest.raises(MewsValidationError):
        MewsClient(**arguments)  # type: ignore[arg-type]


def test_missing_token_message_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEWS_ACCESS_TOKEN", raising=False)
    with pytest.raises(MewsValidationError, match="MEWS_ACCESS_TOKEN"):
        MewsClient("ct")


def test_reprs_never_show_tokens() -> None:
    client = MewsClient("client-token-value", "access-token-value")
    texts = [repr(client), str(client), repr(client._session), repr(client._session.config)]
    client.close()
    assert all("token-value" not in text for text in texts)


def test_http_client_of_the_wrong_kind_is_refused() -> None:
    async_http = httpx.AsyncClient()
    with pytest.raises(MewsValidationError, match=r"httpx\.Client"):
        MewsClient("ct", "at", http_client=async_http)  # type: ignore[arg-type]
    with pytest.raises(MewsValidationError, match=r"httpx\.AsyncClient"):
        AsyncMewsClient("ct", "at", http_client=httpx.Client())  # type: ignore[arg-type]
