"""The sandbox's services and vouchers pages at their bounds (#27 item 20): a page holds exactly `Count` items, and an
item updated exactly at an interval's start is in it (the start is inclusive, the end exclusive)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from mews_sandbox import SERVICE_A, RunningSandbox
from tests.sandbox._http import body

OPERATIONS = {
    "services": ("Services", {}),
    "vouchers": ("Vouchers", {"ServiceIds": [SERVICE_A], "Extent": {"Vouchers": True}}),
}


def _get_all(url: str, resource: str, **fields: Any) -> list[dict[str, Any]]:
    key, required = OPERATIONS[resource]
    response = httpx.post(f"{url}/api/connector/v1/{resource}/getAll", json=body(**required, **fields), timeout=10)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()[key]
    return items


@pytest.mark.parametrize("resource", sorted(OPERATIONS))
def test_a_page_holds_exactly_count_items(sandbox: RunningSandbox, resource: str) -> None:
    every = _get_all(sandbox.url, resource, Limitation={"Count": 1000})
    assert len(every) >= 2
    for count in (1, len(every) - 1):
        assert len(_get_all(sandbox.url, resource, Limitation={"Count": count})) == count


@pytest.mark.parametrize("resource", sorted(OPERATIONS))
def test_an_item_updated_exactly_at_the_start_is_in_the_interval(sandbox: RunningSandbox, resource: str) -> None:
    every = _get_all(sandbox.url, resource, Limitation={"Count": 1000})
    first = min(every, key=lambda item: item["UpdatedUtc"])
    start = dt.datetime.fromisoformat(first["UpdatedUtc"])
    window = {"StartUtc": first["UpdatedUtc"], "EndUtc": _text(start + dt.timedelta(days=30))}
    found = _get_all(sandbox.url, resource, Limitation={"Count": 1000}, UpdatedUtc=window)
    assert first["Id"] in {item["Id"] for item in found}
    before = {"StartUtc": _text(start - dt.timedelta(days=30)), "EndUtc": first["UpdatedUtc"]}
    assert first["Id"] not in {
        item["Id"] for item in _get_all(sandbox.url, resource, Limitation={"Count": 1000}, UpdatedUtc=before)
    }


def _text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


@pytest.mark.parametrize(
    ("extent", "status"),
    [
        ({"Rates": True, "AvailabilityBlockAssignments": False}, 200),
        ({"Rates": None}, 200),  # Rates and RateGroups are nullable booleans
        ({"AvailabilityBlockAssignments": None}, 400),  # not nullable in Mews' document
        ({"AvailabilityBlockAssignments": {}}, 400),  # Schemathesis by Mews' document found this one accepted
    ],
)
def test_a_rates_extent_is_checked_as_mews_documents_it(
    sandbox: RunningSandbox, extent: dict[str, Any], status: int
) -> None:
    fields = {"ServiceIds": [SERVICE_A], "Limitation": {"Count": 5}, "Extent": extent, "ExternalIdentifiers": []}
    response = httpx.post(f"{sandbox.url}/api/connector/v1/rates/getAll", json=body(**fields), timeout=10)
    assert response.status_code == status, response.text  # an empty ExternalIdentifiers is allowed (no minimum)
