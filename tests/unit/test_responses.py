"""How answers are read: documented shapes, tolerant reading, error bodies of any kind (httpx MockTransport)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from mews_wrapper import (
    AuthenticationError,
    ConflictError,
    MewsClient,
    MewsResponseError,
    NewVoucherCode,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitError,
    ServerError,
    UnexpectedStatusError,
)
from mews_wrapper._exceptions import MewsAPIError
from tests.spec._docs import documented_examples

EXAMPLES = documented_examples()
VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
Handler = Callable[[httpx.Request], httpx.Response]


def client_for(handler: Handler, **kwargs: Any) -> MewsClient:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return MewsClient(
        "secret-client-token",
        "secret-access-token",
        platform_url="https://api.mews.com",
        http_client=http,
        max_retries=0,
        rate_limit=None,
        **kwargs,
    )


def answer(status: int, body: Any = None, *, content: bytes | None = None, **headers: str) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        if content is not None:
            return httpx.Response(status, content=content, headers=headers)
        return httpx.Response(status, json=body, headers=headers)

    return handle


def test_documented_example_without_is_active_reads() -> None:
    client = client_for(answer(200, EXAMPLES["getAll.response"], **{"Request-Id": "r-1"}))
    codes = list(client.voucher_codes.get_all([VOUCHER], page_size=10))
    assert [code.id for code in codes] == [
        uuid.UUID("8c364829-c7ae-4972-b67f-93ea704d7228"),
        uuid.UUID("dc9d3488-7fc4-4fc9-a524-14e6504d8734"),
    ]
    assert all(code.is_active for code in codes)
    assert codes[1].validity_start_utc == dt.datetime(2023, 10, 9, 22, tzinfo=dt.UTC)


def test_is_active_wins_and_activity_state_deleted_means_inactive() -> None:
    body = copy.deepcopy(EXAMPLES["getAll.response"])
    body["VoucherCodes"][0]["ActivityState"] = "Deleted"
    body["VoucherCodes"][1]["IsActive"] = False
    body["VoucherCodes"][1]["ActivityState"] = "SomethingNew"
    body["VoucherCodes"][1]["Colour"] = "red"
    first, second = client_for(answer(200, body)).voucher_codes.get_all([VOUCHER])
    assert first.is_active is False
    assert second.is_active is False
    assert second.extra == {"Colour": "red"}


def test_naive_datetimes_from_mews_are_read_as_utc() -> None:
    body = copy.deepcopy(EXAMPLES["getAll.response"])
    body["VoucherCodes"][0]["CreatedUtc"] = "2023-10-30T13:37:16"
    (code, _) = client_for(answer(200, body)).voucher_codes.get_all([VOUCHER])
    assert code.created_utc == dt.datetime(2023, 10, 30, 13, 37, 16, tzinfo=dt.UTC)


def _changed(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    body = copy.deepcopy(EXAMPLES["getAll.response"])
    change(body)
    return body


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"VoucherCodes": "none"},
        _changed(lambda b: b["VoucherCodes"][0].pop("Id")),
        _changed(lambda b: b["VoucherCodes"][0].update(Id="not-a-uuid")),
        _changed(lambda b: b["VoucherCodes"][0].update(CreatedUtc="yesterday")),
        _changed(lambda b: b["VoucherCodes"][0].pop("ActivityState")),
        _changed(lambda b: b["VoucherCodes"][0].update(Value=5)),
        _changed(lambda b: b.update(Cursor="not-a-uuid")),
        [1, 2],
    ],
)
def test_a_success_that_is_not_the_documented_shape_is_a_response_error(body: Any) -> None:
    client = client_for(answer(200, body, **{"Request-Id": "r-9"}))
    with pytest.raises(MewsResponseError) as error:
        list(client.voucher_codes.get_all([VOUCHER]))
    assert error.value.request_id == "r-9"


def test_html_body_on_a_documented_error_status_still_gives_the_class() -> None:
    page = b"<html><head><title>oops</title></head><body><h1>500 Internal Server Error</h1></body></html>"
    client = client_for(answer(500, content=page, **{"Request-Id": "r-5", "Content-Type": "text/html"}))
    with pytest.raises(ServerError) as error:
        list(client.voucher_codes.get_all([VOUCHER]))
    page_note = "a text/html page instead of a Mews error, probably from a proxy"
    assert error.value.message == f"Internal Server Error ({page_note})"
    assert str(error.value).startswith("500 Internal Server Error (a text/html page")
    assert error.value.request_id == "r-5"
    assert error.value.response is not None
    assert error.value.response.status_code == 500


def test_long_non_json_bodies_are_cut_to_an_excerpt() -> None:
    client = client_for(answer(502, content=b"x" * 5000, **{"Content-Type": "text/plain"}))
    with pytest.raises(ServerError) as error:
        list(client.voucher_codes.get_all([VOUCHER]))
    excerpt = "x" * 199 + "…"
    assert error.value.message == f"Bad Gateway (a text/plain body instead of a Mews error: {excerpt!r})"


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, AuthenticationError),
        (404, NotFoundError),
        (409, ConflictError),
        (413, PayloadTooLargeError),
        (503, ServerError),
        (418, UnexpectedStatusError),
        (302, UnexpectedStatusError),
    ],
)
def test_each_status_maps_to_its_class(status: int, cls: type[MewsAPIError]) -> None:
    body = {"Message": "nope", "RequestId": "body-id", "Details": {"Field": ["a", 1]}}
    client = client_for(answer(status, body, **{"Request-Id": "header-id"}))
    with pytest.raises(cls) as error:
        client.voucher_codes.delete([VOUCHER])
    assert (error.value.status_code, error.value.message, error.value.request_id) == (status, "nope", "body-id")
    assert error.value.details == {"Field": ["a", 1]}


def test_request_id_falls_back_to_the_header() -> None:
    client = client_for(answer(409, {"Message": "changed", "RequestId": None}, **{"Request-Id": "header-id"}))
    with pytest.raises(ConflictError) as error:
        client.voucher_codes.delete([VOUCHER])
    assert error.value.request_id == "header-id"


def test_rate_limit_error_carries_retry_after() -> None:
    client = client_for(answer(429, {"Message": "slow down"}, **{"Retry-After": "12"}))
    with pytest.raises(RateLimitError) as error:
        list(client.voucher_codes.get_all([VOUCHER]))
    assert error.value.retry_after == 12.0


def test_tokens_echoed_by_a_server_are_scrubbed() -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        sent = json.loads(request.content)
        return httpx.Response(400, json={"Message": f"bad token {sent['AccessToken']}", "Details": [sent]})

    with pytest.raises(MewsAPIError) as error:
        client_for(echo).voucher_codes.delete([VOUCHER])
    text = repr(error.value) + str(error.value) + repr(error.value.details)
    assert "secret-access-token" not in text
    assert "secret-client-token" not in text
    assert "[redacted]" in error.value.message


@pytest.mark.parametrize("reply", [answer(200, {}), answer(204, content=b"")], ids=["empty object", "204"])
def test_delete_sends_its_ids_and_accepts_the_empty_object_and_204(reply: Handler) -> None:
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return reply(request)

    assert client_for(handle).voucher_codes.delete([VOUCHER]) == [uuid.UUID(VOUCHER)]  # the ids it deleted
    (request,) = sent
    assert request.url.path == "/api/connector/v1/voucherCodes/delete"
    assert json.loads(request.content)["VoucherCodeIds"] == [VOUCHER]


def test_add_needing_a_body_refuses_204() -> None:
    with pytest.raises(MewsResponseError):
        client_for(answer(204, content=b"")).voucher_codes.add([NewVoucherCode(VOUCHER, "x")])


def test_add_with_fewer_codes_than_sent_is_a_response_error() -> None:
    with pytest.raises(MewsResponseError, match="sent 3 codes"):
        client_for(answer(200, EXAMPLES["add.response"])).voucher_codes.add(
            [NewVoucherCode(VOUCHER, f"v{n}") for n in range(3)]
        )


def test_request_body_is_the_documented_shape() -> None:
    seen: list[dict[str, Any]] = []

    def capture(request: httpx.Request) -> httpx.Response:
        seen.append({"body": json.loads(request.content), "headers": dict(request.headers), "url": str(request.url)})
        return httpx.Response(204)

    window = (dt.datetime(2023, 10, 10, tzinfo=dt.UTC), dt.datetime(2023, 10, 17, tzinfo=dt.UTC))
    list(
        client_for(capture, client="Sample Client 1.0.0").voucher_codes.get_all(
            [VOUCHER],
            voucher_code_ids=["8c364829-c7ae-4972-b67f-93ea704d7228"],
            updated_utc=window,
            page_size=10,
            enterprise_ids=["3fa85f64-5717-4562-b3fc-2c963f66afa6"],
        )
    )
    (sent,) = seen
    assert sent["url"] == "https://api.mews.com/api/connector/v1/voucherCodes/getAll"
    assert sent["headers"]["prefer"] == "return=minimal"
    assert sent["body"] == {
        "ClientToken": "secret-client-token",
        "AccessToken": "secret-access-token",
        "Client": "Sample Client 1.0.0",
        "Limitation": {"Count": 10},
        "VoucherIds": [VOUCHER],
        "VoucherCodeIds": ["8c364829-c7ae-4972-b67f-93ea704d7228"],
        "EnterpriseIds": ["3fa85f64-5717-4562-b3fc-2c963f66afa6"],
        "UpdatedUtc": {"StartUtc": "2023-10-10T00:00:00Z", "EndUtc": "2023-10-17T00:00:00Z"},
    }
