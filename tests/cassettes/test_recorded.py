"""Cassette tests: each public operation, sync and async, pinned by a recording and replayed offline."""

from __future__ import annotations

import datetime as dt

import pytest

from mews_wrapper import (
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ForbiddenError,
    MewsAPIError,
    NewVoucher,
    NewVoucherCode,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitError,
    RequestTimeoutError,
    ServerError,
    VoucherUpdate,
)
from tests._api import Api, ApiFactory
from tests.cassettes.conftest import Target

pytestmark = [pytest.mark.anyio, pytest.mark.vcr]
sandbox_only = pytest.mark.sandbox_only


def client(make_api: ApiFactory, target: Target, *, portfolio: bool = False) -> Api:
    token = target.portfolio_token if portfolio else target.access_token
    return make_api(target.url, portfolio=portfolio, client_token=target.client_token, access_token=token)


async def test_get_all_over_several_pages_and_with_every_filter(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    early = await api.add([NewVoucherCode(target.voucher_a, f"CASSETTE-{n}") for n in range(3)])
    later = await api.add([NewVoucherCode(target.voucher_a, f"CASSETTE-{n}") for n in range(3, 5)])
    ours = [code.id for code in early + later]
    pages = await api.get_all_pages([target.voucher_a], voucher_code_ids=ours, page_size=2)
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [code.id for page in pages for code in page.items] == list(reversed(ours))
    start = later[0].updated_utc
    assert start is not None
    filtered = await api.get_all(
        [target.voucher_a],
        voucher_code_ids=ours,
        enterprise_ids=[target.enterprise_a],
        updated_utc=(start, start + dt.timedelta(days=1)),
        page_size=10,
    )
    assert [code.value for code in filtered] == ["CASSETTE-4", "CASSETTE-3"]
    await api.delete(ours)


async def test_portfolio_get_all_across_two_enterprises(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target, portfolio=True)
    in_a = await api.add([NewVoucherCode(target.voucher_a, "PORTFOLIO-A")], enterprise_id=target.enterprise_a)
    in_b = await api.add([NewVoucherCode(target.voucher_b, "PORTFOLIO-B")], enterprise_id=target.enterprise_b)
    found = await api.get_all([target.voucher_a, target.voucher_b], voucher_code_ids=[in_a[0].id, in_b[0].id])
    assert {code.id for code in found} == {in_a[0].id, in_b[0].id}
    await api.delete([in_a[0].id], enterprise_id=target.enterprise_a)
    await api.delete([in_b[0].id], enterprise_id=target.enterprise_b)


async def test_add_one_chunk(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    start = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    added = await api.add(
        [
            NewVoucherCode(target.voucher_a, "ONE-CHUNK-1", start, start + dt.timedelta(days=30)),
            NewVoucherCode(target.voucher_a, "ONE-CHUNK-2"),
        ]
    )
    assert [code.value for code in added] == ["ONE-CHUNK-1", "ONE-CHUNK-2"]
    assert added[0].validity_end_utc == dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    assert api.operations == ["add"]
    await api.delete([code.id for code in added])


async def test_add_more_than_one_chunk(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    codes = [NewVoucherCode(target.voucher_a, f"MANY-{n:04d}") for n in range(1001)]
    added = await api.add(codes)
    assert [code.value for code in added] == [code.value for code in codes]
    assert api.operations == ["add", "add"]
    await api.delete([code.id for code in added])
    assert api.operations == ["add", "add", "delete", "delete"]


async def test_delete_marks_codes_deleted(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    added = await api.add([NewVoucherCode(target.voucher_a, "TO-DELETE")])
    await api.delete([added[0].id])
    (after,) = await api.get_all([target.voucher_a], voucher_code_ids=[added[0].id])
    assert after.is_active is False


async def test_prefer_return_minimal_gives_204(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    added = await api.add([NewVoucherCode(target.voucher_a, "MINIMAL")])
    await api.delete([added[0].id])  # a 204: the wrapper asks for return=minimal
    window = (dt.datetime(2020, 1, 1, tzinfo=dt.UTC), dt.datetime(2020, 1, 2, tzinfo=dt.UTC))
    assert await api.get_all([target.voucher_a], updated_utc=window) == []  # an empty page: 204
    assert [request.headers.get("Prefer") for request in api.requests] == [None, "return=minimal", "return=minimal"]


STATUSES = [
    ("400", BadRequestError),
    ("401", AuthenticationError),
    ("403", ForbiddenError),
    ("404", NotFoundError),
    ("408", RequestTimeoutError),
    ("409", ConflictError),
    ("413", PayloadTooLargeError),
    ("429", RateLimitError),
    ("500", ServerError),
]


@sandbox_only
@pytest.mark.parametrize(("status", "error_class"), STATUSES)
async def test_each_documented_error_status_reaches_its_exception(
    make_api: ApiFactory, target: Target, status: str, error_class: type[MewsAPIError]
) -> None:
    api = make_api(target.url, client_token=target.client_token, access_token=target.access_token, max_retries=0)
    target.faults.add(status)
    with pytest.raises(error_class) as raised:
        await api.add([NewVoucherCode(target.voucher_a, f"STATUS-{status}")])
    error = raised.value
    assert error.status_code == int(status)
    assert error.request_id
    assert error.response is not None
    assert error.request_id == error.response.headers["Request-Id"]


@sandbox_only
async def test_429_with_retry_after_then_success(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    target.faults.add("429")
    assert await api.get_all([target.voucher_a], voucher_code_ids=[target.voucher_b]) == []
    assert api.sleeps == [1.0]  # the recorded Retry-After, honoured without really sleeping
    assert len(api.requests) == 2


@sandbox_only
async def test_500_on_get_all_is_retried_to_success(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    target.faults.add("500")
    assert await api.get_all([target.voucher_a], voucher_code_ids=[target.voucher_b]) == []
    assert len(api.requests) == 2
    assert len(api.sleeps) == 1


@sandbox_only
async def test_500_on_add_is_not_retried(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    target.faults.add("500")
    with pytest.raises(ServerError) as raised:
        await api.add([NewVoucherCode(target.voucher_a, "NOT-RETRIED")])
    assert raised.value.request_id
    assert api.operations == ["add"]


async def test_services_then_vouchers_from_the_token_alone(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    services = await api.services()
    assert services
    assert all(service.type in {"Bookable", "Additional", None} for service in services)
    vouchers = await api.vouchers([service.id for service in services], with_rates=True)
    assert target.voucher_a in {str(voucher.id) for voucher in vouchers}
    assert all(voucher.rate_ids is not None for voucher in vouchers)
    assert api.paths == ["services/getAll", "vouchers/getAll"]


async def test_vouchers_without_service_ids_read_the_services_first(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    vouchers = await api.vouchers(active=True, page_size=2)
    assert target.voucher_a in {str(voucher.id) for voucher in vouchers}
    assert all(voucher.is_active for voucher in vouchers)
    assert api.paths[0] == "services/getAll"
    assert set(api.paths[1:]) == {"vouchers/getAll"}


@sandbox_only
async def test_find_a_voucher_by_name(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    assert str((await api.find_voucher("Summer sale")).id) == target.voucher_a


async def test_a_portfolio_token_reads_the_services_of_both_enterprises(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target, portfolio=True)
    services = await api.services(enterprise_ids=[target.enterprise_a, target.enterprise_b])
    assert {str(service.enterprise_id) for service in services} == {target.enterprise_a, target.enterprise_b}


async def test_rates_of_the_token_by_name(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    rates = await api.rates(page_size=2)  # services/getAll first, then full pages of two
    assert rates
    assert all(rate.name for rate in rates)
    assert api.paths[0] == "services/getAll"
    assert set(api.paths[1:]) == {"rates/getAll"}
    names = {rate.name for rate in rates}
    found = await api.find_rate(sorted(names)[0].upper())  # up to case: the rule of vouchers.find
    assert found.name == sorted(names)[0]


async def test_a_portfolio_token_names_its_enterprises(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target, portfolio=True)
    enterprises = await api.enterprises(page_size=1)
    assert {str(enterprise.id) for enterprise in enterprises} == {target.enterprise_a, target.enterprise_b}
    assert all(enterprise.name and enterprise.time_zone for enterprise in enterprises)
    assert set(api.paths) == {"enterprises/getAll"}


async def test_find_codes_by_value_across_vouchers(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    await api.add([NewVoucherCode(target.voucher_a, "FIND-ME"), NewVoucherCode(target.voucher_a, "find-me")])
    sent = len(api.requests)
    found = await api.find_codes(["FIND-ME", "NOT-THERE"])
    assert [(code.value, str(code.voucher_id)) for code in found] == [("FIND-ME", target.voucher_a)]
    assert api.paths[sent:] == ["services/getAll", "vouchers/getAll", "voucherCodes/getAll"]


async def test_a_voucher_is_added_with_rates_updated_and_deleted(make_api: ApiFactory, target: Target) -> None:
    api = client(make_api, target)
    [service] = [found for found in await api.services() if found.type == "Bookable"][:1]
    rates = [rate.id for rate in await api.rates([service.id])][:2]
    [made] = await api.add_vouchers([NewVoucher(service.id, "CASSETTE campaign", rate_ids=rates)])
    assert (made.name, made.service_id, made.is_active) == ("CASSETTE campaign", service.id, True)
    [renamed] = await api.update_vouchers(
        [VoucherUpdate(made.id, name="CASSETTE campaign (renamed)", rate_ids=rates[:1], external_identifier=None)]
    )
    assert (renamed.id, renamed.name) == (made.id, "CASSETTE campaign (renamed)")
    [read] = await api.vouchers([service.id], voucher_ids=[made.id], with_rates=True)
    assert read.rate_ids == tuple(rates[:1])
    await api.delete_vouchers([made.id])
    [deleted] = await api.vouchers([service.id], voucher_ids=[made.id], active=False)
    assert not deleted.is_active
    assert api.paths[2:] == [
        "vouchers/add",
        "vouchers/update",
        "vouchers/getAll",
        "vouchers/delete",
        "vouchers/getAll",
    ]
