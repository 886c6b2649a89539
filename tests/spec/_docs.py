"""Read the documented examples straight from the copies of the seed pages kept in tests/spec/data (see its README)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
DOCS = Path(__file__).resolve().parent / "data"
OPERATIONS_PAGE = DOCS / "voucher-codes.txt"
GETALL_PAGE = DOCS / "voucher-codes-get-all.txt"


def load_spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def json_blocks(page: Path) -> list[Any]:
    """Every JSON example on a page: a JSON object that starts on a line of its own (`{` or `{}`)."""
    text = page.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    blocks: list[Any] = []
    position = 0
    while (found := text.find("\n{", position)) != -1:
        try:
            block, position = decoder.raw_decode(text, found + 1)
        except json.JSONDecodeError:
            position = found + 2
            continue
        blocks.append(block)
    return blocks


def documented_examples() -> dict[str, Any]:
    """The six examples of the voucher-codes page, by operation and direction."""
    blocks = json_blocks(OPERATIONS_PAGE)
    names = ["getAll.request", "getAll.response", "add.request", "add.response", "delete.request", "delete.response"]
    assert len(blocks) == len(names), f"expected {len(names)} examples on {OPERATIONS_PAGE.name}, found {len(blocks)}"
    return dict(zip(names, blocks, strict=True))
