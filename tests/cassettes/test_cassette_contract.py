"""openapi-core, a referee nobody here wrote, validates every request and response stored in `cassettes/` against
`openapi.yaml` (path, method, headers, status and body) after every re-recording, and against Mews' own document,
where every finding must be one of the known differences of `contracts/known-differences.yaml`."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.exceptions import OpenAPIError
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.validation.request.exceptions import RequestValidationError
from openapi_core.validation.response.exceptions import ResponseValidationError

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = sorted((ROOT / "cassettes").glob("*.yaml"))
SPEC = OpenAPI.from_file_path(str(ROOT / "openapi.yaml"))
SERVER = "https://api.mews-demo.com"  # recordings made against a sandbox are checked as if sent to Mews


def _first(headers: dict[str, list[str]], name: str) -> str | None:
    values = {key.lower(): value for key, value in headers.items()}.get(name)
    return values[0] if values else None


def interactions(path: Path) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
    return loaded


def checked_pairs(interaction: dict[str, Any]) -> tuple[MockRequest, MockResponse]:
    request, response = interaction["request"], interaction["response"]
    headers = {key: values[0] for key, values in request["headers"].items()}
    mock_request = MockRequest(
        SERVER,
        request["method"].lower(),
        urlsplit(request["uri"]).path,
        data=(request["body"] or "").encode(),
        headers=headers,
        content_type=_first(request["headers"], "content-type") or "application/json",
    )
    body = response["body"]["string"]
    mock_response = MockResponse(
        data=body.encode() if isinstance(body, str) else body,
        status_code=response["status"]["code"],
        headers={key: values[0] for key, values in response["headers"].items()},
        content_type=_first(response["headers"], "content-type"),
    )
    return mock_request, mock_response


def test_there_are_cassettes_to_check() -> None:
    assert len(CASSETTES) >= 30


@pytest.mark.parametrize("path", CASSETTES, ids=lambda path: path.stem)
def test_every_stored_request_and_response_follows_the_spec(path: Path) -> None:
    for interaction in interactions(path):
        request, response = checked_pairs(interaction)
        SPEC.validate_request(request)
        SPEC.validate_response(request, response)


def _spoiled(field: str, value: Any, *, where: str) -> dict[str, Any]:
    """A stored getAll exchange with one field of the request or of the first code changed."""
    path = next(path for path in CASSETTES if "every_filter[sync]" in path.name)
    interaction = interactions(path)[0]
    side = interaction[where]
    text = side["body"] if where == "request" else side["body"]["string"]
    payload = yaml.safe_load(text)
    (payload["VoucherCodes"][0] if where == "response" else payload)[field] = value
    dumped = yaml.safe_dump(payload, default_flow_style=True, width=10**9).strip()
    if where == "request":
        side["body"] = dumped
    else:
        side["body"]["string"] = dumped
    return interaction


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [("VoucherId", 5, "response"), ("IsActive", "yes", "response"), ("VoucherIds", [], "request")],
)
def test_a_spoiled_exchange_is_refused_so_a_pass_means_something(field: str, value: Any, where: str) -> None:
    request, response = checked_pairs(_spoiled(field, value, where=where))
    if where == "request":
        with pytest.raises(RequestValidationError):
            SPEC.validate_request(request)
    else:
        SPEC.validate_request(request)
        with pytest.raises(ResponseValidationError):
            SPEC.validate_response(request, response)


def _drift_module() -> Any:
    """`scripts/spec_drift.py`: the one reader of the known differences (`contracts/known-differences.yaml`)."""
    loaded = importlib.util.spec_from_file_location("spec_drift", ROOT / "scripts" / "spec_drift.py")
    assert loaded is not None
    assert loaded.loader is not None
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return module


def mews_document_app() -> OpenAPI:
    """Mews' own document for openapi-core, as published: its spec check is off (the cut has no descriptions, which
    OpenAPI 3.0 requires of a response), and the demo platform is added to its servers (recordings are checked as
    if sent there)."""
    document = yaml.safe_load((ROOT / "contracts" / "mews-connector-openapi.yaml").read_text(encoding="utf-8"))
    document["servers"].append({"url": SERVER})
    return OpenAPI.from_dict(document, config=Config(spec_validator_cls=None))


def official_findings() -> list[str]:
    """What openapi-core finds in every stored exchange against Mews' document: one line each."""
    mews = mews_document_app()
    found = []
    for path in CASSETTES:
        for interaction in interactions(path):
            request, response = checked_pairs(interaction)
            operation = urlsplit(interaction["request"]["uri"]).path.removeprefix("/api/connector/v1/")
            status = interaction["response"]["status"]["code"]
            for side, check in (
                ("request", lambda: mews.validate_request(request)),  # noqa: B023 - called in this turn
                ("response", lambda: mews.validate_response(request, response)),  # noqa: B023
            ):
                try:
                    check()
                except OpenAPIError as error:  # a validation error, or an undeclared status
                    found.append(f"openapi-core {operation} {status} {side}: {type(error).__name__}: {error}")
    return found


def test_every_stored_exchange_follows_mews_document_or_a_known_difference() -> None:
    drift = _drift_module()
    entries = drift.known_differences("openapi-core")
    findings = official_findings()
    assert [finding for finding in findings if drift.matching(finding, entries) is None] == []
    assert {entry["match"] for entry in entries} == {
        entry["match"] for finding in findings if (entry := drift.matching(finding, entries)) is not None
    }  # every known difference is still seen: none is stale


def test_mews_document_catches_a_spoiled_exchange() -> None:
    """The negative control: the referee that passes the cassettes fails a request and an answer spoiled on purpose."""
    mews = mews_document_app()
    request, response = checked_pairs(_spoiled("NoSuchField", 1, where="request"))
    with pytest.raises(RequestValidationError):
        mews.validate_request(request)
    request, response = checked_pairs(_spoiled("NoSuchField", 1, where="response"))
    with pytest.raises(ResponseValidationError):
        mews.validate_response(request, response)
