"""openapi.yaml: valid OpenAPI, and it accepts every documented example and rejects what the docs forbid."""

from __future__ import annotations

import copy
from typing import Any

import openapi_schema_validator as osv
import pytest
from openapi_spec_validator import validate as validate_spec

from mews_sandbox._rules import MAX_INTERVAL_MONTHS
from mews_wrapper._constants import MAX_WINDOW_MONTHS
from tests.spec._docs import GETALL_PAGE, documented_examples, json_blocks, load_spec

SPEC = load_spec()
EXAMPLES = documented_examples()
PATH = "/api/connector/v1/voucherCodes/{}"

REQUEST_SCHEMAS = {
    "getAll": "VoucherCodeFilterParameters",
    "add": "MultipleVoucherCodeAddParameters",
    "delete": "MultipleVoucherCodeDeleteParameters",
}
RESPONSE_SCHEMAS = {"getAll": "VoucherCodeResult", "add": "VoucherCodeResult", "delete": "Unit"}


def errors(schema_name: str, instance: Any) -> list[str]:
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": SPEC["components"]}
    validator = osv.OAS30Validator(schema, format_checker=osv.OAS30Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(instance)]


def test_spec_is_valid_openapi() -> None:
    validate_spec(SPEC)


def test_getall_reference_page_carries_the_same_examples() -> None:
    assert json_blocks(GETALL_PAGE) == [EXAMPLES["getAll.request"], EXAMPLES["getAll.response"]]


@pytest.mark.parametrize("operation", ["getAll", "add", "delete"])
def test_operation_ids_paths_and_schemas_use_mews_names(operation: str) -> None:
    post = SPEC["paths"][PATH.format(operation)]["post"]
    assert post["operationId"] == f"voucherCodes_{operation}"
    body_schema = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body_schema.endswith("/" + REQUEST_SCHEMAS[operation])
    ok = post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ok.endswith("/" + RESPONSE_SCHEMAS[operation])


@pytest.mark.parametrize("operation", ["getAll", "add", "delete"])
def test_every_documented_status_is_declared(operation: str) -> None:
    responses = SPEC["paths"][PATH.format(operation)]["post"]["responses"]
    errors = {"400", "401", "403", "404", "408", "409", "413", "429", "500", "502", "503", "504"}
    no_content = set() if operation == "add" else {"204"}  # 204 is for an empty getAll page and a delete only
    assert set(responses) == {"200"} | no_content | errors
    assert "content" not in SPEC["components"]["responses"]["NoContent"]
    assert "Retry-After" in SPEC["components"]["responses"]["TooManyRequests"]["headers"]
    for proxied in ("BadGateway", "ServiceUnavailable", "GatewayTimeout"):  # a proxy's own page, or Mews' error
        assert set(SPEC["components"]["responses"][proxied]["content"]) == {"application/json", "text/html"}


def test_prefer_accepts_any_preference_as_rfc_7240_asks() -> None:
    prefer = SPEC["components"]["parameters"]["Prefer"]
    assert prefer["schema"] == {"type": "string"}
    assert "return=minimal" in prefer["description"]


def test_the_three_month_limit_is_stated_where_readers_look_and_is_the_one_client_and_sandbox_apply() -> None:
    updated = SPEC["components"]["schemas"]["VoucherCodeFilterParameters"]["properties"]["UpdatedUtc"]
    assert updated["x-max-interval-in-months"] == 3
    assert MAX_WINDOW_MONTHS == MAX_INTERVAL_MONTHS == updated["x-max-interval-in-months"]
    assert "at most 3 calendar months" in updated["description"]
    assert "3 calendar months" in SPEC["components"]["responses"]["BadRequest"]["description"]


@pytest.mark.parametrize("operation", ["getAll", "add", "delete"])
def test_spec_examples_are_the_documented_ones_verbatim(operation: str) -> None:
    post = SPEC["paths"][PATH.format(operation)]["post"]
    assert post["requestBody"]["content"]["application/json"]["example"] == EXAMPLES[f"{operation}.request"]
    assert post["responses"]["200"]["content"]["application/json"]["example"] == EXAMPLES[f"{operation}.response"]


@pytest.mark.parametrize("operation", ["getAll", "add", "delete"])
def test_documented_examples_validate(operation: str) -> None:
    assert errors(REQUEST_SCHEMAS[operation], EXAMPLES[f"{operation}.request"]) == []
    assert errors(RESPONSE_SCHEMAS[operation], EXAMPLES[f"{operation}.response"]) == []


def test_error_body_accepts_any_details() -> None:
    for details in (None, "text", 3, [1, "a"], {"Field": "Value"}):
        assert errors("ConnectorApiExceptionResult", {"Message": "m", "RequestId": "r", "Details": details}) == []


def test_response_with_isactive_and_cursor_validates() -> None:
    body = copy.deepcopy(EXAMPLES["getAll.response"])
    body["VoucherCodes"][0]["IsActive"] = True
    body["Cursor"] = body["VoucherCodes"][-1]["Id"]
    assert errors("VoucherCodeResult", body) == []


def _many_ids(count: int) -> list[str]:
    return [f"00000000-0000-4000-8000-{number:012d}" for number in range(count)]


def _mutated(example: str, change: Any) -> Any:
    body = copy.deepcopy(EXAMPLES[example])
    change(body)
    return body


INVALID = {
    "1001 VoucherIds": ("getAll", lambda b: b.update(VoucherIds=_many_ids(1001))),
    "1001 EnterpriseIds": ("getAll", lambda b: b.update(EnterpriseIds=_many_ids(1001))),
    "1001 VoucherCodeIds": ("getAll", lambda b: b.update(VoucherCodeIds=_many_ids(1001))),
    "empty VoucherIds": ("getAll", lambda b: b.update(VoucherIds=[])),
    "missing VoucherIds": ("getAll", lambda b: b.pop("VoucherIds")),
    "missing Limitation": ("getAll", lambda b: b.pop("Limitation")),
    "Count 0": ("getAll", lambda b: b["Limitation"].update(Count=0)),
    "Count 1001": ("getAll", lambda b: b["Limitation"].update(Count=1001)),
    "malformed voucher id": ("getAll", lambda b: b.update(VoucherIds=["fe568bbd-1ecb-4bb2-bf77"])),
    "malformed cursor": ("getAll", lambda b: b["Limitation"].update(Cursor="not-a-uuid")),
    "malformed StartUtc": ("getAll", lambda b: b["UpdatedUtc"].update(StartUtc="10/10/2023")),
    "empty ClientToken": ("getAll", lambda b: b.update(ClientToken="")),
    "empty AccessToken": ("add", lambda b: b.update(AccessToken="")),
    "empty Client": ("delete", lambda b: b.update(Client="")),
    "Value of 129 characters": ("add", lambda b: b["VoucherCodeParameters"][0].update(Value="x" * 129)),
    "empty Value": ("add", lambda b: b["VoucherCodeParameters"][0].update(Value="")),
    "missing Value": ("add", lambda b: b["VoucherCodeParameters"][0].pop("Value")),
    "1001 codes to add": ("add", lambda b: b.update(VoucherCodeParameters=b["VoucherCodeParameters"][:1] * 1001)),
    "no codes to add": ("add", lambda b: b.update(VoucherCodeParameters=[])),
    "malformed EnterpriseId": ("add", lambda b: b.update(EnterpriseId="3fa85f64")),
    "1001 ids to delete": ("delete", lambda b: b.update(VoucherCodeIds=_many_ids(1001))),
    "missing VoucherCodeIds": ("delete", lambda b: b.pop("VoucherCodeIds")),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_requests_are_rejected(case: str) -> None:
    operation, change = INVALID[case]
    assert errors(REQUEST_SCHEMAS[operation], _mutated(f"{operation}.request", change)) != []


def test_value_of_128_characters_and_1000_ids_are_accepted() -> None:
    add = _mutated("add.request", lambda b: b["VoucherCodeParameters"][0].update(Value="x" * 128))
    assert errors("MultipleVoucherCodeAddParameters", add) == []
    get_all = _mutated("getAll.request", lambda b: b.update(VoucherIds=_many_ids(1000)))
    assert errors("VoucherCodeFilterParameters", get_all) == []


def test_invalid_responses_are_rejected() -> None:
    too_many = {"VoucherCodes": EXAMPLES["getAll.response"]["VoucherCodes"][:1] * 1001}
    assert errors("VoucherCodeResult", too_many) != []
    assert errors("VoucherCodeResult", {}) != []
    bad_state = _mutated("getAll.response", lambda b: b["VoucherCodes"][0].update(ActivityState="Gone"))
    assert errors("VoucherCodeResult", bad_state) != []


def _objects_under(schema: dict[str, Any], seen: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """Every named object schema reachable from `schema` (through $ref, allOf, items and properties)."""
    found: list[tuple[str, dict[str, Any]]] = []
    pending = [schema]
    while pending:
        node = pending.pop()
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                target = SPEC["components"]["schemas"][name]
                if target.get("type") == "object":
                    found.append((name, target))
                pending.append(target)
            continue
        pending += [*node.get("allOf", []), *list(node.get("properties", {}).values())]
        if "items" in node:
            pending.append(node["items"])
    return found


@pytest.mark.parametrize("operation", ["getAll", "add", "delete"])
def test_request_objects_are_closed_and_response_objects_open(operation: str) -> None:
    post = SPEC["paths"][PATH.format(operation)]["post"]
    requests = _objects_under(post["requestBody"]["content"]["application/json"]["schema"], set())
    assert requests
    assert {name: schema.get("additionalProperties") for name, schema in requests} == dict.fromkeys(
        (name for name, _ in requests), False
    )
    answer = post["responses"]["200"]["content"]["application/json"]["schema"]
    assert all("additionalProperties" not in schema for _, schema in _objects_under(answer, set()))
    example = post["requestBody"]["content"]["application/json"]["example"]
    assert errors(requests[0][0], {**example, "Misspelled": 1}) != []
