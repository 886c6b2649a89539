"""Hypothesis strategies for JSON documents an OpenAPI 3.0 schema allows (the subset Mews' document uses).

`$ref`, `allOf` (merged), `oneOf`/`anyOf`, `nullable`, `enum`, strings with `format` (uuid, date-time) and length
bounds, integers and numbers with bounds, booleans, arrays with item bounds (kept short), and objects: required
properties always, optional ones sometimes, `additionalProperties` as a map when the object names no properties.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

_MAX_ITEMS = 3
_MAX_DEPTH = 8


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The schema a `$ref` points at (followed until it is not one)."""
    while "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _merged(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """`allOf` folded into one schema (the parts' keywords, the outer schema's last)."""
    schema = resolve(spec, schema)
    if "allOf" not in schema:
        return schema
    merged: dict[str, Any] = {}
    for each in schema["allOf"]:
        part = _merged(spec, each)
        for key, value in part.items():
            if key == "properties":
                merged.setdefault("properties", {}).update(value)
            elif key == "required":
                merged["required"] = [*merged.get("required", []), *value]
            else:
                merged[key] = value
    merged |= {key: value for key, value in schema.items() if key != "allOf"}
    return merged


def _datetimes() -> st.SearchStrategy[str]:
    moments = st.datetimes(
        min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
    )
    return moments.map(lambda moment: moment.isoformat().replace("+00:00", "Z"))


def bodies(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Documents `schema` allows."""
    schema = _merged(spec, schema)
    base = _not_null(spec, schema, depth)
    return st.none() | base if schema.get("nullable") else base


def _not_null(spec: dict[str, Any], schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return st.one_of([bodies(spec, part, depth + 1) for part in schema[key]])
    kind = schema.get("type")
    if kind == "string":
        if schema.get("format") == "uuid":
            return st.uuids().map(str)
        if schema.get("format") == "date-time":
            return _datetimes()
        low = schema.get("minLength", 0)
        return st.text(min_size=low, max_size=max(low, min(schema.get("maxLength", 12), 12)))
    if kind == "integer":
        return st.integers(schema.get("minimum", -(2**31)), schema.get("maximum", 2**31 - 1))
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        low = schema.get("minItems", 0)
        high = max(low, min(schema.get("maxItems", _MAX_ITEMS), _MAX_ITEMS if depth < _MAX_DEPTH else low))
        return st.lists(bodies(spec, schema.get("items", {}), depth + 1), min_size=low, max_size=high)
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        needed = {name: bodies(spec, value, depth + 1) for name, value in properties.items() if name in required}
        optional = (
            {name: bodies(spec, value, depth + 1) for name, value in properties.items() if name not in required}
            if depth < _MAX_DEPTH
            else {}
        )
        extra = schema.get("additionalProperties")
        if not properties and isinstance(extra, dict):
            return st.dictionaries(st.text(max_size=5), bodies(spec, extra, depth + 1), max_size=2)
        return st.fixed_dictionaries(needed, optional=optional)
    return st.just({})
