"""The wrapper's pagination against a minimal in-memory Mews (httpx MockTransport): nothing lost or repeated."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mews_wrapper import MewsClient, MewsResponseError

VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"


def paging_mews(ids: list[str], requests: list[dict[str, object]]) -> httpx.MockTransport:
    """Newest first; the response Cursor is the oldest id returned; an empty page is a 204 (return=minimal)."""

    def handle(request: httpx.Request) -> httpx.Response:
        limitation = json.loads(request.content)["Limitation"]
        requests.append(limitation)
        start = ids.index(limitation["Cursor"]) + 1 if limitation.get("Cursor") else 0
        page = ids[start : start + limitation["Count"]]
        if not page:
            return httpx.Response(204)
        codes = [{"Id": code_id, "VoucherId": VOUCHER, "IsActive": True} for code_id in page]
        return httpx.Response(200, json={"VoucherCodes": codes, "Cursor": page[-1]})

    return httpx.MockTransport(handle)


@settings(max_examples=60)
@given(total=st.integers(min_value=0, max_value=120), page_size=st.integers(min_value=1, max_value=40))
def test_every_item_once_and_no_request_after_a_short_page(total: int, page_size: int) -> None:
    ids = [str(uuid.UUID(int=n + 1, version=4)) for n in range(total)]
    requests: list[dict[str, object]] = []
    with MewsClient(
        "c",
        "a",
        platform_url="https://api.mews.com",
        rate_limit=None,
        http_client=httpx.Client(transport=paging_mews(ids, requests)),
    ) as client:
        pages = list(client.voucher_codes.get_all_pages([VOUCHER], page_size=page_size))
    assert [str(code.id) for page in pages for code in page.items] == ids
    assert len(requests) == total // page_size + 1
    assert all(request["Count"] == page_size for request in requests)
    assert [len(page) for page in pages if len(page) != page_size] in ([], [total % page_size])


def test_the_iterator_is_lazy() -> None:
    ids = [str(uuid.UUID(int=n + 1, version=4)) for n in range(10)]
    requests: list[dict[str, object]] = []
    client = MewsClient(
        "c",
        "a",
        platform_url="https://api.mews.com",
        rate_limit=None,
        http_client=httpx.Client(transport=paging_mews(ids, requests)),
    )
    codes = client.voucher_codes.get_all([VOUCHER], page_size=3)
    assert requests == []
    next(codes)
    assert len(requests) == 1


def test_a_cursor_that_comes_back_raises() -> None:
    def same_page(request: httpx.Request) -> httpx.Response:
        codes = [{"Id": str(uuid.UUID(int=n + 1, version=4)), "VoucherId": VOUCHER, "IsActive": True} for n in range(2)]
        return httpx.Response(200, json={"VoucherCodes": codes, "Cursor": codes[-1]["Id"]})

    client = MewsClient(
        "c",
        "a",
        platform_url="https://api.mews.com",
        http_client=httpx.Client(transport=httpx.MockTransport(same_page)),
    )
    with pytest.raises(MewsResponseError, match="again"):
        list(client.voucher_codes.get_all([VOUCHER], page_size=2))


def test_a_short_page_with_a_null_cursor_ends_the_query() -> None:
    def no_cursor(request: httpx.Request) -> httpx.Response:
        codes = [{"Id": str(uuid.UUID(int=n + 1, version=4)), "VoucherId": VOUCHER, "IsActive": True} for n in range(2)]
        return httpx.Response(200, json={"VoucherCodes": codes, "Cursor": None})

    client = MewsClient(
        "c",
        "a",
        platform_url="https://api.mews.com",
        http_client=httpx.Client(transport=httpx.MockTransport(no_cursor)),
    )
    assert len(list(client.voucher_codes.get_all([VOUCHER], page_size=3))) == 2  # a full page raises: test_edges
