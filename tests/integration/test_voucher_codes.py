"""get_all, get_all_pages, add and delete against the sandbox, sync and async alike."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from mews_sandbox import ENTERPRISE_A, ENTERPRISE_B, VOUCHER_A, VOUCHER_B, RunningSandbox
from mews_wrapper import NewVoucherCode, VoucherCode
from tests._api import Api, ApiFactory
from tests.conftest import SandboxFactory

pytestmark = pytest.mark.anyio

UTC = dt.UTC


async def test_add_returns_the_created_codes_in_input_order(api: Api) -> None:
    start = dt.datetime(2026, 6, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    added = await api.add(
        [
            NewVoucherCode(VOUCHER_A, "SUMMER-2026", validity_start_utc=start),
            {"voucher_id": uuid.UUID(VOUCHER_A), "value": "WINTER-2026"},
        ]
    )
    assert [code.value for code in added] == ["SUMMER-2026", "WINTER-2026"]
    first = added[0]
    assert isinstance(first, VoucherCode)
    assert first.voucher_id == uuid.UUID(VOUCHER_A)
    assert first.validity_start_utc == dt.datetime(2026, 6, 1, 10, tzinfo=UTC)
    assert first.validity_end_utc is None
    assert first.is_active is True
    assert first.created_utc is not None
    assert first.created_utc.tzinfo is UTC
    assert api.operations == ["add"]


async def test_get_all_pages_through_everything_newest_first(api: Api) -> None:
    added = await api.add([NewVoucherCode(VOUCHER_A, f"CODE-{n:02d}") for n in range(7)])
    codes = await api.get_all([VOUCHER_A], page_size=3)
    assert [code.id for code in codes] == [code.id for code in reversed(added)]
    # 3 + 3 + 1: the short page ends it, with no extra request
    assert api.operations == ["add", "getAll", "getAll", "getAll"]


async def test_get_all_pages_yields_pages_with_cursors(api: Api) -> None:
    added = await api.add([NewVoucherCode(VOUCHER_A, f"P{n}") for n in range(4)])
    pages = await api.get_all_pages([VOUCHER_A], page_size=2)
    assert [len(page) for page in pages] == [2, 2]
    assert pages[0].cursor == pages[0].items[-1].id
    assert pages[1].cursor == added[0].id
    assert all(page.request_id for page in pages)
    # the second page was full, so one more request found the end (a 204: the wrapper asks for return=minimal)
    assert api.operations == ["add", "getAll", "getAll", "getAll"]


async def test_empty_result_is_one_request(api: Api) -> None:
    assert await api.get_all([VOUCHER_A]) == []
    assert await api.get_all_pages([VOUCHER_A]) == []
    assert api.operations == ["getAll", "getAll"]


async def test_filters_by_code_ids_and_update_time(api: Api) -> None:
    added = [(await api.add([NewVoucherCode(VOUCHER_A, f"T{n}")]))[0] for n in range(4)]
    by_id = await api.get_all([VOUCHER_A], voucher_code_ids=[added[1].id, str(added[3].id)])
    assert [code.value for code in by_id] == ["T3", "T1"]
    times = [code.updated_utc for code in added]
    assert all(time is not None for time in times)
    window = (times[1], times[3])
    in_window = await api.get_all([VOUCHER_A], updated_utc=window)  # type: ignore[arg-type]
    assert [code.value for code in in_window] == ["T2", "T1"]


async def test_delete_marks_codes_deleted(api: Api) -> None:
    added = await api.add([NewVoucherCode(VOUCHER_A, "KEEP"), NewVoucherCode(VOUCHER_A, "DROP")])
    await api.delete([added[1].id])
    codes = {code.value: code for code in await api.get_all([VOUCHER_A])}
    assert codes["KEEP"].is_active is True
    assert codes["DROP"].is_active is False
    assert codes["DROP"].updated_utc > added[1].updated_utc  # type: ignore[operator]


async def test_empty_add_and_delete_send_nothing(api: Api) -> None:
    assert await api.add([]) == []
    await api.delete([])
    assert api.requests == []


async def test_long_id_lists_are_chunked_without_loss_or_repeats(
    make_api: ApiFactory, sandbox_factory: SandboxFactory
) -> None:
    vouchers = [str(uuid.UUID(int=10_000 + n, version=4)) for n in range(1100)]
    sandbox = sandbox_factory(seed=3, vouchers=dict.fromkeys(vouchers, ENTERPRISE_A), rate_limit=0)
    api = make_api(sandbox.url)
    # codes on both sides of the 1000-voucher boundary; 1500 codes is two add chunks
    codes = [NewVoucherCode(vouchers[n % 1100], f"C{n}") for n in range(1500)]
    added = await api.add(codes)
    assert [code.value for code in added] == [code.value for code in codes]
    assert api.operations == ["add", "add"]
    found = await api.get_all(vouchers)
    assert sorted(code.id for code in found) == sorted(code.id for code in added)
    by_ids = await api.get_all(vouchers, voucher_code_ids=[code.id for code in added])
    assert len(by_ids) == 1500
    assert len({code.id for code in by_ids}) == 1500
    request_bodies = [len(request.content) for request in api.requests]
    assert len(request_bodies) >= 2 + 2 + 4


async def test_long_update_window_is_split_into_three_month_windows(
    make_api: ApiFactory, sandbox_factory: SandboxFactory
) -> None:
    # every reading of the seeded clock moves it 30 days: ten adds span about ten months
    sandbox = sandbox_factory(seed=4, clock_step_seconds=30 * 86_400)
    api = make_api(sandbox.url)
    added = [(await api.add([NewVoucherCode(VOUCHER_A, f"M{n}")]))[0] for n in range(10)]
    first, last = added[0].updated_utc, added[-1].updated_utc
    assert first is not None
    assert last is not None
    api.requests.clear()
    everything = await api.get_all([VOUCHER_A], updated_utc=(first, last + dt.timedelta(seconds=1)))
    assert sorted(code.value for code in everything) == sorted(f"M{n}" for n in range(10))
    # 2026-01-01 to 2026-09-28 (270 days): Jan-Apr, Apr-Jul, Jul-Sep, three windows of three calendar months
    assert len(api.requests) == 3
    middle = await api.get_all([VOUCHER_A], updated_utc=(added[2].updated_utc, added[7].updated_utc))
    assert sorted(code.value for code in middle) == ["M2", "M3", "M4", "M5", "M6"]


async def test_portfolio_reads_every_enterprise_and_writes_to_one(
    make_api: ApiFactory, sandbox: RunningSandbox
) -> None:
    api = make_api(sandbox.url, portfolio=True, enterprise_id=ENTERPRISE_A)
    in_a = await api.add([NewVoucherCode(VOUCHER_A, "A-1")])  # the client's default enterprise
    in_b = await api.add([NewVoucherCode(VOUCHER_B, "B-1")], enterprise_id=ENTERPRISE_B)
    both = await api.get_all([VOUCHER_A, VOUCHER_B])
    assert {code.id for code in both} == {in_a[0].id, in_b[0].id}
    only_b = await api.get_all([VOUCHER_A, VOUCHER_B], enterprise_ids=[ENTERPRISE_B])
    assert [code.id for code in only_b] == [in_b[0].id]
    await api.delete([in_b[0].id], enterprise_id=ENTERPRISE_B)
    assert api.requests[1].read().count(ENTERPRISE_B.encode()) == 1
