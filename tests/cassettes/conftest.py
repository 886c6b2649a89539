"""VCR.py through pytest-recording: what the wrapper sends and how it reads the answers, replayed offline.

Replay (`make test`): `--record-mode=none --block-network`; the platform address is read from the cassette and the
tokens are dummies (they are scrubbed before matching). Record (`make record`): every test gets a fresh sandbox,
seeded and on a fixed port, so a re-recording without a behaviour change is byte-identical; with
`MEWS_PLATFORM_URL` set, the tests that need no injected fault record against that platform instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
import pytest
import yaml
from vcr import VCR
from vcr.request import Request as VcrRequest

from mews_sandbox import (
    DEMO_ACCESS_TOKEN,
    DEMO_CLIENT_TOKEN,
    ENTERPRISE_A,
    ENTERPRISE_B,
    PORTFOLIO_ACCESS_TOKEN,
    VOUCHER_A,
    VOUCHER_B,
    FaultPlan,
    SandboxConfig,
    run_sandbox,
)

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes"
RECORD_SEED = 20261123
RECORD_PORT = int(os.environ.get("MEWS_RECORD_PORT", "8787"))
PLACEHOLDERS = {"ClientToken": "<CLIENT_TOKEN>", "AccessToken": "<ACCESS_TOKEN>", "Client": "<CLIENT>"}
KEPT_REQUEST_HEADERS = frozenset({"content-type", "prefer"})
KEPT_RESPONSE_HEADERS = frozenset({"content-type", "content-length", "request-id", "retry-after"})


def canonical_json(body: bytes | str | None) -> str | None:
    """A JSON body with sorted keys and no spaces; None when the body is not JSON."""
    if not body:
        return None
    try:
        return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except ValueError:
        return None


def scrub_request(request: VcrRequest) -> VcrRequest:
    """Tokens and the client name to placeholders, volatile headers out: before recording and before matching."""
    try:
        payload = json.loads(request.body) if request.body else None
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        payload.update({key: value for key, value in PLACEHOLDERS.items() if key in payload})
        request.body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    for name in list(request.headers):
        if name.lower() not in KEPT_REQUEST_HEADERS:
            del request.headers[name]
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Only the headers that carry meaning: Content-Type, Content-Length, Request-Id, Retry-After."""
    response["headers"] = {
        name: value for name, value in response["headers"].items() if name.lower() in KEPT_RESPONSE_HEADERS
    }
    return response


def json_body_matcher(recorded: VcrRequest, live: VcrRequest) -> None:
    """Bodies are equal as JSON (both already scrubbed)."""
    if canonical_json(recorded.body) != canonical_json(live.body):
        raise AssertionError(f"bodies differ: {recorded.body!r} != {live.body!r}")


RECORDED_TESTS = CASSETTES.parent / "tests" / "cassettes" / "test_recorded.py"
_VCR_TESTS: pytest.StashKey[list[str]] = pytest.StashKey()


@pytest.hookimpl(tryfirst=True)  # before -k and -m deselect anything
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the node ids of every cassette test this session collected (tests/cassettes/test_files checks them)."""
    config.stash[_VCR_TESTS] = [
        item.nodeid for item in items if item.get_closest_marker("vcr") and item.path == RECORDED_TESTS
    ]


def collected_vcr_tests(config: pytest.Config) -> list[str] | None:
    """The cassette tests of this session, when it collected the whole of test_recorded.py; else None."""
    whole_file = any(
        "::" not in argument and RECORDED_TESTS.is_relative_to(Path(argument).resolve())
        for argument in config.args or [str(ROOT / path) for path in config.getini("testpaths")]
    )
    return config.stash.get(_VCR_TESTS, None) if whole_file else None


def pytest_recording_configure(config: pytest.Config, vcr: VCR) -> None:
    """Register the JSON body matcher."""
    vcr.register_matcher("json_body", json_body_matcher)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    """Match on everything that tells two Mews calls apart: every call is a POST to one of three paths."""
    return {
        "match_on": ["method", "scheme", "host", "port", "path", "json_body"],
        "before_record_request": scrub_request,
        "before_record_response": scrub_response,
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    """All cassettes in the top-level cassettes/ folder."""
    return str(CASSETTES)


def cassette_name(module: str, test_name: str) -> str:
    """`<test module>.<test name>`, as a file name."""
    name = f"{module}.{test_name}"
    for character in "<>?%*:|\"'/\\":
        name = name.replace(character, "-")
    return name


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    """One cassette per test, named after its module and itself."""
    return cassette_name(request.node.module.__name__.rsplit(".", 1)[-1], request.node.name)


class _NoFaults(FaultPlan):
    """In replay the answers come from the cassette: asking for a fault does nothing."""

    def add(self, *faults: str) -> None:
        """Ignored."""


@attrs.define
class Target:
    """Where a cassette test sends its requests, with the tokens and ids to use there."""

    url: str
    faults: FaultPlan
    client_token: str
    access_token: str
    portfolio_token: str
    voucher_a: str
    voucher_b: str
    enterprise_a: str
    enterprise_b: str


def _recorded_origin(path: Path) -> str:
    if not path.exists():
        pytest.fail(f"no cassette {path.name}: run `make record`")
    interactions = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
    parts = urlsplit(interactions[0]["request"]["uri"])
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def target(request: pytest.FixtureRequest, record_mode: str, default_cassette_name: str) -> Iterator[Target]:
    """Replay: the recorded platform and dummy tokens. Record: a fresh seeded sandbox, or MEWS_PLATFORM_URL."""
    ids = {"voucher_a": VOUCHER_A, "voucher_b": VOUCHER_B, "enterprise_a": ENTERPRISE_A, "enterprise_b": ENTERPRISE_B}
    if record_mode == "none":
        url = _recorded_origin(CASSETTES / f"{default_cassette_name}.yaml")
        yield Target(url, _NoFaults(), "replay-client", "replay-access", "replay-portfolio", **ids)
        return
    platform = os.environ.get("MEWS_PLATFORM_URL")
    if platform:
        if request.node.get_closest_marker("sandbox_only"):
            pytest.skip("needs the sandbox's fault injection")
        env = os.environ
        yield Target(
            platform,
            _NoFaults(),
            env["MEWS_CLIENT_TOKEN"],
            env["MEWS_ACCESS_TOKEN"],
            env.get("MEWS_PORTFOLIO_ACCESS_TOKEN", ""),
            voucher_a=env.get("MEWS_VOUCHER_ID", VOUCHER_A),
            voucher_b=env.get("MEWS_VOUCHER_ID_B", VOUCHER_B),
            enterprise_a=env.get("MEWS_ENTERPRISE_ID", ENTERPRISE_A),
            enterprise_b=env.get("MEWS_ENTERPRISE_ID_B", ENTERPRISE_B),
        )
        return
    config = SandboxConfig(seed=RECORD_SEED, faults=FaultPlan(seed=RECORD_SEED))
    with run_sandbox(config, port=RECORD_PORT) as sandbox:
        yield Target(sandbox.url, sandbox.faults, DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, PORTFOLIO_ACCESS_TOKEN, **ids)
