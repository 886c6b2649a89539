"""Hygiene of the cassettes/ folder: no secrets in any recording, and no recording that no test replays."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, PORTFOLIO_ACCESS_TOKEN
from tests.cassettes.conftest import CASSETTES, ROOT, cassette_name, collected_vcr_tests

# A Mews token: 32 hex digits, a dash, and more hex (the documented demo pair has this shape).
TOKEN_SHAPE = re.compile(r"[0-9A-Fa-f]{32}-[0-9A-Fa-f]{16,}")
# Other public demo tokens of the Mews documentation are of the same shape; these are the ones our tools know.
KNOWN_TOKENS = (DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, PORTFOLIO_ACCESS_TOKEN)


def cassette_files() -> list[Path]:
    return sorted(CASSETTES.glob("*.yaml"))


def test_there_are_cassettes() -> None:
    assert len(cassette_files()) >= 30


def test_no_cassette_holds_a_token_or_anything_shaped_like_one() -> None:
    for path in cassette_files():
        text = path.read_text(encoding="utf-8")
        for token in KNOWN_TOKENS:
            assert token not in text, f"{path.name} holds a token"
        assert not TOKEN_SHAPE.search(text), f"{path.name} holds something shaped like a Mews token"
        assert "<ACCESS_TOKEN>" in text, f"{path.name} was not scrubbed"


def test_the_token_shape_catches_the_documented_tokens() -> None:
    assert TOKEN_SHAPE.search(DEMO_CLIENT_TOKEN)
    assert TOKEN_SHAPE.search(DEMO_ACCESS_TOKEN)


def test_every_cassette_is_replayed_by_some_test(pytestconfig: pytest.Config) -> None:
    nodes = collected_vcr_tests(pytestconfig)  # this session's own collection, when it holds every cassette test
    if nodes is None:  # run on its own: collect them in a pytest of their own
        options = ["--collect-only", "-q", "-p", "no:cacheprovider", "-m", "vcr", "tests/cassettes"]
        collected = subprocess.run(
            [sys.executable, "-m", "pytest", *options],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        nodes = [line for line in collected.splitlines() if "::" in line]
    expected = set()
    for node in nodes:
        module, test = node.split("::", 1)
        expected.add(cassette_name(Path(module).stem, test) + ".yaml")
    assert expected, nodes
    present = {path.name for path in cassette_files()}
    assert present - expected == set(), "stale cassettes: delete them or run `make record`"
    assert expected - present == set(), "missing cassettes: run `make record`"
