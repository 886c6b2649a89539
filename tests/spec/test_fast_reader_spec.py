"""The fast reader's structs against openapi.yaml: every property of `VoucherCode` and `VoucherCodeResult`, with its
name, type, format, requiredness and nullability, has its field, and no field is made up."""

from __future__ import annotations

import datetime as dt
import types
import typing
import uuid
from typing import Any

import msgspec
import pytest

from mews_wrapper._wire.voucher_codes import WireVoucherCode as _WireVoucherCode
from mews_wrapper._wire.voucher_codes import WireVoucherCodeResult as _WireVoucherCodeResult
from tests.spec._docs import load_spec

SPEC = load_spec()
SCHEMAS = SPEC["components"]["schemas"]


def resolve(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A property's schema with `$ref` and `allOf: [$ref]` followed, and whether it is nullable."""
    nullable = bool(schema.get("nullable", False))
    if "allOf" in schema:
        (schema,) = schema["allOf"]
    if "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema, nullable or bool(schema.get("nullable", False))


def expected_type(schema: dict[str, Any]) -> Any:
    """The Python type a strict reading of this (resolved) schema gives."""
    if "enum" in schema:
        return typing.Literal[tuple(schema["enum"])]  # type: ignore[misc]
    kind, form = schema.get("type"), schema.get("format")
    if kind == "string":
        return {"uuid": uuid.UUID, "date-time": dt.datetime, None: str}[form]
    if kind == "boolean":
        return bool
    if kind == "array":
        item_name = schema["items"]["$ref"].rsplit("/", 1)[-1]
        item_struct = {"VoucherCode": _WireVoucherCode}[item_name]
        return list[item_struct]  # type: ignore[valid-type]
    raise AssertionError(f"no reading for {schema}")


def described(field_type: Any) -> tuple[Any, bool]:
    """A field's value type without `UnsetType`, and whether it admits None."""
    members = (
        typing.get_args(field_type)
        if isinstance(field_type, types.UnionType) or typing.get_origin(field_type) is typing.Union
        else (field_type,)
    )
    kept = [member for member in members if member not in (type(None), msgspec.UnsetType)]
    (value_type,) = kept
    if typing.get_origin(value_type) is typing.Annotated:  # a constraint (an offset required) on the same type
        value_type = typing.get_args(value_type)[0]
    return value_type, type(None) in members


@pytest.mark.parametrize(
    ("schema_name", "struct"), [("VoucherCode", _WireVoucherCode), ("VoucherCodeResult", _WireVoucherCodeResult)]
)
def test_every_property_of_the_spec_has_its_field_and_no_other(schema_name: str, struct: type) -> None:
    schema = SCHEMAS[schema_name]
    fields = {field.encode_name: field for field in msgspec.structs.fields(struct)}
    assert set(fields) == set(schema["properties"]), "names differ between openapi.yaml and the fast reader"
    for name, property_schema in schema["properties"].items():
        resolved, nullable = resolve(property_schema)
        field = fields[name]
        value_type, admits_none = described(field.type)
        assert value_type == expected_type(resolved), name
        assert admits_none == nullable, f"{name}: nullable in the spec is {nullable}"
        assert field.required == (name in schema.get("required", [])), f"{name}: required"
        if not field.required:  # absent reads as null where null is allowed, else as UNSET (told apart)
            assert field.default is (None if nullable else msgspec.UNSET), f"{name}: absent must not become a value"


def test_the_structs_refuse_unknown_fields_so_that_extra_is_never_lost() -> None:
    for struct in (_WireVoucherCode, _WireVoucherCodeResult):
        assert struct.__struct_config__.forbid_unknown_fields
