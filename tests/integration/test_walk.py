"""From the demo tokens to every code: services, then vouchers, then codes, against the sandbox, sync and async."""

from __future__ import annotations

import json
import uuid

import pytest

from mews_sandbox import (
    ENTERPRISE_A,
    ENTERPRISE_B,
    SERVICE_A,
    SERVICE_A_BREAKFAST,
    SERVICE_B,
    VOUCHER_A,
    VOUCHER_B,
    VOUCHER_CORPORATE,
    VOUCHER_EARLY_BIRD,
    VOUCHER_INACTIVE,
    VOUCHER_SPRING_2026,
    RunningSandbox,
    VoucherSpec,
)
from mews_wrapper import AmbiguousMatchError, ForbiddenError, NewVoucherCode, NoMatchError
from tests._api import Api, ApiFactory
from tests.conftest import SandboxFactory

pytestmark = pytest.mark.anyio

DEMO_VOUCHERS = {VOUCHER_A, VOUCHER_CORPORATE, VOUCHER_EARLY_BIRD, VOUCHER_INACTIVE, VOUCHER_SPRING_2026}


async def test_the_walk_from_the_demo_tokens_reaches_every_code_of_every_voucher(api: Api) -> None:
    await api.add([NewVoucherCode(VOUCHER_A, f"WALK-{n}") for n in range(3)])
    await api.add([NewVoucherCode(VOUCHER_EARLY_BIRD, "EARLY-1")])
    services = await api.services()
    vouchers = await api.vouchers([service.id for service in services])
    codes = await api.get_all([voucher.id for voucher in vouchers])
    assert {service.name for service in services} == {"Accommodation", "Breakfast"}
    assert {str(voucher.id) for voucher in vouchers} == DEMO_VOUCHERS
    assert sorted(code.value or "" for code in codes) == ["EARLY-1", "WALK-0", "WALK-1", "WALK-2"]
    by_voucher = {voucher.id: voucher.name for voucher in vouchers}
    assert {by_voucher[code.voucher_id] for code in codes} == {"Summer sale", "Early bird"}


async def test_vouchers_without_service_ids_read_the_services_first_and_say_so(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="mews_wrapper")
    vouchers = await api.vouchers()
    assert {str(voucher.id) for voucher in vouchers} == DEMO_VOUCHERS
    assert api.paths == ["services/getAll", "vouchers/getAll"]
    assert "no service_ids given: read services/getAll, 2 services" in caplog.text
    sent = json.loads(api.requests[1].content)
    assert sorted(sent["ServiceIds"]) == sorted([SERVICE_A, SERVICE_A_BREAKFAST])
    assert sent["Extent"] == {"Vouchers": True, "VoucherAssignments": False, "Rates": False}


async def test_a_service_is_typed_named_and_kept_whole(api: Api) -> None:
    services = {str(service.id): service for service in await api.services()}
    accommodation, breakfast = services[SERVICE_A], services[SERVICE_A_BREAKFAST]
    assert (accommodation.name, accommodation.type, accommodation.names["cs-CZ"]) == (
        "Accommodation",
        "Bookable",
        "Ubytování",
    )
    assert accommodation.data["TimeUnitPeriod"] == "Day"
    assert (breakfast.type, breakfast.ordering) == ("Additional", 1)
    assert accommodation.created_utc is not None
    assert accommodation.created_utc.tzinfo is not None
    assert [service.name for service in await api.services(service_type="Additional")] == ["Breakfast"]
    assert [str(service.id) for service in await api.services(service_ids=[SERVICE_A])] == [SERVICE_A]


async def test_vouchers_by_activity_and_with_their_rates(api: Api) -> None:
    assert [voucher.name for voucher in await api.vouchers(active=False)] == ["Winter 2025"]
    assert VOUCHER_INACTIVE not in {str(voucher.id) for voucher in await api.vouchers(active=True)}
    plain = {str(voucher.id): voucher for voucher in await api.vouchers([SERVICE_A])}
    rated = {str(voucher.id): voucher for voucher in await api.vouchers([SERVICE_A], with_rates=True)}
    assert plain[VOUCHER_A].rate_ids is None
    assert len(rated[VOUCHER_A].rate_ids or ()) == 1
    assert rated[VOUCHER_EARLY_BIRD].rate_ids == ()
    assert (plain[VOUCHER_CORPORATE].type, plain[VOUCHER_INACTIVE].is_active) == ("PartnerCompany", False)


async def test_vouchers_holding_a_code_value(api: Api) -> None:
    await api.add([NewVoucherCode(VOUCHER_EARLY_BIRD, "ONLY-HERE")])
    found = await api.vouchers([SERVICE_A], code_values=["ONLY-HERE", "NOWHERE"])
    assert [str(voucher.id) for voucher in found] == [VOUCHER_EARLY_BIRD]


async def test_find_names_the_one_voucher_or_says_why_not(api: Api) -> None:
    assert str((await api.find_voucher("Summer sale")).id) == VOUCHER_A
    assert str((await api.find_voucher("  summer SALE ")).id) == VOUCHER_A  # case and spaces, when nothing is exact
    with pytest.raises(NoMatchError, match=r"no voucher is called 'Sumer sale'; did you mean 'Summer sale'\?"):
        await api.find_voucher("Sumer sale")


async def test_find_lists_every_voucher_of_an_ambiguous_name(
    make_api: ApiFactory, sandbox_factory: SandboxFactory
) -> None:
    twin = str(uuid.UUID(int=77, version=4))
    sandbox = sandbox_factory(
        vouchers={
            VOUCHER_A: VoucherSpec(ENTERPRISE_A, SERVICE_A, "Deal"),
            twin: VoucherSpec(ENTERPRISE_A, SERVICE_A, "Deal"),
        }
    )
    api = make_api(sandbox.url)
    with pytest.raises(AmbiguousMatchError) as several:
        await api.find_voucher("Deal")
    assert {str(voucher.id) for voucher in several.value.matches} == {VOUCHER_A, twin}
    assert VOUCHER_A in str(several.value)
    assert twin in str(several.value)


async def test_a_portfolio_token_walks_both_enterprises_and_no_further(
    make_api: ApiFactory, sandbox: RunningSandbox
) -> None:
    api = make_api(sandbox.url, portfolio=True)
    services = await api.services()
    assert {str(service.enterprise_id) for service in services} == {ENTERPRISE_A, ENTERPRISE_B}
    vouchers = await api.vouchers()
    assert VOUCHER_B in {str(voucher.id) for voucher in vouchers}
    only_b = await api.vouchers(enterprise_ids=[ENTERPRISE_B])
    assert [str(voucher.id) for voucher in only_b] == [VOUCHER_B]
    assert api.paths[-2:] == ["services/getAll", "vouchers/getAll"]
    assert json.loads(api.requests[-2].content)["EnterpriseIds"] == [ENTERPRISE_B]
    with pytest.raises(ForbiddenError, match="outside the scope"):
        await api.services(enterprise_ids=[str(uuid.UUID(int=99, version=4))])
    assert [str(service.id) for service in await api.services(enterprise_ids=[ENTERPRISE_B])] == [SERVICE_B]


async def test_many_services_and_vouchers_page_to_the_end(
    make_api: ApiFactory, sandbox_factory: SandboxFactory
) -> None:
    vouchers = {str(uuid.UUID(int=1000 + n, version=4)): ENTERPRISE_A for n in range(25)}
    sandbox = sandbox_factory(vouchers=vouchers)
    api = make_api(sandbox.url)
    found = await api.vouchers([SERVICE_A], page_size=10)
    assert sorted(str(voucher.id) for voucher in found) == sorted(vouchers)
    assert api.paths == ["vouchers/getAll"] * 3
