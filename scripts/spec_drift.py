"""`make spec-drift`: how `openapi.yaml` differs from Mews' own OpenAPI document, field by field, for the operations
this client covers; every difference is either a known one (`contracts/known-differences.yaml`, with its reason) or
printed as new, and a new one makes the command exit 1.

    make spec-drift                                    # against the vendored contracts/mews-connector-openapi.yaml
    MEWS_SPEC=path/or/https://url make spec-drift      # against a newer download of Mews' document

Compared for each operation's request body and its 200 answer, recursively: fields only on one side, `type`,
`format`, `nullable`, `required`, enum values, closedness (`additionalProperties: false`) and the limits
(`minLength`, `maxLength`, `minItems`, `maxItems`, `minimum`, `maximum`). Each difference is one line:
`<operation> <request|response> <path>: <what>`.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
import urllib.request
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
VENDORED = ROOT / "contracts" / "mews-connector-openapi.yaml"
KNOWN = ROOT / "contracts" / "known-differences.yaml"
PATH = "/api/connector/v1/"
LIMITS = ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum")


def load(source: str | Path) -> dict[str, Any]:
    """An OpenAPI document from a path or an http(s) URL."""
    text = str(source)
    if text.startswith(("http://", "https://")):
        with urllib.request.urlopen(text, timeout=60) as response:
            document: dict[str, Any] = yaml.safe_load(response.read())
            return document
    loaded: dict[str, Any] = yaml.safe_load(Path(text).read_text(encoding="utf-8"))
    return loaded


def known_differences(kind: str) -> list[dict[str, str]]:
    """The reviewed entries of `contracts/known-differences.yaml` for one kind of referee (`drift`, `prism`...)."""
    entries: list[dict[str, str]] = yaml.safe_load(KNOWN.read_text(encoding="utf-8"))["differences"]
    return [entry for entry in entries if entry["kind"] == kind]


def matching(finding: str, entries: list[dict[str, str]]) -> dict[str, str] | None:
    """The first known difference whose `match` (a glob) covers `finding`."""
    return next((entry for entry in entries if fnmatch.fnmatchcase(finding, entry["match"])), None)


class _Schemas:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def resolve(self, schema: dict[str, Any] | None) -> dict[str, Any]:
        schema = schema or {}
        while "$ref" in schema:
            node: Any = self.document
            for part in schema["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        if "allOf" in schema:
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                merged |= self.resolve(part)
            merged |= {key: value for key, value in schema.items() if key != "allOf"}
            return merged
        return schema

    def body(self, operation: str, side: str) -> dict[str, Any] | None:
        post = self.document.get("paths", {}).get(PATH + operation, {}).get("post")
        if post is None:
            return None
        holder = post.get("requestBody", {}) if side == "request" else post.get("responses", {}).get("200", {})
        schema = holder.get("content", {}).get("application/json", {}).get("schema")
        return None if schema is None else self.resolve(schema)


def differences(ours: dict[str, Any], mews: dict[str, Any]) -> list[str]:
    """Every difference, for the operations `ours` covers, as lines."""
    mine, theirs = _Schemas(ours), _Schemas(mews)
    found: list[str] = []
    for path in sorted(ours.get("paths", {})):
        operation = path.removeprefix(PATH)
        if PATH + operation not in mews.get("paths", {}):
            found.append(f"{operation}: not in Mews' document")
            continue
        for side in ("request", "response"):
            a, b = mine.body(operation, side), theirs.body(operation, side)
            if a is None or b is None:
                if (a is None) != (b is None):
                    found.append(f"{operation} {side}: only {'Mews' if a is None else 'ours'} declares a JSON body")
                continue
            _compare(mine, theirs, a, b, f"{operation} {side} ", "", found, {})
    return found


def _compare(
    mine: _Schemas,
    theirs: _Schemas,
    a: dict[str, Any],
    b: dict[str, Any],
    prefix: str,
    where: str,
    found: list[str],
    seen: dict[tuple[int, int], tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    key = (id(a), id(b))
    if key in seen:
        return
    seen[key] = (a, b)  # kept alive: a schema merged from allOf is a new dict, and a freed one's id is reused
    at = prefix + (where or "(body)")
    for word in ("type", "format"):
        if a.get(word) != b.get(word) and b.get(word) is not None:
            found.append(f"{at}: {word} ours {a.get(word)}, Mews {b.get(word)}")
    if bool(a.get("nullable")) != bool(b.get("nullable")):
        found.append(f"{at}: nullable ours {bool(a.get('nullable'))}, Mews {bool(b.get('nullable'))}")
    for limit in LIMITS:
        if a.get(limit) != b.get(limit):
            found.append(f"{at}: {limit} ours {a.get(limit)}, Mews {b.get(limit)}")
    enum_a, enum_b = set(a.get("enum", [])), set(b.get("enum", []))
    if enum_a or enum_b:
        for value in sorted(enum_b - enum_a, key=str):
            found.append(f"{at}: enum value {value} only in Mews")
        for value in sorted(enum_a - enum_b, key=str):
            found.append(f"{at}: enum value {value} only in ours")
    closed_a, closed_b = a.get("additionalProperties") is False, b.get("additionalProperties") is False
    if (a.get("properties") or b.get("properties")) and closed_a != closed_b:
        found.append(f"{at}: closed ours {closed_a}, Mews {closed_b}")
    props_a, props_b = a.get("properties", {}), b.get("properties", {})
    required_a, required_b = set(a.get("required", [])), set(b.get("required", []))
    for name in sorted(set(props_a) | set(props_b)):
        field = f"{where}.{name}" if where else name
        if name not in props_b:
            found.append(f"{prefix}{field}: only in ours")
            continue
        if name not in props_a:
            found.append(f"{prefix}{field}: only in Mews" + (" (required)" if name in required_b else ""))
            continue
        if (name in required_a) != (name in required_b):
            found.append(f"{prefix}{field}: required ours {name in required_a}, Mews {name in required_b}")
        _compare(mine, theirs, mine.resolve(props_a[name]), theirs.resolve(props_b[name]), prefix, field, found, seen)
    if "items" in a and "items" in b:
        _compare(mine, theirs, mine.resolve(a["items"]), theirs.resolve(b["items"]), prefix, f"{where}[]", found, seen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mews", default=os.environ.get("MEWS_SPEC") or str(VENDORED), help="Mews' document")
    parser.add_argument("--ours", default=str(ROOT / "openapi.yaml"))
    args = parser.parse_args()
    try:
        ours, mews = load(args.ours), load(args.mews)
    except (OSError, ValueError, yaml.YAMLError) as error:  # URLError is an OSError
        print(f"spec-drift: cannot read {args.mews}: {error}", file=sys.stderr)
        return 2
    if not isinstance(mews, dict) or "paths" not in mews:
        print(f"spec-drift: {args.mews} is not an OpenAPI document (no paths)", file=sys.stderr)
        return 2
    found = differences(ours, mews)
    entries = known_differences("drift")
    new = [finding for finding in found if matching(finding, entries) is None]
    used = {entry["match"] for finding in found if (entry := matching(finding, entries)) is not None}
    stale = [entry["match"] for entry in entries if entry["match"] not in used]
    print(f"spec-drift: {len(found)} differences from {args.mews}: {len(found) - len(new)} known, {len(new)} new")
    for finding in new:
        print(f"  new: {finding}")
    for match in stale:
        print(f"  no longer different (the known difference can go): {match}")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
