"""The generated client reads every documented example and writes requests the spec accepts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from mews_connector_client.models import (
    ActivityStateEnum,
    Limitation,
    MultipleVoucherCodeAddParameters,
    MultipleVoucherCodeDeleteParameters,
    TimeFilterInterval,
    Unit,
    VoucherCodeAddParameters,
    VoucherCodeFilterParameters,
    VoucherCodeResult,
)

from tests.spec.test_openapi_spec import EXAMPLES, REQUEST_SCHEMAS, RESPONSE_SCHEMAS, errors

MODELS: dict[str, Any] = {
    "VoucherCodeFilterParameters": VoucherCodeFilterParameters,
    "MultipleVoucherCodeAddParameters": MultipleVoucherCodeAddParameters,
    "MultipleVoucherCodeDeleteParameters": MultipleVoucherCodeDeleteParameters,
    "VoucherCodeResult": VoucherCodeResult,
    "Unit": Unit,
}


@pytest.mark.parametrize("operation", ["getAll", "add", "delete"])
@pytest.mark.parametrize("direction", ["request", "response"])
def test_documented_examples_round_trip_through_the_models(operation: str, direction: str) -> None:
    schema = (REQUEST_SCHEMAS if direction == "request" else RESPONSE_SCHEMAS)[operation]
    example = EXAMPLES[f"{operation}.{direction}"]
    written = MODELS[schema].from_dict(example).to_dict()
    assert written == example
    assert errors(schema, written) == []


def test_response_example_reads_into_typed_values() -> None:
    result = VoucherCodeResult.from_dict(EXAMPLES["getAll.response"])
    first, second = result.voucher_codes
    assert first.id == uuid.UUID("8c364829-c7ae-4972-b67f-93ea704d7228")
    assert first.validity_start_utc is None
    assert first.activity_state is ActivityStateEnum.ACTIVE
    assert second.created_utc == dt.datetime(2023, 10, 9, 15, 8, 14, tzinfo=dt.UTC)


def test_unknown_fields_are_kept() -> None:
    body = {"VoucherCodes": [], "Cursor": None, "Future": 1}
    result = VoucherCodeResult.from_dict(body)
    assert result.additional_properties == {"Future": 1}
    assert result.to_dict() == body


def test_built_request_writes_utc_datetimes_with_z_and_validates() -> None:
    cet = dt.timezone(dt.timedelta(hours=1))
    body = VoucherCodeFilterParameters(
        client_token="c",
        access_token="a",
        client="mews-wrapper test",
        limitation=Limitation(count=100, cursor=uuid.UUID("8c364829-c7ae-4972-b67f-93ea704d7228")),
        voucher_ids=[uuid.UUID("fe568bbd-1ecb-4bb2-bf77-96c3698de20d")],
        updated_utc=TimeFilterInterval(
            start_utc=dt.datetime(2023, 10, 10, 1, 0, tzinfo=cet),
            end_utc=dt.datetime(2023, 10, 17, tzinfo=dt.UTC),
        ),
    ).to_dict()
    assert body["UpdatedUtc"] == {"StartUtc": "2023-10-10T00:00:00Z", "EndUtc": "2023-10-17T00:00:00Z"}
    assert errors("VoucherCodeFilterParameters", body) == []
    add = MultipleVoucherCodeAddParameters(
        client_token="c",
        access_token="a",
        client="x",
        voucher_code_parameters=[VoucherCodeAddParameters(voucher_id=uuid.uuid4(), value="SUMMER-2026")],
    ).to_dict()
    assert errors("MultipleVoucherCodeAddParameters", add) == []
    assert "EnterpriseId" not in add
