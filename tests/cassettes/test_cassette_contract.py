"""openapi-core, a referee nobody here wrote, validates every request and response stored in `cassettes/` against
`openapi.yaml`: path, method, headers, status and body, after every re-recording."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from openapi_core import OpenAPI
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
