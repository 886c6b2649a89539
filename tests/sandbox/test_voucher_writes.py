"""The sandbox's vouchers/add, update and delete over real HTTP: Mews' rules, all or none, kept across a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from mews_sandbox import (
    DEMO_RATE,
    ENTERPRISE_A,
    ENTERPRISE_B,
    RATE_B,
    RATE_BREAKFAST_INCLUDED,
    RATE_NON_REFUNDABLE,
    SERVICE_A,
    SERVICE_B,
    VOUCHER_A,
    RunningSandbox,
    SandboxConfig,
    VoucherSpec,
    run_sandbox,
)
from tests.sandbox._http import body

API = "/api/connector/v1/"
COMPANY = "c6f5c82d-621a-4c8a-903b-1b0a9a23b71f"


def call(url: str, operation: str, *, portfolio: bool = False, **fields: Any) -> httpx.Response:
    return httpx.post(url + API + operation, json=body(portfolio=portfolio, **fields), timeout=10)


def added(url: str, *vouchers: dict[str, Any], **fields: Any) -> list[dict[str, Any]]:
    response = call(url, "vouchers/add", VoucherParameters=list(vouchers), **fields)
    assert response.status_code == 200, response.text
    made: list[dict[str, Any]] = response.json()["Vouchers"]
    return made


def read(url: str, voucher_id: str, **fields: Any) -> tuple[dict[str, Any], list[str]]:
    response = call(
        url,
        "vouchers/getAll",
        ServiceIds=[SERVICE_A],
        VoucherIds=[voucher_id],
        Extent={"Vouchers": True, "VoucherAssignments": True},
        Limitation={"Count": 10},
        **fields,
    )
    assert response.status_code == 200, response.text
    page = response.json()
    return page["Vouchers"][0], [pair["RateId"] for pair in page["VoucherAssignments"]]


def refused(response: httpx.Response, field: str) -> str:
    assert response.status_code == 400, response.text
    assert response.json()["Details"]["Field"] == field
    message: str = response.json()["Message"]
    return message


def test_add_answers_in_the_order_sent_and_the_vouchers_are_readable_with_their_rates(sandbox: RunningSandbox) -> None:
    first, second = added(
        sandbox.url,
        {
            "ServiceId": SERVICE_A,
            "Name": "Autumn",
            "Type": "Public",
            "AssignedRateIds": [DEMO_RATE, RATE_NON_REFUNDABLE],
        },
        {
            "ServiceId": SERVICE_A,
            "Name": "Agency deal",
            "Type": "TravelAgency",
            "CompanyId": COMPANY,
            "OccupiableIntervalStartUtc": "2026-09-01T00:00:00Z",
            "OccupiableIntervalEndUtc": "2026-10-01T00:00:00Z",
            "ExternalIdentifier": "CRM-7",
        },
    )
    assert (first["Name"], second["Name"]) == ("Autumn", "Agency deal")
    assert (second["CompanyId"], second["TravelAgencyId"], second["ExternalIdentifier"]) == (COMPANY, COMPANY, "CRM-7")
    voucher, rates = read(sandbox.url, first["Id"])
    assert voucher == first
    assert rates == [DEMO_RATE, RATE_NON_REFUNDABLE]
    assert read(sandbox.url, second["Id"])[0]["OccupiableIntervalEndUtc"] == "2026-10-01T00:00:00Z"


@pytest.mark.parametrize(
    ("voucher", "field"),
    [
        ({"ServiceId": SERVICE_B, "Name": "X", "Type": "Public"}, "VoucherParameters[0].ServiceId"),
        ({"ServiceId": SERVICE_A, "Name": "", "Type": "Public"}, "VoucherParameters[0].Name"),
        ({"ServiceId": SERVICE_A, "Name": "X" * 129, "Type": "Public"}, "VoucherParameters[0].Name"),
        ({"ServiceId": SERVICE_A, "Name": "X", "Type": "Hotel"}, "VoucherParameters[0].Type"),
        ({"ServiceId": SERVICE_A, "Name": "X", "Type": "PartnerCompany"}, "VoucherParameters[0].CompanyId"),
        ({"ServiceId": SERVICE_A, "Name": "X", "Type": "Public", "AssignedRateIds": [RATE_B]},
         "VoucherParameters[0].AssignedRateIds"),
        ({"ServiceId": SERVICE_A, "Name": "X", "Type": "Public", "AssignedRateIds": [DEMO_RATE, DEMO_RATE]},
         "VoucherParameters[0].AssignedRateIds"),
        ({"ServiceId": SERVICE_A, "Name": "X", "Type": "Public", "ExternalIdentifier": "E" * 256},
         "VoucherParameters[0].ExternalIdentifier"),
        ({"ServiceId": SERVICE_A, "Name": "X", "Type": "Public", "OccupiableIntervalStartUtc": "2026-02-01T00:00:00Z",
          "OccupiableIntervalEndUtc": "2026-01-01T00:00:00Z"}, "VoucherParameters[0]"),
        ({"ServiceId": SERVICE_A, "Name": "X", "Type": "Public", "Colour": "red"}, "VoucherParameters[0].Colour"),
    ],
)  # fmt: skip
def test_add_refuses_what_mews_refuses_and_adds_nothing(
    sandbox: RunningSandbox, voucher: dict[str, Any], field: str
) -> None:
    good = {"ServiceId": SERVICE_A, "Name": "Fine", "Type": "Public"}
    refused(call(sandbox.url, "vouchers/add", VoucherParameters=[good, voucher]), field.replace("[0]", "[1]"))
    assert sandbox.state.store.vouchers.count() == len(sandbox.state.config.voucher_specs)


def test_add_takes_at_most_ten_rates_and_a_thousand_vouchers(sandbox: RunningSandbox) -> None:
    eleven = [DEMO_RATE] * 11
    too_many = {"ServiceId": SERVICE_A, "Name": "X", "Type": "Public", "AssignedRateIds": eleven}
    assert "at most 10" in refused(
        call(sandbox.url, "vouchers/add", VoucherParameters=[too_many]), "VoucherParameters[0].AssignedRateIds"
    )
    many = [{"ServiceId": SERVICE_A, "Name": f"V{n}", "Type": "Public"} for n in range(1001)]
    refused(call(sandbox.url, "vouchers/add", VoucherParameters=many), "VoucherParameters")


def test_a_portfolio_add_needs_its_enterprise_and_lands_there(sandbox: RunningSandbox) -> None:
    voucher = {"ServiceId": SERVICE_B, "Name": "Budapest deal", "Type": "Public", "AssignedRateIds": [RATE_B]}
    refused(call(sandbox.url, "vouchers/add", portfolio=True, VoucherParameters=[voucher]), "EnterpriseId")
    [made] = added(sandbox.url, voucher, portfolio=True, EnterpriseId=ENTERPRISE_B)
    assert made["EnterpriseId"] == ENTERPRISE_B


def test_update_changes_only_the_wrapped_fields_clears_on_null_and_replaces_the_rates(sandbox: RunningSandbox) -> None:
    [made] = added(
        sandbox.url,
        {"ServiceId": SERVICE_A, "Name": "Winter", "Type": "Public", "AssignedRateIds": [DEMO_RATE],
         "ExternalIdentifier": "CRM-1", "OccupiableIntervalStartUtc": "2026-12-01T00:00:00Z"},
    )  # fmt: skip
    update = {
        "VoucherId": made["Id"],
        "Name": {"Value": "Winter 2026"},
        "ExternalIdentifier": {"Value": None},
        "OccupiableIntervalStartUtc": None,  # a null wrapper: unchanged
        "AssignedRateIds": {"Value": [RATE_BREAKFAST_INCLUDED, RATE_NON_REFUNDABLE]},
    }
    response = call(sandbox.url, "vouchers/update", VoucherUpdates=[update])
    assert response.status_code == 200, response.text
    [changed] = response.json()["Vouchers"]
    assert (changed["Name"], changed["ExternalIdentifier"]) == ("Winter 2026", None)
    assert changed["OccupiableIntervalStartUtc"] == "2026-12-01T00:00:00Z"
    assert changed["UpdatedUtc"] > made["UpdatedUtc"]
    assert read(sandbox.url, made["Id"]) == (changed, [RATE_BREAKFAST_INCLUDED, RATE_NON_REFUNDABLE])
    cleared = call(sandbox.url, "vouchers/update", VoucherUpdates=[{"VoucherId": made["Id"], "AssignedRateIds": {}}])
    assert read(sandbox.url, cleared.json()["Vouchers"][0]["Id"])[1] == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"Name": {"Value": None}}, "VoucherUpdates[0].Name.Value"),
        ({"Name": {"Value": "X", "Colour": "red"}}, "VoucherUpdates[0].Name.Colour"),
        ({"Name": "plain text"}, "VoucherUpdates[0].Name"),
        ({"Type": {"Value": "PartnerCompany"}}, "VoucherUpdates[0].CompanyId"),
        ({"AssignedRateIds": {"Value": [RATE_B]}}, "VoucherUpdates[0].AssignedRateIds.Value"),
        ({"VoucherId": "6a1f0000-0000-4000-8000-000000000000"}, "VoucherUpdates"),
    ],
)
def test_update_refuses_what_mews_refuses_and_changes_nothing(
    sandbox: RunningSandbox, change: dict[str, Any], field: str
) -> None:
    before = read(sandbox.url, VOUCHER_A)
    response = call(sandbox.url, "vouchers/update", VoucherUpdates=[{"VoucherId": VOUCHER_A, **change}])
    refused(response, field)
    assert read(sandbox.url, VOUCHER_A) == before


def test_update_refuses_a_voucher_twice_in_one_request(sandbox: RunningSandbox) -> None:
    twice = [{"VoucherId": VOUCHER_A, "Name": {"Value": "A"}}, {"VoucherId": VOUCHER_A, "Name": {"Value": "B"}}]
    refused(call(sandbox.url, "vouchers/update", VoucherUpdates=twice), "VoucherUpdates[1].VoucherId")


def test_delete_keeps_the_voucher_readable_as_deleted_and_leaves_its_codes(sandbox: RunningSandbox) -> None:
    [made] = added(sandbox.url, {"ServiceId": SERVICE_A, "Name": "Short-lived", "Type": "Public"})
    code = httpx.post(
        sandbox.url + API + "voucherCodes/add",
        json=body(VoucherCodeParameters=[{"VoucherId": made["Id"], "Value": "SHORT-1"}]),
        timeout=10,
    )
    assert code.status_code == 200
    unknown = "6a1f0000-0000-4000-8000-000000000000"
    refused(call(sandbox.url, "vouchers/delete", VoucherIds=[made["Id"], unknown]), "VoucherIds")
    assert read(sandbox.url, made["Id"])[0]["IsActive"] is True  # all or none
    deleted = call(sandbox.url, "vouchers/delete", VoucherIds=[made["Id"]])
    assert (deleted.status_code, deleted.json()) == (200, {})
    voucher, _ = read(sandbox.url, made["Id"], ActivityStates=["Deleted"])
    assert (voucher["IsActive"], voucher["ActivityState"]) == (False, "Deleted")
    assert sandbox.state.store.active_values([(made["Id"], "SHORT-1")])  # the code is still active
    again = call(sandbox.url, "vouchers/update", VoucherUpdates=[{"VoucherId": made["Id"], "Name": {"Value": "Z"}}])
    assert "deleted" in refused(again, "VoucherUpdates[0].VoucherId")


def test_vouchers_made_by_calls_survive_a_restart_on_the_same_database(tmp_path: Path) -> None:
    database = str(tmp_path / "state.sqlite3")
    with run_sandbox(SandboxConfig(db_path=database, seed=7)) as sandbox:
        [made] = added(sandbox.url, {"ServiceId": SERVICE_A, "Name": "Kept", "Type": "Public"})
        call(sandbox.url, "vouchers/update", VoucherUpdates=[{"VoucherId": VOUCHER_A, "Name": {"Value": "Renamed"}}])
    with run_sandbox(SandboxConfig(db_path=database, seed=7)) as sandbox:
        assert read(sandbox.url, made["Id"])[0] == made
        assert read(sandbox.url, VOUCHER_A)[0]["Name"] == "Renamed"  # the configured one is not seeded over it
        [later] = added(sandbox.url, {"ServiceId": SERVICE_A, "Name": "Later", "Type": "Public"})
        assert later["Id"] != made["Id"]
        assert later["CreatedUtc"] > made["CreatedUtc"]
        assert later["EnterpriseId"] == ENTERPRISE_A


def test_pages_of_vouchers_cross_the_tables_reading_chunks_without_losing_or_repeating_one(
    sandbox_factory: Any,
) -> None:
    ids = [f"00000000-0000-4000-8000-{number:012d}" for number in range(5000)]
    many = {
        voucher: VoucherSpec(ENTERPRISE_A, SERVICE_A, f"V{n}", is_active=n % 2 == 0) for n, voucher in enumerate(ids)
    }
    sandbox = sandbox_factory(vouchers=many)
    seen: list[str] = []
    cursor = None
    sizes = []
    while True:  # every page of 999 active ones reads about 2,000 rows: the table's chunks of 1,000 are crossed
        response = call(
            sandbox.url,
            "vouchers/getAll",
            ServiceIds=[SERVICE_A],
            ActivityStates=["Active"],
            Extent={"Vouchers": True},
            Limitation={"Count": 999, "Cursor": cursor},
        )
        page = response.json()["Vouchers"]
        sizes.append(len(page))
        seen += [voucher["Id"] for voucher in page]
        if len(page) < 999:
            break
        cursor = response.json()["Cursor"]
    assert sizes == [999, 999, 502]
    assert seen == [voucher for voucher in reversed(ids) if int(voucher[-12:]) % 2 == 0]  # newest first, each once
