"""The fast reader's structs against openapi.yaml: every property of every result schema it reads (voucher codes,
services, vouchers), with its name, type, format, requiredness and nullability, has its field, and no field is made
up."""

from __future__ import annotations

import datetime as dt
import types
import typing
import uuid
from typing import Any

import msgspec
import pytest

from mews_wrapper._fast_reader import UuidText
from mews_wrapper._wire import services as wire_services
from mews_wrapper._wire import voucher_codes as wire_codes
from mews_wrapper._wire import vouchers as wire_vouchers
from tests.spec._docs import load_spec

SPEC = load_spec()
SCHEMAS = SPEC["components"]["schemas"]
STRUCTS: dict[str, type[msgspec.Struct]] = {
    "VoucherCode": wire_codes.WireVoucherCode,
    "VoucherCodeResult": wire_codes.WireVoucherCodeResult,
    "Service": wire_services.WireService,
    "ServiceOptions": wire_services.WireServiceOptions,
    "ServiceData": wire_services.WireServiceData,
    "ServiceResult": wire_services.WireServiceResult,
    "Voucher": wire_vouchers.WireVoucher,
    "VoucherAssignment": wire_vouchers.WireVoucherAssignment,
    "VoucherResult": wire_vouchers.WireVoucherResult,
}


def resolve(schema: dict[str, Any]) -> tuple[dict[str, Any], bool, str | None]:
    """A property's schema with `$ref` and `allOf: [$ref]` followed, whether it is nullable, and the name it has."""
    nullable = bool(schema.get("nullable", False))
    if "allOf" in schema:
        (schema,) = schema["allOf"]
    name = None
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = SCHEMAS[name]
    return schema, nullable or bool(schema.get("nullable", False)), name


def expected_type(schema: dict[str, Any], name: str | None = None) -> Any:
    """The Python type a strict reading of this (resolved) schema gives: a named object reads into its struct."""
    if "enum" in schema:
        return typing.Literal[tuple(schema["enum"])]  # type: ignore[misc]
    kind, form = schema.get("type"), schema.get("format")
    if kind == "string":
        return {"uuid": uuid.UUID, "date-time": dt.datetime, None: str}[form]
    if kind == "boolean":
        return bool
    if kind == "integer":
        return int
    if kind == "array":
        item, item_nullable, item_name = resolve(schema["items"])
        assert not item_nullable
        return list[expected_type(item, item_name)]  # type: ignore[misc]
    if kind == "object" and name in STRUCTS:
        return STRUCTS[name]
    if kind == "object":
        extra = schema.get("additionalProperties", True)
        if extra is True:
            return dict[str, Any]
        value, value_nullable, value_name = resolve(extra)
        value_type = expected_type(value, value_name)
        return dict[str, value_type | None] if value_nullable else dict[str, value_type]  # type: ignore[valid-type]
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
    if value_type == UuidText:  # a UUID read as its text and made a UUID once per page
        return uuid.UUID, type(None) in members
    if typing.get_origin(value_type) is typing.Annotated:  # a constraint (an offset required) on the same type
        value_type = typing.get_args(value_type)[0]
    return value_type, type(None) in members


@pytest.mark.parametrize(("schema_name", "struct"), list(STRUCTS.items()))
def test_every_property_of_the_spec_has_its_field_and_no_other(schema_name: str, struct: type) -> None:
    schema = SCHEMAS[schema_name]
    fields = {field.encode_name: field for field in msgspec.structs.fields(struct)}
    assert set(fields) == set(schema["properties"]), "names differ between openapi.yaml and the fast reader"
    for name, property_schema in schema["properties"].items():
        resolved, nullable, ref_name = resolve(property_schema)
        field = fields[name]
        value_type, admits_none = described(field.type)
        assert value_type == expected_type(resolved, ref_name), name
        assert admits_none == nullable, f"{name}: nullable in the spec is {nullable}"
        assert field.required == (name in schema.get("required", [])), f"{name}: required"
        if not field.required:  # absent reads as null where null is allowed, else as UNSET (told apart)
            assert field.default is (None if nullable else msgspec.UNSET), f"{name}: absent must not become a value"


def test_the_structs_refuse_unknown_fields_so_that_extra_is_never_lost() -> None:
    for struct in STRUCTS.values():
        assert struct.__struct_config__.forbid_unknown_fields
