"""Promises at the edges, pinned with httpx MockTransport: wire forms, timeouts, cursors, decoding errors, closing."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from mews_wrapper import (
    AsyncMewsClient,
    BatchError,
    ClientClosedError,
    MewsClient,
    MewsConnectionError,
    MewsResponseError,
    NewVoucherCode,
)

VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
UTC = dt.UTC
Handler = Callable[[httpx.Request], httpx.Response]


def code_json(number: int, **fields: Any) -> dict[str, Any]:
    return {
        "Id": str(uuid.UUID(int=number, version=4)),
        "VoucherId": VOUCHER,
        "Value": f"V{number}",
        "ValidityStartUtc": None,
        "ValidityEndUtc": None,
        "CreatedUtc": "2026-01-01T00:00:00Z",
        "UpdatedUtc": "2026-01-01T00:00:00Z",
        "IsActive": True,
        **fields,
    }


class Recorder:
    """A MockTransport handler that keeps every request and answers from a function of the request."""

    def __init__(self, answer: Callable[[httpx.Request, dict[str, Any]], httpx.Response]) -> None:
        self.requests: list[httpx.Request] = []
        self._answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self._answer(request, json.loads(request.content))

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(request.content) for request in self.requests]


def created_codes(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
    """add's answer: one code per parameter, in order; getAll's: an empty page."""
    if request.url.path.endswith("/add"):
        params = body["VoucherCodeParameters"]
        return httpx.Response(
            200, json={"VoucherCodes": [code_json(n, Value=p["Value"]) for n, p in enumerate(params)]}
        )
    return httpx.Response(200, json={"VoucherCodes": [], "Cursor": None})


def sync_client(handler: Handler, **kwargs: Any) -> MewsClient:
    kwargs.setdefault("http_client", httpx.Client(transport=httpx.MockTransport(handler)))
    kwargs.setdefault("rate_limit", None)  # mocked answers in a loop: the limiter's waits would be real
    kwargs.setdefault("max_concurrency", 1)  # the chunks in order: "a later chunk" is the later request
    return MewsClient(
        "client-token-0123456789", "access-token-0123456789", platform_url="https://api.mews.com", **kwargs
    )


def test_datetimes_go_out_in_whole_seconds_with_a_z_and_windows_widen_outward() -> None:
    recorder = Recorder(created_codes)
    client = sync_client(recorder)
    cet = dt.timezone(dt.timedelta(hours=1))
    start = dt.datetime(2026, 1, 1, 0, 0, 0, 999_999, tzinfo=UTC)
    end = dt.datetime(2026, 9, 1, 1, 0, 0, 1, tzinfo=cet)  # 00:00:00.000001 UTC: more than 3 months, so split
    list(client.voucher_codes.get_all([VOUCHER], updated_utc=(start, end)))
    windows = [body["UpdatedUtc"] for body in recorder.bodies()]
    assert windows == [
        {"StartUtc": "2026-01-01T00:00:00Z", "EndUtc": "2026-04-01T00:00:00Z"},
        {"StartUtc": "2026-04-01T00:00:00Z", "EndUtc": "2026-07-01T00:00:00Z"},
        {"StartUtc": "2026-07-01T00:00:00Z", "EndUtc": "2026-09-01T00:00:01Z"},
    ]
    client.voucher_codes.add([NewVoucherCode(VOUCHER, "X", start, dt.datetime(2026, 2, 1, 0, 0, 0, 1, tzinfo=UTC))])
    sent = recorder.bodies()[-1]["VoucherCodeParameters"][0]
    assert (sent["ValidityStartUtc"], sent["ValidityEndUtc"]) == ("2026-01-01T00:00:00Z", "2026-02-01T00:00:01Z")


def test_years_before_1000_are_written_with_four_digits() -> None:
    recorder = Recorder(created_codes)
    client = sync_client(recorder)
    early = dt.datetime(191, 9, 10, tzinfo=UTC)
    client.voucher_codes.add([NewVoucherCode(VOUCHER, "X", early, early)])
    assert recorder.bodies()[0]["VoucherCodeParameters"][0]["ValidityStartUtc"] == "0191-09-10T00:00:00Z"


def test_new_voucher_code_keeps_what_is_sent_and_says_so_in_its_signature() -> None:
    code = NewVoucherCode(VOUCHER, "X", dt.datetime(2026, 1, 1, 0, 0, 0, 500, tzinfo=UTC))
    assert code.validity_start_utc == dt.datetime(2026, 1, 1, tzinfo=UTC)
    annotations = NewVoucherCode.__init__.__annotations__
    assert annotations["voucher_id"] == "str | uuid.UUID"
    assert annotations["value"] == "str"
    assert annotations["validity_start_utc"] == "dt.datetime | None"


def test_an_injected_http_client_keeps_its_own_timeout() -> None:
    timeouts: list[Any] = []

    def answer(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        timeouts.append(request.extensions["timeout"])
        return created_codes(request, body)

    injected = httpx.Client(transport=httpx.MockTransport(Recorder(answer)), timeout=5)
    list(sync_client(lambda r: httpx.Response(500), http_client=injected).voucher_codes.get_all([VOUCHER]))
    list(sync_client(lambda r: httpx.Response(500), http_client=injected, timeout=7).voucher_codes.get_all([VOUCHER]))
    assert timeouts == [httpx.Timeout(5).as_dict(), httpx.Timeout(7).as_dict()]


def test_the_clients_own_http_client_times_out_after_a_minute_by_default() -> None:
    client = MewsClient("ct", "at")
    assert client._http.timeout == httpx.Timeout(60)
    client.close()


def full_page_then(cursor: Any) -> Handler:
    def answer(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        count = body["Limitation"]["Count"]
        page: dict[str, Any] = {"VoucherCodes": [code_json(n) for n in range(count)]}
        if cursor is not ...:
            page["Cursor"] = cursor
        return httpx.Response(200, json=page, headers={"Request-Id": "r-full"})

    return Recorder(answer)


@pytest.mark.parametrize("cursor", [None, ...], ids=["null", "absent"])
def test_a_full_page_without_a_cursor_is_a_response_error(cursor: Any) -> None:
    client = sync_client(full_page_then(cursor))
    with pytest.raises(MewsResponseError, match="full page") as error:
        list(client.voucher_codes.get_all([VOUCHER], page_size=3))
    assert error.value.request_id == "r-full"


def corrupt_body(status: int = 200) -> httpx.Response:
    """A body that claims gzip and is not: the client fails while reading it, after the server answered."""
    return httpx.Response(status, stream=httpx.ByteStream(b"\x1f\x8b not gzip"), headers={"Content-Encoding": "gzip"})


def test_a_corrupt_body_on_get_all_is_retried_like_a_dropped_connection() -> None:
    answers = iter([corrupt_body(), httpx.Response(200, json={"VoucherCodes": [], "Cursor": None})])
    sleeps: list[float] = []
    client = sync_client(lambda request: next(answers), sleep=sleeps.append)
    assert list(client.voucher_codes.get_all([VOUCHER])) == []
    assert len(sleeps) == 1


def test_a_corrupt_answer_to_a_later_chunk_leaves_that_chunk_unknown() -> None:
    calls = iter(range(10))

    def answer(request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        return created_codes(request, body) if next(calls) == 0 else corrupt_body()

    codes = [NewVoucherCode(VOUCHER, f"C{n}") for n in range(2500)]
    with pytest.raises(BatchError) as batch:
        sync_client(Recorder(answer), max_retries=0).voucher_codes.add(codes)
    assert len(batch.value.succeeded) == 1000
    assert batch.value.unknown == codes[1000:2000]
    assert batch.value.failed == codes[2000:]
    assert isinstance(batch.value.__cause__, MewsConnectionError)
    assert isinstance(batch.value.__cause__.__cause__, httpx.DecodingError)
    assert "could not be decoded" in str(batch.value.__cause__)


def test_a_closed_client_says_so() -> None:
    recorder = Recorder(created_codes)
    client = sync_client(recorder)
    pending = client.voucher_codes.get_all([VOUCHER])
    client.close()
    with pytest.raises(ClientClosedError, match="closed"):
        client.voucher_codes.add([NewVoucherCode(VOUCHER, "X")])
    with pytest.raises(ClientClosedError):
        list(client.voucher_codes.get_all([VOUCHER]))
    with pytest.raises(ClientClosedError):
        list(pending)  # made before close(), iterated after
    assert recorder.requests == []
    own = MewsClient("ct", "at")
    own.close()
    with pytest.raises(ClientClosedError):
        own.voucher_codes.delete([uuid.uuid4()])
    with pytest.raises(RuntimeError):  # a ClientClosedError is also a RuntimeError, as httpx's own was
        own.voucher_codes.delete([uuid.uuid4()])


@pytest.mark.anyio
async def test_a_closed_async_client_says_so() -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(lambda request: httpx.Response(500)))
    client = AsyncMewsClient("ct", "at", http_client=http)
    await http.aclose()  # closing the injected client closes the way out too
    with pytest.raises(ClientClosedError):
        await client.voucher_codes.add([NewVoucherCode(VOUCHER, "X")])
    async with AsyncMewsClient("ct", "at") as own:
        pass
    with pytest.raises(ClientClosedError):
        [code async for code in own.voucher_codes.get_all([VOUCHER])]
