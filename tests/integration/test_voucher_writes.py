"""`vouchers.add`, `update`, `delete` against the sandbox, sync and async: the wire form, chunks, accounting."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from mews_sandbox import (
    DEMO_RATE,
    ENTERPRISE_B,
    RATE_B,
    RATE_BREAKFAST_INCLUDED,
    RATE_NON_REFUNDABLE,
    SERVICE_A,
    SERVICE_B,
    VOUCHER_A,
    RunningSandbox,
)
from mews_wrapper import (
    UNCHANGED,
    BadRequestError,
    BatchError,
    MewsValidationError,
    NewVoucher,
    NewVoucherCode,
    ServerError,
    VoucherUpdate,
)
from tests._api import Api, ApiFactory

pytestmark = pytest.mark.anyio


def sent_body(api: Api) -> dict[str, object]:
    body: dict[str, object] = json.loads(api.requests[-1].content)
    return body


async def test_a_voucher_is_made_with_its_rates_renamed_given_other_rates_and_retired(api: Api) -> None:
    start = dt.datetime(2026, 6, 1, 12, 30, 15, 500, tzinfo=dt.UTC)
    [made] = await api.add_vouchers(
        [NewVoucher(SERVICE_A, "Summer 2026", rate_ids=[DEMO_RATE, RATE_BREAKFAST_INCLUDED], stay_start_utc=start)]
    )
    assert (made.name, made.type, made.is_active, made.rate_ids) == ("Summer 2026", "Public", True, None)
    assert made.stay_start_utc == dt.datetime(2026, 6, 1, 12, 30, 15, tzinfo=dt.UTC)  # whole seconds, rounded down
    [read] = await api.vouchers(voucher_ids=[made.id], with_rates=True)
    assert read.rate_ids == (uuid.UUID(DEMO_RATE), uuid.UUID(RATE_BREAKFAST_INCLUDED))
    [renamed] = await api.update_vouchers(
        [VoucherUpdate(made.id, name="Summer 2026 (EU)", rate_ids=[RATE_NON_REFUNDABLE], stay_start_utc=None)]
    )
    assert (renamed.name, renamed.stay_start_utc) == ("Summer 2026 (EU)", None)
    [read] = await api.vouchers(voucher_ids=[made.id], with_rates=True)
    assert read.rate_ids == (uuid.UUID(RATE_NON_REFUNDABLE),)
    await api.delete_vouchers([made.id])
    [gone] = await api.vouchers(voucher_ids=[made.id], active=False)
    assert not gone.is_active
    assert api.paths == [
        "vouchers/add",
        "services/getAll",
        "vouchers/getAll",
        "vouchers/update",
        "services/getAll",
        "vouchers/getAll",
        "vouchers/delete",
        "services/getAll",
        "vouchers/getAll",
    ]


async def test_an_update_sends_a_wrapper_for_each_change_null_to_clear_and_nothing_for_unchanged(api: Api) -> None:
    await api.update_vouchers(
        [VoucherUpdate(VOUCHER_A, name="Summer sale 2026", external_identifier=None, type=UNCHANGED, rate_ids=())]
    )
    [update] = sent_body(api)["VoucherUpdates"]  # type: ignore[misc]
    assert update == {
        "VoucherId": VOUCHER_A,
        "Name": {"Value": "Summer sale 2026"},
        "ExternalIdentifier": {"Value": None},
        "AssignedRateIds": {"Value": []},
    }


async def test_adding_and_removing_one_rate_starts_from_the_set_as_read(api: Api) -> None:
    [voucher] = await api.vouchers(voucher_ids=[VOUCHER_A], with_rates=True)
    await api.update_vouchers([VoucherUpdate.adding_rates(voucher, [RATE_NON_REFUNDABLE, DEMO_RATE])])
    [voucher] = await api.vouchers(voucher_ids=[VOUCHER_A], with_rates=True)
    assert voucher.rate_ids == (uuid.UUID(DEMO_RATE), uuid.UUID(RATE_NON_REFUNDABLE))
    await api.update_vouchers([VoucherUpdate.removing_rates(voucher, [DEMO_RATE])])
    [voucher] = await api.vouchers(voucher_ids=[VOUCHER_A], with_rates=True)
    assert voucher.rate_ids == (uuid.UUID(RATE_NON_REFUNDABLE),)
    [without_rates] = await api.vouchers(voucher_ids=[VOUCHER_A])
    with pytest.raises(MewsValidationError, match="with_rates=True"):
        VoucherUpdate.adding_rates(without_rates, [DEMO_RATE])


async def test_a_thousand_and_one_vouchers_go_in_two_chunks_and_come_back_in_order(api: Api) -> None:
    wanted = [NewVoucher(SERVICE_A, f"Bulk {number:04d}") for number in range(1001)]
    made = await api.add_vouchers(wanted)
    assert [voucher.name for voucher in made] == [voucher.name for voucher in wanted]
    assert api.paths == ["vouchers/add", "vouchers/add"]
    renamed = await api.update_vouchers([VoucherUpdate(voucher.id, name=voucher.name + "!") for voucher in made])
    assert [voucher.id for voucher in renamed] == [voucher.id for voucher in made]
    await api.delete_vouchers([voucher.id for voucher in made])
    assert api.paths[2:] == ["vouchers/update"] * 2 + ["vouchers/delete"] * 2


async def test_a_failed_chunk_is_accounted_for_and_never_retried(make_api: ApiFactory, sandbox: RunningSandbox) -> None:
    api = make_api(sandbox.url, max_concurrency=1)
    wanted = [NewVoucher(SERVICE_A, f"Chunked {number:04d}") for number in range(2500)]
    before = sandbox.state.store.vouchers.count()
    sandbox.faults.add("ok", "500")
    with pytest.raises(BatchError) as batch:
        await api.add_vouchers(wanted)
    error = batch.value
    assert [voucher.name for voucher in error.succeeded] == [voucher.name for voucher in wanted[:1000]]
    assert error.unknown == wanted[1000:2000]
    assert error.failed == wanted[2000:]
    assert isinstance(error.__cause__, ServerError)
    assert api.paths == ["vouchers/add", "vouchers/add"]  # a 500 on a write: its outcome unknown, not retried
    assert sandbox.state.store.vouchers.count() == before + 1000


async def test_mews_refusal_names_the_field_and_nothing_changes(api: Api, sandbox: RunningSandbox) -> None:
    with pytest.raises(BadRequestError, match="AssignedRateIds"):
        await api.add_vouchers([NewVoucher(SERVICE_A, "Wrong rate", rate_ids=[RATE_B])])  # a rate of another service
    with pytest.raises(BadRequestError, match="unknown voucher"):
        await api.update_vouchers([VoucherUpdate(uuid.UUID(int=7), name="Nobody")])
    assert api.paths == ["vouchers/add", "vouchers/update"]


async def test_bad_input_is_refused_before_anything_is_sent(api: Api) -> None:
    with pytest.raises(MewsValidationError, match=r"vouchers\[1\]: .*needs company_id"):
        await api.add_vouchers(
            [NewVoucher(SERVICE_A, "Fine"), {"service_id": SERVICE_A, "name": "Co", "type": "PartnerCompany"}]
        )
    with pytest.raises(MewsValidationError, match="updated twice"):
        await api.update_vouchers([VoucherUpdate(VOUCHER_A, name="A"), VoucherUpdate(VOUCHER_A, name="B")])
    with pytest.raises(MewsValidationError, match="voucher_ids"):
        await api.delete_vouchers(["not-an-id"])
    assert await api.add_vouchers([]) == []
    assert api.requests == []


async def test_a_portfolio_write_needs_an_enterprise_and_goes_to_it(
    make_api: ApiFactory, sandbox: RunningSandbox
) -> None:
    api = make_api(sandbox.url, portfolio=True)
    with pytest.raises(MewsValidationError, match="enterprise_id"):
        await api.add_vouchers([NewVoucher(SERVICE_B, "Budapest")])
    [made] = await api.add_vouchers([NewVoucher(SERVICE_B, "Budapest", rate_ids=[RATE_B])], enterprise_id=ENTERPRISE_B)
    assert str(made.enterprise_id) == ENTERPRISE_B
    assert sent_body(api)["EnterpriseId"] == ENTERPRISE_B
    await api.delete_vouchers([made.id], enterprise_id=ENTERPRISE_B)


async def test_codes_added_to_a_new_voucher_are_found_by_value(api: Api) -> None:
    [made] = await api.add_vouchers([NewVoucher(SERVICE_A, "Traced")])
    await api.add([NewVoucherCode(made.id, "TRACE-ME")])
    [found] = await api.find_codes(["TRACE-ME"])
    assert found.voucher_id == made.id
