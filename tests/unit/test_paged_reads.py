"""The contract every paged read keeps, driven by a table: a new paged read gets these tests by adding a row.

Each row says how its endpoint's items look on the wire and how its public call reads them; an in-memory Mews
(httpx MockTransport) pages them newest first, as Mews does. The rules: every item once, no request after a short
page, a repeated cursor and a full page without a cursor raise, id filters split into chunks of 1000, windows into
3 months, reads retry, errors hold no token, rounds stay within `max_concurrency`, and the fast reader and the
generated parser agree on the endpoint's bodies.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import attrs
import httpx
import pytest

from mews_wrapper import AsyncMewsClient, AuthenticationError, MewsClient, MewsResponseError
from mews_wrapper._resources import enterprises, rates, services, voucher_codes, vouchers
from mews_wrapper._responses import read_answer, reference_answer

ACCESS_TOKEN = "AccessToken-abcdef0123456789-SECRET"
SERVICE = "bd26d8db-86da-4f96-9efc-e5a4654a4a94"
VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
ENTERPRISE = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def _code(item_id: str) -> dict[str, Any]:
    return {
        "Id": item_id,
        "VoucherId": VOUCHER,
        "Value": f"V-{item_id[:8]}",
        "IsActive": True,
        "CreatedUtc": "2026-01-01T00:00:00Z",
        "UpdatedUtc": "2026-01-02T00:00:00Z",
    }


def _service(item_id: str) -> dict[str, Any]:
    return {
        "Id": item_id,
        "EnterpriseId": ENTERPRISE,
        "IsActive": True,
        "Name": "Old name",
        "Names": {"en-US": f"Service {item_id[:8]}"},
        "Options": {"BillAsPackage": False},
        "Ordering": 0,
        "Data": {"Discriminator": "Bookable", "Value": {"TimeUnitPeriod": "Day"}},
        "CreatedUtc": "2026-01-01T00:00:00Z",
        "UpdatedUtc": "2026-01-02T00:00:00Z",
    }


def _voucher(item_id: str) -> dict[str, Any]:
    return {
        "Id": item_id,
        "ServiceId": SERVICE,
        "EnterpriseId": ENTERPRISE,
        "Name": f"Voucher {item_id[:8]}",
        "Type": "Public",
        "IsActive": True,
        "ActivityState": "Active",
        "CreatedUtc": "2026-01-01T00:00:00Z",
        "UpdatedUtc": "2026-01-02T00:00:00Z",
    }


def _rate(item_id: str) -> dict[str, Any]:
    return {
        "Id": item_id,
        "ServiceId": SERVICE,
        "GroupId": SERVICE,
        "IsBaseRate": True,
        "IsActive": True,
        "IsEnabled": True,
        "IsPublic": True,
        "IsDefault": False,
        "Type": "Public",
        "Names": {"en-US": f"Rate {item_id[:8]}"},
        "UpdatedUtc": "2026-01-02T00:00:00Z",
    }


def _enterprise(item_id: str) -> dict[str, Any]:
    return {"Id": item_id, "Name": f"Hotel {item_id[:8]}", "TimeZoneIdentifier": "Europe/Prague"}


@attrs.frozen
class PagedRead:
    """One row: the endpoint, its items on the wire, its public call, and the filter that chunks by id."""

    name: str
    endpoint: Any
    result_key: str
    item: Callable[[str], dict[str, Any]]
    call: Callable[..., Any]  # (resource of the client, **kwargs) -> pages iterator
    resource: str
    chunked_kwarg: str
    chunked_field: str

    def __str__(self) -> str:
        return self.name


READS = [
    PagedRead(
        "voucherCodes/getAll",
        voucher_codes.GET_ALL,
        "VoucherCodes",
        _code,
        lambda r, **kw: r.get_all_pages(kw.pop("ids", [VOUCHER]), **kw),
        "voucher_codes",
        "ids",
        "VoucherIds",
    ),
    PagedRead(
        "services/getAll",
        services.GET_ALL,
        "Services",
        _service,
        lambda r, **kw: r.get_all_pages(**({"service_ids": kw.pop("ids")} if "ids" in kw else {}), **kw),
        "services",
        "ids",
        "ServiceIds",
    ),
    PagedRead(
        "vouchers/getAll",
        vouchers.GET_ALL,
        "Vouchers",
        _voucher,
        lambda r, **kw: r.get_all_pages(kw.pop("ids", [SERVICE]), **kw),
        "vouchers",
        "ids",
        "ServiceIds",
    ),
    PagedRead(
        "rates/getAll",
        rates.GET_ALL,
        "Rates",
        _rate,
        lambda r, **kw: r.get_all_pages(kw.pop("ids", [SERVICE]), **kw),
        "rates",
        "ids",
        "ServiceIds",
    ),
    PagedRead(
        "enterprises/getAll",
        enterprises.GET_ALL,
        "Enterprises",
        _enterprise,
        lambda r, **kw: r.get_all_pages(**({"enterprise_ids": kw.pop("ids")} if "ids" in kw else {}), **kw),
        "enterprises",
        "ids",
        "EnterpriseIds",
    ),
]


class PagingMews:
    """An in-memory Mews for one paged read: newest first, Cursor the oldest id returned, 204 for an empty page."""

    def __init__(self, read: PagedRead, total: int, *, repeat_cursor: bool = False, null_cursor: bool = False):
        self.read = read
        self.ids = [str(uuid.UUID(int=n + 1, version=4)) for n in range(total)]
        self.bodies: list[dict[str, Any]] = []
        self.repeat_cursor = repeat_cursor
        self.null_cursor = null_cursor
        self.fail_first: list[httpx.Response] = []
        self.in_flight = 0
        self.most_in_flight = 0

    def respond(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        if self.fail_first:
            return self.fail_first.pop(0)
        limitation = body["Limitation"]
        cursor = None if self.repeat_cursor else limitation.get("Cursor")
        start = self.ids.index(cursor) + 1 if cursor else 0
        page = self.ids[start : start + limitation["Count"]]
        if not page:
            return httpx.Response(204, headers={"Request-Id": "r"})
        answer = {
            self.read.result_key: [self.read.item(item_id) for item_id in page],
            "Cursor": None if self.null_cursor else page[-1],
        }
        return httpx.Response(200, json=answer, headers={"Request-Id": "r"})

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.respond)

    async def respond_async(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        await asyncio.sleep(0.005)
        self.in_flight -= 1
        return self.respond(request)


def client_for(mews: PagingMews, **options: Any) -> MewsClient:
    return MewsClient(
        "ClientToken-1",
        ACCESS_TOKEN,
        platform_url="https://api.mews.com",
        rate_limit=None,
        sleep=lambda _: None,
        http_client=httpx.Client(transport=mews.transport()),
        **options,
    )


def items_of(read: PagedRead, mews: PagingMews, **kwargs: Any) -> list[str]:
    with client_for(mews) as client:
        pages = list(read.call(getattr(client, read.resource), **kwargs))
    return [str(item.id) for page in pages for item in page.items]


@pytest.fixture(params=READS, ids=str)
def read(request: pytest.FixtureRequest) -> PagedRead:
    return request.param  # type: ignore[no-any-return]


@pytest.mark.parametrize(("total", "page_size"), [(0, 10), (7, 10), (10, 10), (25, 10), (3, 1)])
def test_every_item_once_and_no_request_after_a_short_page(read: PagedRead, total: int, page_size: int) -> None:
    mews = PagingMews(read, total)
    assert items_of(read, mews, page_size=page_size) == mews.ids
    assert len(mews.bodies) == total // page_size + 1
    assert all(body["Limitation"]["Count"] == page_size for body in mews.bodies)


def test_a_cursor_that_comes_back_raises(read: PagedRead) -> None:
    with pytest.raises(MewsResponseError, match=r"cursor .* again"):
        items_of(read, PagingMews(read, 30, repeat_cursor=True), page_size=10)


def test_a_full_page_without_a_cursor_raises_instead_of_ending_silently(read: PagedRead) -> None:
    with pytest.raises(MewsResponseError, match="full page of 10 items came without a Cursor"):
        items_of(read, PagingMews(read, 30, null_cursor=True), page_size=10)


def test_a_short_page_with_a_null_cursor_ends_the_read(read: PagedRead) -> None:
    mews = PagingMews(read, 4, null_cursor=True)
    assert items_of(read, mews, page_size=10) == mews.ids


def test_more_than_1000_ids_go_in_chunks_of_1000(read: PagedRead) -> None:
    ids = [str(uuid.UUID(int=10_000 + n, version=4)) for n in range(2500)]
    mews = PagingMews(read, 0)
    items_of(read, mews, ids=ids)
    position = {item: index for index, item in enumerate(ids)}
    # The chunks are independent streams, sent at once: the order they reach Mews in is not promised.
    sent = sorted((body[read.chunked_field] for body in mews.bodies), key=lambda chunk: position[chunk[0]])
    assert [len(chunk) for chunk in sent] == [1000, 1000, 500]
    assert [item for chunk in sent for item in chunk] == ids


def test_a_window_longer_than_3_months_is_split_into_windows_that_cover_it(read: PagedRead) -> None:
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    mews = PagingMews(read, 0)
    items_of(read, mews, updated_utc=(start, start.replace(year=2026)))
    windows = [(body["UpdatedUtc"]["StartUtc"], body["UpdatedUtc"]["EndUtc"]) for body in mews.bodies]
    assert len(windows) == 4
    assert windows[0][0].startswith("2025-01-01T00:00:00")
    assert windows[-1][1].startswith("2026-01-01T00:00:00")
    assert all(windows[n][1] == windows[n + 1][0] for n in range(3))


def test_a_read_retries_a_server_error_and_loses_nothing(read: PagedRead) -> None:
    mews = PagingMews(read, 15)
    mews.fail_first = [httpx.Response(503, json={"Message": "busy"}), httpx.Response(500, json={"Message": "oops"})]
    assert items_of(read, mews, page_size=10) == mews.ids
    assert len(mews.bodies) == 2 + 2


def test_an_error_that_echoes_the_token_holds_no_token(read: PagedRead) -> None:
    mews = PagingMews(read, 5)
    mews.fail_first = [httpx.Response(401, json={"Message": f"Invalid AccessToken {ACCESS_TOKEN}"})]
    with pytest.raises(AuthenticationError) as refused:
        items_of(read, mews)
    assert ACCESS_TOKEN not in str(refused.value)
    assert ACCESS_TOKEN not in repr(refused.value.args)
    assert "Invalid AccessToken" in str(refused.value)


def test_rounds_keep_at_most_max_concurrency_requests_out(read: PagedRead) -> None:
    ids = [str(uuid.UUID(int=10_000 + n, version=4)) for n in range(5000)]  # five streams
    mews = PagingMews(read, 0)

    async def run() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(mews.respond_async))
        async with AsyncMewsClient(
            "ClientToken-1",
            ACCESS_TOKEN,
            platform_url="https://api.mews.com",
            rate_limit=None,
            http_client=http,
            max_concurrency=2,
        ) as client:
            pages = read.call(getattr(client, read.resource), ids=ids)
            assert [page async for page in pages] == []

    asyncio.run(run())
    assert len(mews.bodies) == 5
    assert mews.most_in_flight == 2


FAST_READS = [read for read in READS if read.endpoint.reader.fast is not None]
"""The reads with a msgspec reader: codes, services, vouchers (rates and enterprises, a few hundred per token, are
read by the generated parser alone)."""


def test_the_large_listings_have_a_fast_reader() -> None:
    assert [str(read) for read in FAST_READS] == ["voucherCodes/getAll", "services/getAll", "vouchers/getAll"]


@pytest.mark.parametrize("read", FAST_READS, ids=str)
@pytest.mark.parametrize("total", [0, 1, 12])
def test_the_fast_reader_and_the_generated_parser_agree_on_the_endpoints_bodies(read: PagedRead, total: int) -> None:
    session = MewsClient("c", "a", platform_url="https://api.mews.com")._session
    config, parser = session.config, session.parser
    mews = PagingMews(read, total)
    body = {"Limitation": {"Count": 100}}
    response = mews.respond(httpx.Request("POST", "https://api.mews.com", content=json.dumps(body)))
    if response.status_code == 204:
        return
    assert read.endpoint.reader.fast(response.content) is not None  # Mews' usual shape takes the fast path
    fast = read_answer(read.endpoint, response, parser, config)
    reference = reference_answer(read.endpoint, response, parser, config)
    assert fast.items == reference.items
    assert [item.extra for item in fast.items] == [item.extra for item in reference.items]
    assert fast.cursor == reference.cursor
