"""Hygiene of the cassettes/ folder: no secrets in any recording, and no recording that no test replays."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from mews_sandbox import DEMO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN, PORTFOLIO_ACCESS_TOKEN
from tests.cassettes.conftest import CASSETTES, ROOT, cassette_name

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


def test_every_cassette_is_replayed_by_some_test() -> None:
    collected = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "vcr",
            "tests/cassettes",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    expected = set()
    for line in collected.splitlines():
        if "::" in line:
            module, test = line.split("::", 1)
            expected.add(cassette_name(Path(module).stem, test) + ".yaml")
    assert expected, collected
    present = {path.name for path in cassette_files()}
    assert present - expected == set(), "stale cassettes: delete them or run `make record`"
    assert expected - present == set(), "missing cassettes: run `make record`"
