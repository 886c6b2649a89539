"""Every answer body Mews' own document allows is read, or refused with `MewsResponseError`: never another exception.

Bodies are generated from `contracts/mews-connector-openapi.yaml` (Mews' published schemas) for every operation the
client reads, served by a MockTransport (a narrow, in-memory case: the reader alone is under test), and read by the
public API. A refusal names the operation and the Mews request id of the answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mews_wrapper import MewsClient, MewsError, MewsResponseError
from tests.spec._openapi_bodies import bodies, resolve

MEWS = yaml.safe_load((Path(__file__).parents[2] / "contracts" / "mews-connector-openapi.yaml").read_text("utf-8"))
SERVICE = "bd26d8db-86da-4f96-9efc-e5a4654a4a94"
VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
REQUEST_ID = "6f1c2f2e-1111-4222-8333-944455556666"


def _answer_schema(operation: str) -> dict[str, Any]:
    post = MEWS["paths"][f"/api/connector/v1/{operation}"]["post"]
    return resolve(MEWS, post["responses"]["200"]["content"]["application/json"]["schema"])


READS = {
    "voucherCodes/getAll": lambda client: list(client.voucher_codes.get_all([VOUCHER])),
    "services/getAll": lambda client: list(client.services.get_all()),
    "vouchers/getAll": lambda client: list(client.vouchers.get_all([SERVICE], with_rates=True)),
    "rates/getAll": lambda client: list(client.rates.get_all([SERVICE])),
    "enterprises/getAll": lambda client: list(client.enterprises.get_all()),
}


def _client(body: Any) -> MewsClient:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body, headers={"Request-Id": REQUEST_ID})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    return MewsClient(
        "client-token",
        "access-token",
        platform_url="https://api.mews.com",
        rate_limit=None,
        http_client=http,
        max_retries=0,
    )


@pytest.mark.parametrize("operation", sorted(READS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_a_body_mews_schema_allows_is_read_or_refused_as_a_mews_response_error(
    operation: str, data: st.DataObject
) -> None:
    body = data.draw(bodies(MEWS, _answer_schema(operation)))
    with _client(body) as client:
        refusal = _refusal(operation, client)
    if isinstance(refusal, MewsResponseError):
        assert operation in str(refusal), refusal
        assert refusal.request_id == REQUEST_ID
    elif refusal is not None and not isinstance(refusal, MewsError):
        pytest.fail(f"{operation}: {type(refusal).__name__}: {refusal} for {json.dumps(body)[:2000]}")


def _refusal(operation: str, client: MewsClient) -> BaseException | None:
    try:
        READS[operation](client)
    except Exception as error:
        return error
    return None


@pytest.mark.parametrize(
    ("shape", "words"),
    [
        ({"VoucherAssignments": [{"VoucherId": VOUCHER}]}, None),  # read: a pair without a rate assigns nothing
        ({"Vouchers": [{"Name": None}]}, "Name is missing"),
        ({"Vouchers": [{"Id": None}]}, "Vouchers[0]: Id is missing or null"),
    ],
)
def test_a_voucher_page_mews_allows_is_read_and_a_broken_one_names_the_field(
    shape: dict[str, Any], words: str | None
) -> None:
    voucher = {"Id": VOUCHER, "ServiceId": SERVICE, "EnterpriseId": SERVICE, "Name": "Summer", "Type": "Public"}
    voucher |= {"CreatedUtc": "2026-01-01T00:00:00Z", "UpdatedUtc": "2026-01-01T00:00:00Z", "IsActive": True}
    body = {
        "Vouchers": [voucher | shape.get("Vouchers", [{}])[0]],
        "VoucherAssignments": shape.get("VoucherAssignments"),
    }
    with _client(body) as client:
        if words is None:
            assert [found.rate_ids for found in client.vouchers.get_all([SERVICE], with_rates=True)] == [()]
            return
        with pytest.raises(MewsResponseError, match=words.replace("[", r"\[").replace("]", r"\]")) as refused:
            list(client.vouchers.get_all([SERVICE]))
        assert refused.value.request_id == REQUEST_ID


def test_a_service_whose_data_has_no_discriminator_is_read() -> None:
    service = {"Id": SERVICE, "EnterpriseId": VOUCHER, "IsActive": True, "Name": "Spa", "Names": {}, "Ordering": 0}
    service |= {"Options": {"BillAsPackage": False}, "Data": {}, "CreatedUtc": "2026-01-01T00:00:00Z"}
    service |= {"UpdatedUtc": "2026-01-01T00:00:00Z"}
    with _client({"Services": [service]}) as client:
        assert [(found.name, found.type) for found in client.services.get_all()] == [("Spa", None)]
