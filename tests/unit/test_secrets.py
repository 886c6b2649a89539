"""No token reachable from an exception, in any message or log line, in any letter case or piece; exceptions pickle."""

from __future__ import annotations

import copy
import gc
import logging
import pickle
import types
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mews_wrapper import (
    AuthenticationError,
    BadRequestError,
    BatchError,
    ClientClosedError,
    ConflictError,
    ForbiddenError,
    MewsAPIError,
    MewsClient,
    MewsConnectionError,
    MewsError,
    MewsResponseError,
    MewsTimeoutError,
    MewsValidationError,
    NewVoucherCode,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitError,
    RequestTimeoutError,
    ServerError,
    UnexpectedStatusError,
)
from mews_wrapper._secrets import Scrubber

CLIENT_TOKEN = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D"
ACCESS_TOKEN = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D"
TOKENS = (CLIENT_TOKEN, ACCESS_TOKEN)
VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
PIECE = 16


def leaks(text: str | bytes) -> list[str]:
    """Every 16-character piece of a token found in the text, in any letter case."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    folded = text.lower()
    return [
        token[i : i + PIECE]
        for token in TOKENS
        for i in range(len(token) - PIECE + 1)
        if token[i : i + PIECE].lower() in folded
    ]


_NOT_DATA = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.CodeType)
_FRAMES = (types.FrameType, types.TracebackType)  # a renderer of local variables is out of scope (README)


def reachable_texts(root: object) -> Iterator[str | bytes]:
    """Every str and bytes reachable from `root` through object references, tracebacks and frames aside."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        item = pending.pop()
        if id(item) in seen or isinstance(item, _NOT_DATA + _FRAMES):
            continue
        seen.add(id(item))
        if isinstance(item, (str, bytes, bytearray)):
            yield bytes(item) if isinstance(item, bytearray) else item
            continue
        if isinstance(item, BaseException):
            pending += [item.__cause__, item.__context__, *item.args]
        pending += gc.get_referents(item)
        assert len(seen) < 200_000, "the object graph is larger than any exception should hold"


def assert_token_free(error: BaseException) -> None:
    found = {piece for text in reachable_texts(error) for piece in leaks(text)}
    assert not found, f"token pieces reachable from {type(error).__name__}: {sorted(found)[:3]}"
    assert not leaks(pickle.dumps(error)), "a pickled exception holds a token"


def echoing(request: httpx.Request) -> httpx.Response:
    """A server (or proxy) that echoes the tokens back everywhere it can, in other letter cases and in pieces."""
    body = request.content.decode()
    return httpx.Response(
        403,
        json={
            "Message": f"refused {body}; access {ACCESS_TOKEN.lower()}; client ...{CLIENT_TOKEN[5:21]}...",
            "RequestId": f"req-{ACCESS_TOKEN}",
            "Details": {ACCESS_TOKEN: [CLIENT_TOKEN.lower()]},
        },
        headers={"Request-Id": f"r-{CLIENT_TOKEN}", "X-Echo": body},
    )


def client_for(handler: Any, **options: Any) -> MewsClient:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    options.setdefault("max_retries", 0)
    return MewsClient(
        CLIENT_TOKEN, ACCESS_TOKEN, platform_url="https://api.mews.com", http_client=http, rate_limit=None, **options
    )


def test_an_api_error_holds_no_token_even_when_the_server_echoes_them(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="mews_wrapper")
    with pytest.raises(ForbiddenError) as raised:
        client_for(echoing).voucher_codes.add([NewVoucherCode(VOUCHER, "X")])
    error = raised.value
    assert error.response is not None
    assert error.response.status_code == 403
    assert error.response.request.url == "https://api.mews.com/api/connector/v1/voucherCodes/add"
    assert error.response.request.content == b""  # the copy keeps the method and the URL, not the body
    assert "[redacted]" in error.message
    assert error.request_id == "req-[redacted]"
    assert_token_free(error)
    assert not leaks("\n".join(record.getMessage() for record in caplog.records))


def test_a_request_id_header_that_echoes_a_token_is_scrubbed_in_logs_and_pages(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="mews_wrapper")

    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"Request-Id": f"id {ACCESS_TOKEN.swapcase()}"}
        return httpx.Response(200, json={"VoucherCodes": [], "Cursor": None}, headers=headers)

    pages = list(client_for(answer).voucher_codes.get_all_pages([VOUCHER]))
    assert pages == []
    assert any("voucherCodes/getAll 200" in record.getMessage() for record in caplog.records)
    assert not leaks("\n".join(record.getMessage() for record in caplog.records))


def test_a_shape_error_that_quotes_an_echoed_cursor_holds_no_token() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"VoucherCodes": [], "Cursor": CLIENT_TOKEN.lower()})

    with pytest.raises(MewsResponseError, match="Cursor") as raised:
        list(client_for(answer).voucher_codes.get_all([VOUCHER]))
    assert_token_free(raised.value)


def test_a_body_that_is_not_json_is_not_chained_with_the_body_inside() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>" + request.content + b"</html>")

    with pytest.raises(MewsResponseError, match="not JSON") as raised:
        list(client_for(answer).voucher_codes.get_all([VOUCHER]))
    assert_token_free(raised.value)


@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.ReadTimeout, httpx.RemoteProtocolError])
def test_a_transport_error_keeps_a_copy_of_httpx_error_without_the_request_body(failure: type[Exception]) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        raise failure(f"failed while sending {request.content.decode()}", request=request)

    with pytest.raises(MewsConnectionError) as raised:
        client_for(answer).voucher_codes.add([NewVoucherCode(VOUCHER, "X")])
    error = raised.value
    assert type(error.__cause__) is failure
    assert isinstance(error.__cause__, httpx.RequestError)
    assert error.__cause__.request.url.path.endswith("/add")
    assert error.batch_error is not None
    assert_token_free(error)


SHORT_TOKENS = ["c", "1", "api", "demo", "127", "http", "mews", "0.0"]


@pytest.mark.parametrize("platform_url", ["https://api.mews.com", "http://127.0.0.1:8787", "http://[::1]:8787"])
@pytest.mark.parametrize("token", SHORT_TOKENS)
def test_a_short_token_inside_the_address_never_breaks_the_error_being_built(token: str, platform_url: str) -> None:
    """Scrubbing a token out of the address may break it (`[redacted]` in a host); the error is still ours."""

    def dropped(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, json={"Message": "down", "RequestId": "r-1"})

    for handler, expected in ((dropped, MewsConnectionError), (refused, ServerError)):
        http = httpx.Client(transport=httpx.MockTransport(handler))
        client = MewsClient(token, token, platform_url=platform_url, http_client=http, rate_limit=None, max_retries=0)
        with pytest.raises(expected) as raised:
            list(client.voucher_codes.get_all([VOUCHER]))
        error = raised.value
        kept = error.__cause__ if isinstance(error, MewsConnectionError) else error.response
        assert kept is not None
        assert kept.request.url.path.endswith("/voucherCodes/getAll") or "[redacted]" in kept.request.url.path
        shown = str(kept.request.url)
        for marker in ("redacted.invalid", "[redacted]", "%5Bredacted%5D"):
            shown = shown.replace(marker, "")
        assert token.lower() not in shown.lower()


def test_a_batch_error_holds_no_token() -> None:
    calls = iter(range(5))

    def answer(request: httpx.Request) -> httpx.Response:
        if next(calls) == 0:
            return httpx.Response(200, json={"VoucherCodes": []})  # the wrong count: a shape error
        return echoing(request)

    with pytest.raises(BatchError) as raised:
        client_for(answer).voucher_codes.add([NewVoucherCode(VOUCHER, f"C{n}") for n in range(1500)])
    assert raised.value.batch_error is raised.value
    assert_token_free(raised.value)


def test_the_scrubber_redacts_every_piece_in_any_case_and_leaves_the_rest() -> None:
    client = client_for(echoing)
    scrubber = client._session.config.scrubber
    assert scrubber.text(f"a {ACCESS_TOKEN} b") == "a [redacted] b"
    assert scrubber.text(f"x{CLIENT_TOKEN.lower()}{ACCESS_TOKEN[10:30]}y") == "x[redacted]y"
    assert scrubber.text(ACCESS_TOKEN[3:18]) == ACCESS_TOKEN[3:18]  # 15 characters: not a piece
    assert scrubber.text("nothing secret") == "nothing secret"
    assert repr(scrubber) == "Scrubber()"


LONG_S_TOKEN = "\u017fecret-token"  # U+017F, which the pattern matches to "s" and "S" (str.lower() does not)


def pattern_only(scrubber: Scrubber, value: str) -> str:
    """What the scrubber's pattern alone makes of `value` (its ASCII pre-check turned off)."""
    plain = copy.copy(scrubber)
    plain._ascii_pieces = None
    return plain.text(value)


texts_around_tokens = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.text(alphabet="0123456789abcdefABCDEF-", max_size=20),
        st.builds(lambda start, size: ACCESS_TOKEN[start : start + size], st.integers(0, 60), st.integers(1, 30)),
        st.builds(
            lambda start, size: CLIENT_TOKEN[start : start + size].lower(), st.integers(0, 60), st.integers(1, 30)
        ),
    ),
    max_size=6,
).map("".join)


@settings(max_examples=300)
@given(value=texts_around_tokens, short=st.sampled_from(["", "Ab1", LONG_S_TOKEN]))
def test_the_scrubber_s_ascii_check_never_skips_what_its_pattern_finds(value: str, short: str) -> None:
    """The look-up that spares the pattern most texts gives what the pattern alone gives, for long and short tokens,
    and a token outside ASCII (whose case the pattern folds further than str.lower()) always goes to the pattern."""
    scrubber = Scrubber(token for token in (CLIENT_TOKEN, ACCESS_TOKEN, short) if token)
    assert scrubber.text(value) == pattern_only(scrubber, value)
    assert scrubber.text(f"{value}{short.upper()}") == pattern_only(scrubber, f"{value}{short.upper()}")


def test_the_scrubber_finds_a_piece_the_pattern_finds_outside_ascii() -> None:
    scrubber = Scrubber([LONG_S_TOKEN])
    assert scrubber.text("a SECRET-TOKEN b") == "a [redacted] b"


def response(status: int) -> httpx.Response:
    return httpx.Response(status, json={"Message": "m"}, request=httpx.Request("POST", "https://api.mews.com/x"))


EXAMPLES: list[MewsError] = [
    MewsError("plain"),
    MewsValidationError("bad input"),
    ClientClosedError("closed"),
    MewsConnectionError("no connection"),
    MewsTimeoutError("too slow"),
    MewsResponseError("odd shape", request_id="r-1", status_code=200),
    BadRequestError("bad", status_code=400, request_id="r-2", details={"Field": "VoucherIds"}, response=response(400)),
    AuthenticationError("who", status_code=401, request_id="r-3", response=response(401)),
    ForbiddenError("no", status_code=403),
    NotFoundError("where", status_code=404),
    RequestTimeoutError("slow", status_code=408),
    ConflictError("changed", status_code=409),
    PayloadTooLargeError("big", status_code=413),
    RateLimitError("wait", status_code=429, retry_after=7.0, request_id="r-4", response=response(429)),
    ServerError("down", status_code=503),
    UnexpectedStatusError("teapot", status_code=418),
    BatchError("voucherCodes/add", succeeded=[], failed=[NewVoucherCode(VOUCHER, "F")], unknown=[uuid.UUID(int=1)]),
]


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda error: type(error).__name__)
def test_every_exception_survives_pickle_with_its_fields(error: MewsError) -> None:
    error.add_note("a note for a human")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert repr(copy) == repr(error)
    assert copy.__notes__ == ["a note for a human"]
    fields = {name: value for name, value in vars(error).items() if name not in ("response", "batch_error")}
    assert {name: vars(copy)[name] for name in fields} == fields
    if isinstance(error, MewsAPIError) and error.response is not None:
        assert copy.response is not None
        assert (copy.response.status_code, copy.response.json()) == (error.response.status_code, {"Message": "m"})
    if isinstance(error, BatchError):
        assert copy.batch_error is copy
        assert (copy.succeeded, copy.failed, copy.unknown) == (error.succeeded, error.failed, error.unknown)
